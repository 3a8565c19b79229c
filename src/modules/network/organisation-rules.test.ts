import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  accountIssues,
  electronicIban,
  groupedIban,
  isMunicipalityKey,
  isPostcode,
  isWebsite,
} from './organisation-rules';

test('a municipality key (AGS) has eight digits and starts with one of the sixteen Länder', () => {
  for (const key of ['05315000', '11000000', '01001000', '16077052']) assert.ok(isMunicipalityKey(key), key);
  for (const key of ['', '0531500', '053150000', '00315000', '17315000', '99000000', '0531500a', ' 05315000'])
    assert.equal(isMunicipalityKey(key), false, JSON.stringify(key));
});

test('postcodes have five digits; websites open in a browser', () => {
  assert.ok(isPostcode('50667'));
  assert.equal(isPostcode('5066'), false);
  assert.equal(isPostcode('50667 Köln'), false);
  assert.ok(isWebsite('https://traeger.example'));
  assert.ok(isWebsite('http://www.verein.de/pfad'));
  assert.equal(isWebsite('javascript:alert(1)'), false);
  assert.equal(isWebsite('traeger.example'), false);
  assert.equal(isWebsite('https://localhost'), false);
});

test('an IBAN is checked by its check digits, however it is typed; the holder is named with it', () => {
  const ok = {
    iban: 'de89 3704 0044 0532 0130 00',
    bic: 'COBADEFFXXX',
    accountHolder: 'Verein e. V.',
    signatories: [],
  };
  assert.deepEqual(accountIssues(ok), []);
  assert.equal(electronicIban(ok.iban), 'DE89370400440532013000');
  assert.equal(groupedIban('DE89370400440532013000'), 'DE89 3704 0044 0532 0130 00');
  // one digit changed: the check digits no longer hold
  assert.deepEqual(accountIssues({ ...ok, iban: 'DE89 3704 0044 0532 0130 01' }), [
    { field: 'iban', key: 'network:account.ibanInvalid' },
  ]);
  assert.deepEqual(accountIssues({ ...ok, iban: 'DE89 3704 0044 0532 0130' }), [
    { field: 'iban', key: 'network:account.ibanInvalid' },
  ]);
  assert.deepEqual(accountIssues({ ...ok, bic: 'COBA' }), [{ field: 'bic', key: 'network:account.bicInvalid' }]);
  assert.deepEqual(accountIssues({ ...ok, accountHolder: '' }), [
    { field: 'accountHolder', key: 'network:account.holderRequired' },
  ]);
  // no account yet is fine: it is asked for before the first payment
  assert.deepEqual(accountIssues({ iban: '', bic: '', accountHolder: '', signatories: [] }), []);
});

test('each signatory has a name and an office; the message sits at the row that lacks it', () => {
  const base = { iban: '', bic: '', accountHolder: '' };
  assert.deepEqual(
    accountIssues({
      ...base,
      signatories: [
        { row: 0, name: 'Ayşe Demir', role: 'Vorsitzende' },
        { row: 2, name: '', role: 'Kassenwart' },
      ],
    }),
    [{ field: 'signatory-2-name', key: 'network:account.signatoryName' }],
  );
});
