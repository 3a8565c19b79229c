import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { issue } from '../../../core/http/form';
import { expenseLines } from '../applications/financing-plan';
import type { StoredPlan } from '../schema';
import {
  applyChange,
  applyShift,
  changeDecisionIssues,
  changeRequestIssues,
  checkExtension,
  checkPartnerChange,
  latestEnd,
  notificationIssues,
  shiftNeedsApproval,
} from './change-rules';

const plan: StoredPlan = {
  expenses: [
    { line: 'staff', year: 2027, amountCents: 6_000_000 },
    { line: 'material', year: 2027, amountCents: 1_000_000 },
    { line: 'travel', year: 2027, amountCents: 500_000 },
    { line: 'staff', year: 2028, amountCents: 6_000_000 },
  ],
  ownFunds: [{ year: 2027, amountCents: 750_000 }],
  thirdPartyFunds: [],
  grant: [
    { year: 2027, amountCents: 6_750_000 },
    { year: 2028, amountCents: 6_000_000 },
  ],
};
const sum = (p: StoredPlan) => p.expenses.reduce((s, e) => s + e.amountCents, 0);

describe('shifting money between lines', () => {
  it('moves the amount and keeps total and grant', () => {
    const r = applyShift(plan, { year: 2027, fromLine: 'staff', toLine: 'material', amountCents: 150_000 });
    assert.ok(r.ok);
    assert.equal(sum(r.plan), sum(plan));
    assert.deepEqual(r.plan.grant, plan.grant);
    assert.equal(r.plan.expenses.find((e) => e.line === 'material' && e.year === 2027)?.amountCents, 1_150_000);
    assert.equal(r.plan.expenses.find((e) => e.line === 'staff' && e.year === 2027)?.amountCents, 5_850_000);
  });

  it('refuses more than the line holds, an unplanned year and a shift onto the same line', () => {
    assert.deepEqual(applyShift(plan, { year: 2027, fromLine: 'travel', toLine: 'staff', amountCents: 500_001 }), {
      ok: false,
      problem: 'aboveLine',
    });
    assert.deepEqual(applyShift(plan, { year: 2030, fromLine: 'staff', toLine: 'travel', amountCents: 1 }), {
      ok: false,
      problem: 'notPlanned',
    });
    assert.deepEqual(applyShift(plan, { year: 2027, fromLine: 'staff', toLine: 'staff', amountCents: 1 }), {
      ok: false,
      problem: 'sameLine',
    });
  });

  it('allows up to 20 % more on a line without approval, and needs approval above', () => {
    // material 10,000 € planned: +2,000 € is exactly 20 %
    const within = applyShift(plan, { year: 2027, fromLine: 'staff', toLine: 'material', amountCents: 200_000 });
    const beyond = applyShift(plan, { year: 2027, fromLine: 'staff', toLine: 'material', amountCents: 200_001 });
    assert.ok(within.ok && beyond.ok);
    assert.equal(shiftNeedsApproval(plan, within.plan), false);
    assert.equal(shiftNeedsApproval(plan, beyond.plan), true);
  });

  it('needs approval for a line the decided plan did not have', () => {
    const r = applyShift(plan, { year: 2027, fromLine: 'staff', toLine: 'fees', amountCents: 100 });
    assert.ok(r.ok);
    assert.equal(shiftNeedsApproval(plan, r.plan), true);
  });

  it('counts small shifts together against the decided plan', () => {
    const first = applyShift(plan, { year: 2027, fromLine: 'staff', toLine: 'material', amountCents: 150_000 });
    assert.ok(first.ok);
    assert.equal(shiftNeedsApproval(plan, first.plan), false);
    const second = applyShift(first.plan, { year: 2027, fromLine: 'staff', toLine: 'material', amountCents: 100_000 });
    assert.ok(second.ok);
    // each alone is within 20 %, together 25 % above the decided 10,000 €
    assert.equal(shiftNeedsApproval(plan, second.plan), true);
  });

  it('never changes the total, whatever is shifted', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...expenseLines),
        fc.constantFrom(...expenseLines),
        fc.integer({ min: 1, max: 7_000_000 }),
        fc.constantFrom(2027, 2028),
        (fromLine, toLine, amountCents, year) => {
          const r = applyShift(plan, { year, fromLine, toLine, amountCents });
          if (r.ok) {
            assert.equal(sum(r.plan), sum(plan));
            assert.ok(r.plan.expenses.every((e) => e.amountCents > 0));
          }
        },
      ),
    );
  });
});

describe('extensions and partner changes', () => {
  const grant = { startDate: '2027-01-01', endDate: '2028-12-31' };
  it('accepts a later end within the maximum duration', () => {
    assert.equal(checkExtension(grant, '2029-06-30', 36), undefined);
    assert.equal(checkExtension(grant, '2029-12-31', 36), undefined);
  });
  it('refuses an earlier or equal end and one beyond the maximum', () => {
    assert.equal(checkExtension(grant, '2028-12-31', 36), 'notLater');
    assert.equal(checkExtension(grant, '2030-01-31', 36), 'beyondMaxDuration');
  });
  it('knows the latest end the maximum allows: a begun month counts whole', () => {
    assert.equal(latestEnd('2027-01-01', 36), '2029-12-31');
    assert.equal(latestEnd('2027-03-15', 24), '2029-02-28');
    assert.equal(checkExtension({ startDate: '2027-03-15', endDate: '2028-12-31' }, '2029-02-28', 24), undefined);
    assert.equal(
      checkExtension({ startDate: '2027-03-15', endDate: '2028-12-31' }, '2029-03-01', 24),
      'beyondMaxDuration',
    );
  });
  it('keeps the migrant-organisation rule and the shares', () => {
    const mo = { name: 'Verein', isMigrantOrganisation: true, role: 'Partner', tasks: '', budgetShareBp: 4000 };
    const other = { ...mo, name: 'Stadt', isMigrantOrganisation: false, budgetShareBp: 7000 };
    assert.equal(checkPartnerChange([mo], true), undefined);
    assert.equal(checkPartnerChange([{ ...other, budgetShareBp: 1000 }], true), 'migrantOrganisationRequired');
    assert.equal(checkPartnerChange([mo, other], true), 'sharesAbove100');
    assert.equal(checkPartnerChange([], false), 'noPartners');
  });
});

describe('the issues a change request shows', () => {
  const grant = { plan, startDate: '2027-01-01', endDate: '2028-12-31', partners: null };
  const programme = { maxDurationMonths: 36, requiresMigrantOrganisation: true };
  const today = '2027-06-01';
  it('are at the field of the carrier’s form they concern', () => {
    const shift = { kind: 'shift' as const, year: 2027, fromLine: 'travel', toLine: 'staff', amountCents: 500_001 };
    assert.deepEqual(changeRequestIssues(shift, { grant, programme, today }), [
      issue('amount', 'funding:change.problems.aboveLine'),
    ]);
    assert.deepEqual(changeRequestIssues({ ...shift, year: 2030, amountCents: 1 }, { grant, programme, today }), [
      issue('year', 'funding:change.problems.notPlanned'),
    ]);
    assert.deepEqual(changeRequestIssues({ kind: 'extension', endDate: '2030-06-30' }, { grant, programme, today }), [
      issue('endDate', 'funding:change.problems.beyondMaxDuration', { maximum: 36, date: { date: '2029-12-31' } }),
    ]);
    const noMo = { name: 'Stadt', isMigrantOrganisation: false, role: '', tasks: '', budgetShareBp: 0 };
    assert.deepEqual(changeRequestIssues({ kind: 'partners', partners: [noMo] }, { grant, programme, today }), [
      issue('partners', 'funding:change.problems.migrantOrganisationRequired'),
    ]);
  });
  it('are none for a change that fits, which then says what the grant becomes', () => {
    assert.deepEqual(
      changeRequestIssues({ kind: 'extension', endDate: '2029-06-30' }, { grant, programme, today }),
      [],
    );
    const r = applyChange(grant, { kind: 'extension', endDate: '2029-06-30' }, programme, today);
    assert.ok(r.ok);
    assert.equal(r.endDate, '2029-06-30');
    assert.equal(r.plan, plan, 'an extension leaves the plan');
  });
});

describe('after the project’s end', () => {
  const grant = { plan, startDate: '2027-01-01', endDate: '2028-12-31', partners: null };
  const programme = { maxDurationMonths: 36, requiresMigrantOrganisation: false };
  const shift = { kind: 'shift' as const, year: 2028, fromLine: 'staff', toLine: 'travel', amountCents: 1_000 };
  const extension = { kind: 'extension' as const, endDate: '2029-06-30' };
  const partners = {
    kind: 'partners' as const,
    partners: [{ name: 'Verein', isMigrantOrganisation: true, role: '', tasks: '', budgetShareBp: 0 }],
  };
  const ended = (field: string) =>
    issue(field, 'funding:change.problems.projectEnded', { date: { date: '2028-12-31' } });
  it('no shift, extension or partner change is accepted, and the message names the end', () => {
    const after = { grant, programme, today: '2029-01-01' };
    assert.deepEqual(changeRequestIssues(shift, after), [ended('year')]);
    assert.deepEqual(changeRequestIssues(extension, after), [ended('endDate')]);
    assert.deepEqual(changeRequestIssues(partners, after), [ended('partners')]);
  });
  it('on the last day of the project each is still possible', () => {
    const lastDay = { grant, programme, today: '2028-12-31' };
    assert.deepEqual(changeRequestIssues(shift, lastDay), []);
    assert.deepEqual(changeRequestIssues(extension, lastDay), []);
    assert.deepEqual(changeRequestIssues(partners, lastDay), []);
  });
});

describe('a decision and a notification', () => {
  it('a rejection says why; an approval may stay silent', () => {
    assert.deepEqual(changeDecisionIssues({ action: 'approve', note: '' }), []);
    assert.deepEqual(changeDecisionIssues({ action: 'reject', note: 'Kein Vertrag' }), []);
    assert.deepEqual(changeDecisionIssues({ action: 'reject', note: '' }), [
      issue('note', 'funding:change.reasonForRejection'),
    ]);
  });
  it('what is reported has happened by today in Berlin', () => {
    assert.deepEqual(notificationIssues({ occurredOn: '2026-12-31' }, { today: '2026-12-31' }), []);
    assert.deepEqual(notificationIssues({ occurredOn: '2027-01-01' }, { today: '2026-12-31' }), [
      issue('occurredOn', 'funding:notification.occurredOnPast'),
    ]);
  });
});
