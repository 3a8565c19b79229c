import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMunicipalityKey, isPostcode, isWebsite } from './organisation-rules';

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
