// A report covers a finished period and may be handed in from its last day on; sending it back
// says why. These pin the periods and the days.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issue } from '../../../core/http/form';
import { reportPeriod, reportReviewIssues, reportSubmitIssues } from './report-rules';

const grant = { startDate: '2026-03-01', endDate: '2027-09-30' };
const interim2026 = { kind: 'interim', budgetYear: 2026 };
const final = { kind: 'final', budgetYear: null };

describe('a report’s period', () => {
  it('is its budget year within the project, or the whole project for the final report', () => {
    assert.deepEqual(reportPeriod(interim2026, grant), { start: '2026-03-01', end: '2026-12-31' });
    assert.deepEqual(reportPeriod({ kind: 'interim', budgetYear: 2027 }, grant), {
      start: '2027-01-01',
      end: '2027-09-30',
    });
    assert.deepEqual(reportPeriod(final, grant), { start: '2026-03-01', end: '2027-09-30' });
  });
});

describe('submitting a report', () => {
  it('is possible from the last day of its period (Berlin) on, and names that day before', () => {
    assert.deepEqual(reportSubmitIssues(interim2026, { today: '2026-12-31', grant }), []);
    assert.deepEqual(reportSubmitIssues(interim2026, { today: '2027-01-01', grant }), []);
    assert.deepEqual(reportSubmitIssues(interim2026, { today: '2026-12-30', grant }), [
      issue('submit', 'funding:report.tooEarly', { date: { date: '2026-12-31' } }),
    ]);
    assert.deepEqual(reportSubmitIssues(final, { today: '2027-09-29', grant }), [
      issue('submit', 'funding:report.tooEarly', { date: { date: '2027-09-30' } }),
    ]);
  });
});

describe('the officer’s review', () => {
  const context = {
    report: final,
    figures: {
      takenAt: '2027-10-01T08:00:00.000Z',
      lines: [],
      totals: { plannedCents: 0, actualCents: 0, receiptsCents: 0, reportedCents: 0, paidOutCents: 0 },
      receiptCount: 0,
      narrative: [],
    },
  };
  it('accepts without a note but asks for corrections only with one', () => {
    assert.deepEqual(reportReviewIssues({ action: 'accept', note: '' }, context), []);
    assert.deepEqual(reportReviewIssues({ action: 'corrections', note: 'Beleg fehlt' }, context), []);
    assert.deepEqual(reportReviewIssues({ action: 'corrections', note: '' }, context), [
      issue('note', 'funding:report.noteRequired'),
    ]);
  });
});
