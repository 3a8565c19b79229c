// The form reader is what every route reads a form with; these pin what a person sees when a form fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { checkbox, choice, date, euro, issue, readForm, text, toErrors, wholeNumber } from './form';

const payment = z.object({
  amount: euro(),
  dueOn: date(),
  purpose: text({ max: 20 }),
  line: choice(['staff', 'material']),
  note: text({ optional: true }),
  urgent: checkbox(),
});

test('a valid form becomes typed data: euros as cents, a checkbox as yes or no', () => {
  const r = readForm(payment, {
    amount: '1.250,50',
    dueOn: '2026-12-31',
    purpose: ' Miete ',
    line: 'staff',
    urgent: 'on',
  });
  assert.ok(r.ok);
  assert.deepEqual(r.data, {
    amount: 125050,
    dueOn: '2026-12-31',
    purpose: 'Miete',
    line: 'staff',
    note: '',
    urgent: true,
  });
});

test('each field gets its own keyed message, and what was typed comes back for the page', () => {
  const r = readForm(payment, { amount: 'zwölf', dueOn: '2026-02-30', purpose: 'x'.repeat(21), line: 'travel' });
  assert.ok(!r.ok);
  assert.deepEqual(r.errors, {
    amount: { key: 'common:validation.money' },
    dueOn: { key: 'common:validation.date' },
    purpose: { key: 'common:validation.tooLong' },
    line: { key: 'common:validation.choose' },
  });
  assert.equal(r.values.amount, 'zwölf');
});

test('an empty required field is asked for, whatever its type', () => {
  const r = readForm(payment, {});
  assert.ok(!r.ok);
  assert.equal(r.errors.amount?.key, 'common:validation.required');
  assert.equal(r.errors.purpose?.key, 'common:validation.required');
  assert.equal(r.errors.note, undefined);
});

test('hostile bytes end as a field error, never reaching the schema or the store', () => {
  const r = readForm(payment, { amount: '10', dueOn: '2026-12-31', purpose: 'a\u0000b', line: 'staff' });
  assert.ok(!r.ok);
  assert.deepEqual(r.errors, { purpose: { key: 'common:validation.badCharacters' } });
  const lone = readForm(payment, { amount: '10', dueOn: '2026-12-31', purpose: '\uD800', line: 'staff' });
  assert.ok(!lone.ok);
  assert.equal(lone.errors.purpose?.key, 'common:validation.badCharacters');
});

test('overlong numbers are refused at the field', () => {
  const count = z.object({ people: wholeNumber({ max: 1000 }), amount: euro() });
  const r = readForm(count, { people: '99999999999999999999', amount: '9'.repeat(40) });
  assert.ok(!r.ok);
  assert.equal(r.errors.people?.key, 'common:validation.wholeNumber');
  assert.deepEqual(r.errors.people?.params, { min: 0, max: 1000 });
  assert.equal(r.errors.amount?.key, 'common:validation.money');
});

test('repeating rows keep their row numbers, so an error finds the field it belongs to', () => {
  const plan = z.object({
    cost: z.array(z.object({ row: z.number(), label: text({ max: 50 }), amount: euro() })),
  });
  const r = readForm(
    plan,
    {
      'cost-0-label': 'Personal',
      'cost-0-amount': '100',
      'cost-1-label': '',
      'cost-1-amount': '', // blank row: dropped
      'cost-2-label': 'Miete',
      'cost-2-amount': 'viel',
    },
    { rows: { cost: ['label', 'amount'] } },
  );
  assert.ok(!r.ok);
  assert.deepEqual(Object.keys(r.errors), ['cost-2-amount']);
  const fine = readForm(
    plan,
    { 'cost-4-label': 'Miete', 'cost-4-amount': '5' },
    { rows: { cost: ['label', 'amount'] } },
  );
  assert.ok(fine.ok);
  assert.deepEqual(fine.data.cost, [{ row: 4, label: 'Miete', amount: 500 }]);
});

test('rules that need context run after the schema and report keyed issues with their parameters', () => {
  const grantEnd = '2026-12-31';
  const r = readForm(
    z.object({ dueOn: date() }),
    { dueOn: '2027-01-15' },
    {
      check: (d) =>
        d.dueOn > grantEnd ? [issue('dueOn', 'funding:payment.afterProjectEnd', { date: { date: grantEnd } })] : [],
    },
  );
  assert.ok(!r.ok);
  assert.deepEqual(r.errors.dueOn, {
    key: 'funding:payment.afterProjectEnd',
    params: { date: { date: '2026-12-31' } },
  });
});

test('checkbox groups arrive as lists, also when one or none is ticked', () => {
  const s = z.object({ topics: z.array(choice(['language', 'work'])) });
  const none = readForm(s, {}, { lists: ['topics'] });
  assert.ok(none.ok);
  assert.deepEqual(none.data.topics, []);
  const one = readForm(s, { topics: 'work' }, { lists: ['topics'] });
  assert.ok(one.ok);
  assert.deepEqual(one.data.topics, ['work']);
  const bad = readForm(s, { topics: ['work', 'sport'] }, { lists: ['topics'] });
  assert.ok(!bad.ok);
  assert.equal(bad.errors.topics?.key, 'common:validation.choose');
});

test('the first issue of a field wins', () => {
  assert.deepEqual(toErrors([issue('a', 'x:one'), issue('a', 'x:two'), issue('b', 'x:three')]), {
    a: { key: 'x:one' },
    b: { key: 'x:three' },
  });
});
