// Documents that count for a time: the last valid day counts, the next does not; months are calendar
// months (a day the month lacks is its last day); the day is the Berlin one, also just after midnight.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDays, addMonths, berlinDate } from '../../../core/time/calendar';
import type { RequiredDocument } from '../schema';
import { documentsIssues } from './application-rules';
import {
  documentValidityIssues,
  expiringBeforeDeadline,
  federalDocuments,
  lastValidDay,
  readDocumentDate,
  validityIssue,
  withFederalDocuments,
} from './document-validity';

const tax: RequiredDocument = {
  id: 'tax',
  label: 'Bescheinigung in Steuersachen',
  types: ['pdf'],
  maxMegabytes: 5,
  validity: 'validUntil',
};
const register: RequiredDocument = {
  id: 'register',
  label: 'Registerauszug',
  types: ['pdf'],
  maxMegabytes: 5,
  validity: 'issuedWithin',
  maxAgeMonths: 3,
};
const statute: RequiredDocument = { id: 'statute', label: 'Satzung', types: ['pdf'], maxMegabytes: 5 };

test('valid until a date: still valid on that day, expired the day after, named with the first day it no longer counts', () => {
  assert.equal(validityIssue(tax, { validUntil: '2026-11-02' }, '2026-11-02'), undefined);
  assert.deepEqual(validityIssue(tax, { validUntil: '2026-11-02' }, '2026-11-03'), {
    field: 'document-tax',
    key: 'funding:documentValidity.expired',
    params: { label: 'Bescheinigung in Steuersachen', since: { date: '2026-11-03' } },
  });
});

test('issued no longer than N months before: issued exactly N months ago still counts, a day earlier not', () => {
  assert.equal(validityIssue(register, { issuedOn: '2026-09-02' }, '2026-12-02'), undefined);
  assert.deepEqual(validityIssue(register, { issuedOn: '2026-09-01' }, '2026-12-02'), {
    field: 'document-register',
    key: 'funding:documentValidity.tooOld',
    params: { label: 'Registerauszug', count: 3, issued: { date: '2026-09-01' } },
  });
});

test('across month ends: submitted 31 August, issued 31 May counts, 30 May not; issued 30 November counts to the end of February', () => {
  assert.equal(validityIssue(register, { issuedOn: '2026-05-31' }, '2026-08-31'), undefined);
  assert.ok(validityIssue(register, { issuedOn: '2026-05-30' }, '2026-08-31'));
  assert.equal(lastValidDay(register, { issuedOn: '2026-11-30' }), '2027-02-28');
  assert.equal(validityIssue(register, { issuedOn: '2026-11-30' }, '2027-02-28'), undefined);
  assert.ok(validityIssue(register, { issuedOn: '2026-11-30' }, '2027-03-01'));
  assert.equal(lastValidDay(register, { issuedOn: '2027-11-30' }), '2028-02-29', 'a leap year has its 29th');
});

test('property: a document counts exactly on the days up to its last valid day', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
      fc.integer({ min: 1, max: 36 }),
      fc.integer({ min: -400, max: 400 }),
      (issued, months, offset) => {
        const issuedOn = issued.toISOString().slice(0, 10);
        const d = { ...register, maxAgeMonths: months };
        const last = addMonths(issuedOn, months);
        const day = addDays(issuedOn, offset);
        if (day < issuedOn) return true;
        const counts = validityIssue(d, { issuedOn }, day) === undefined;
        return counts === day <= last;
      },
    ),
  );
});

test('the Berlin day decides: 23:30 UTC on 2 November is already 3 November in Berlin', () => {
  const day = berlinDate(new Date('2026-11-02T23:30:00Z'));
  assert.equal(day, '2026-11-03');
  assert.ok(validityIssue(tax, { validUntil: '2026-11-02' }, day));
  assert.equal(
    validityIssue(tax, { validUntil: '2026-11-02' }, berlinDate(new Date('2026-11-02T22:59:00Z'))),
    undefined,
  );
});

test('a document without validity always counts; one whose date is missing is an issue naming the document', () => {
  assert.equal(validityIssue(statute, {}, '2099-01-01'), undefined);
  assert.deepEqual(validityIssue(tax, { validUntil: null }, '2026-01-01'), {
    field: 'document-tax',
    key: 'funding:documentValidity.dateMissing.validUntil',
    params: { label: 'Bescheinigung in Steuersachen' },
  });
});

test('the date at upload: required, a real date, no issue date in the future, and already valid today', () => {
  const day = '2026-12-02';
  assert.deepEqual(readDocumentDate(statute, undefined, day), { ok: true, dates: {} });
  assert.deepEqual(readDocumentDate(tax, ' ', day), {
    ok: false,
    issue: { field: 'document-tax-date', key: 'funding:documentValidity.dateRequired.validUntil' },
  });
  assert.deepEqual(readDocumentDate(tax, '2026-02-30', day), {
    ok: false,
    issue: { field: 'document-tax-date', key: 'common:validation.date' },
  });
  assert.deepEqual(readDocumentDate(register, '2026-12-03', day), {
    ok: false,
    issue: { field: 'document-register-date', key: 'funding:documentValidity.issuedInFuture' },
  });
  const expired = readDocumentDate(tax, '2026-12-01', day);
  assert.equal(!expired.ok && expired.issue.key, 'funding:documentValidity.expired');
  assert.equal(!expired.ok && expired.issue.field, 'document-tax-date', 'at upload the date field is wrong');
  assert.deepEqual(readDocumentDate(tax, '2027-06-30', day), { ok: true, dates: { validUntil: '2027-06-30' } });
  assert.deepEqual(readDocumentDate(register, '2026-12-02', day), { ok: true, dates: { issuedOn: '2026-12-02' } });
});

test('at submission: each document that stopped counting on its upload field; an optional one may be missing', () => {
  const required = [tax, register, { ...statute, optional: true }];
  assert.deepEqual(
    documentValidityIssues(
      required,
      [
        { requiredDocumentId: 'tax', validUntil: '2026-12-01' },
        { requiredDocumentId: 'register', issuedOn: '2026-10-01' },
      ],
      '2026-12-02',
    ).map((i) => i.field),
    ['document-tax'],
  );
  const call = { requiredDocuments: required } as Parameters<typeof documentsIssues>[0];
  assert.deepEqual(
    documentsIssues(call, [{ requiredDocumentId: 'register', issuedOn: '2026-10-01' }], '2026-12-02').map((i) => [
      i.field,
      i.key,
    ]),
    [['document-tax', 'funding:check.documentMissing']],
  );
});

test('the warning: documents valid today that end before the last day submissions are taken', () => {
  const uploaded = [
    { requiredDocumentId: 'tax', validUntil: '2027-01-15' },
    { requiredDocumentId: 'register', issuedOn: '2026-11-01' },
  ];
  assert.deepEqual(expiringBeforeDeadline([tax, register], uploaded, '2026-12-02', '2027-01-31'), [
    { label: 'Bescheinigung in Steuersachen', lastValid: '2027-01-15' },
  ]);
  assert.deepEqual(expiringBeforeDeadline([tax], uploaded, '2026-12-02', '2027-01-15'), [], 'valid on the last day');
  assert.deepEqual(
    expiringBeforeDeadline([tax], uploaded, '2027-01-16', '2027-01-31'),
    [],
    'expired is an error, not a warning',
  );
});

test('the federal preset: five documents, added once (a document the call has by its label stays)', () => {
  assert.equal(federalDocuments.length, 5);
  let n = 0;
  const added = withFederalDocuments([{ ...statute, hint: 'eigene' }], () => `new-${++n}`);
  assert.equal(added.length, 5);
  assert.equal(added.filter((d) => d.label === 'Satzung').length, 1);
  assert.equal(added[0]?.hint, 'eigene');
  assert.deepEqual(withFederalDocuments(added, () => 'again').length, 5);
  const tax = added.find((d) => d.label === 'Bescheinigung in Steuersachen');
  assert.equal(tax?.validity, 'validUntil');
  assert.equal(added.find((d) => d.label.startsWith('Auszug'))?.maxAgeMonths, 3);
});
