// The carrier's forms as the one reader reads them: rows keep their numbers, the plan grid's rows
// are budget years, and nothing but the carrier's own organisations may apply.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Call } from '../types';
import { readEligibility, readPartners, readPlan, readProject, readWorkplan } from './application-forms';
import { blankContent } from './applications.store';

test('the plan grid: a row per budget year, empty cells as nothing, a row of a year the project no longer has ignored', () => {
  const content = { ...blankContent(), startDate: '2027-03-01', endDate: '2028-06-30' };
  const form = readPlan(
    {
      'plan-0-year': '2027',
      'plan-0-staff': '1.000,50',
      'plan-0-own': '100',
      'plan-0-grant': '900,50',
      'plan-1-year': '2028',
      'plan-1-travel': '',
      'plan-2-year': '2029',
      'plan-2-staff': '5',
      thirdSource: 'Stadt',
      'plan-1-third': '10',
    },
    content,
  );
  assert.ok(form.ok);
  assert.deepEqual(form.data.plan, {
    expenses: [{ line: 'staff', year: 2027, amountCents: 100_050 }],
    ownFunds: [{ year: 2027, amountCents: 10_000 }],
    thirdPartyFunds: [{ year: 2028, amountCents: 1_000, source: 'Stadt' }],
    grant: [{ year: 2027, amountCents: 90_050 }],
  });
  const bad = readPlan({ 'plan-1-year': '2028', 'plan-1-fees': 'zehn', 'plan-1-grant': '-5' }, content);
  assert.ok(!bad.ok);
  assert.deepEqual(bad.errors, {
    'plan-1-fees': { key: 'funding:validation.money' },
    'plan-1-grant': { key: 'funding:validation.money' },
  });
});

test('partner rows keep their numbers: a partly filled row asks for its name there', () => {
  const form = readPartners({
    cooperationForm: 'tandem',
    'partner-0-name': 'Verein',
    'partner-0-share': '40 %',
    'partner-3-role': 'Beratung',
    'partner-4-name': 'Zu viel',
    'partner-4-share': '120',
  });
  assert.ok(!form.ok);
  assert.deepEqual(form.errors, {
    'partner-3-name': { key: 'funding:validation.rowIncomplete' },
    'partner-4-share': { key: 'funding:validation.percent' },
  });
  const ok = readPartners({
    'partner-2-name': 'Verein',
    'partner-2-isMigrantOrganisation': 'on',
    'partner-2-share': '7,5',
  });
  assert.ok(ok.ok);
  assert.deepEqual(ok.data.partners, [
    { name: 'Verein', isMigrantOrganisation: true, role: '', tasks: '', budgetShareBp: 750 },
  ]);
});

test('milestones are sorted by date; a bad date is named at its row', () => {
  const form = readWorkplan({
    'milestone-0-title': 'Abschluss',
    'milestone-0-due': '2028-06-01',
    'milestone-1-title': 'Start',
    'milestone-1-due': '2027-01-15',
  });
  assert.ok(form.ok);
  assert.deepEqual(
    form.data.milestones?.map((m) => m.title),
    ['Start', 'Abschluss'],
  );
  const bad = readWorkplan({ 'milestone-5-title': 'Start', 'milestone-5-due': '2027-02-30' });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.errors, { 'milestone-5-due': { key: 'common:validation.date' } });
});

test('the project section: fields of action in the list’s order, a malformed key or date refused, the rest may wait', () => {
  const form = readProject({ title: 'Projekt', fieldsOfAction: ['work', 'language', 'work'] });
  assert.ok(form.ok);
  assert.deepEqual(form.data.fieldsOfAction, ['language', 'work']);
  assert.equal(form.data.summary, '');
  const bad = readProject({ municipalityKey: '123', startDate: '2027-02-30', fieldsOfAction: 'sport' });
  assert.ok(!bad.ok);
  assert.deepEqual(Object.keys(bad.errors).sort(), ['fieldsOfAction', 'municipalityKey', 'startDate']);
  assert.equal(readProject({ title: 'x'.repeat(201) }).ok, false);
});

test('eligibility: each question answered yes or no, for one of one’s own organisations', () => {
  const call = { eligibility: [{ id: 'q1', question: 'Gemeinnützig?', stopText: 'Nein.' }] } as Call;
  const mine = ['org-a', 'org-b'] as const;
  const ok = readEligibility({ organisationId: 'org-b', 'q-q1': 'no' }, call, mine);
  assert.ok(ok.ok);
  assert.deepEqual(ok.data, { organisationId: 'org-b', answers: { q1: 'no' } });
  const bad = readEligibility({ organisationId: 'org-x', 'q-q1': 'vielleicht' }, call, mine);
  assert.ok(!bad.ok);
  assert.deepEqual(bad.errors, {
    organisationId: { key: 'common:validation.choose' },
    'q-q1': { key: 'common:validation.choose' },
  });
});
