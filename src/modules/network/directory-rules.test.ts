// The directory entry's rules and the municipality key's district check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceKm } from './matching/matching-rules';
import { hasCityPosition, positionOf } from './matching/municipality-centroids';
import {
  type DirectoryInput,
  directoryIssues,
  isKnownMunicipalityKey,
  landOf,
  municipalityKeyIssues,
} from './organisation-rules';

const entry = (over: Partial<DirectoryInput> = {}): DirectoryInput => ({
  legalForm: 'eV',
  fieldsOfWork: ['education', 'youth'],
  languages: ['de', 'tr'],
  communities: 'Türkeistämmige Familien in Mainz-Neustadt',
  description: 'Wir begleiten Familien.',
  staffCount: 3,
  volunteerCount: 25,
  partnerCapacity: 2,
  ...over,
});
const fields = (input: DirectoryInput) => directoryIssues(input).map((i) => `${i.field}:${i.key}`);

test('a complete entry, and one that says nothing, have no issues', () => {
  assert.deepEqual(directoryIssues(entry()), []);
  assert.deepEqual(
    directoryIssues(
      entry({
        legalForm: '',
        fieldsOfWork: [],
        languages: [],
        staffCount: null,
        volunteerCount: null,
        partnerCapacity: null,
      }),
    ),
    [],
  );
  assert.deepEqual(directoryIssues(entry({ partnerCapacity: 0 })), [], 'no free places is an answer');
});

test('unknown codes are refused at their field', () => {
  assert.deepEqual(fields(entry({ legalForm: 'Verein' })), ['legalForm:common:validation.choose']);
  assert.deepEqual(fields(entry({ fieldsOfWork: ['education', 'cooking'] })), [
    'fieldsOfWork:network:validation.unknownChoice',
  ]);
  assert.deepEqual(fields(entry({ languages: ['tr', 'klingon'] })), ['languages:network:validation.unknownChoice']);
});

test('counts are whole, not negative and below their limit; texts keep their length', () => {
  assert.deepEqual(fields(entry({ staffCount: -1 })), ['staffCount:network:validation.count']);
  assert.deepEqual(fields(entry({ volunteerCount: 2.5 })), ['volunteerCount:network:validation.count']);
  assert.deepEqual(fields(entry({ partnerCapacity: 51 })), ['partnerCapacity:network:validation.count']);
  assert.deepEqual(directoryIssues(entry({ partnerCapacity: 51 }))[0]?.params, { max: 50 });
  assert.deepEqual(fields(entry({ description: 'x'.repeat(2001) })), ['description:network:validation.tooLong']);
  assert.deepEqual(directoryIssues(entry({ description: 'x'.repeat(2000) })), []);
  assert.deepEqual(fields(entry({ communities: 'x'.repeat(501) })), ['communities:network:validation.tooLong']);
});

test('a municipality key must lie in one of the 400 districts', () => {
  for (const key of ['05315000', '11000000', '02000000', '03241001', '16063001', '09162000'])
    assert.ok(isKnownMunicipalityKey(key), key);
  // well formed but no such district: Köln's Land with a Kreis number NRW does not have, Eisenach
  // since it joined the Wartburgkreis
  for (const key of ['05399000', '16056000', '11001000']) assert.equal(isKnownMunicipalityKey(key), false, key);
  assert.deepEqual(municipalityKeyIssues('05399000'), [
    { field: 'municipalityKey', key: 'network:validation.municipalityKeyUnknown' },
  ]);
  assert.deepEqual(municipalityKeyIssues(''), [], 'no key is no claim');
  assert.deepEqual(municipalityKeyIssues('123'), [], 'a malformed key has its own message');
  assert.equal(landOf('07315000'), '07');
  assert.equal(landOf('7315000'), undefined);
});

test('positions: the city where known, else the Land, else none', () => {
  const mainz = positionOf('07315000');
  const frankfurt = positionOf('06412000');
  assert.ok(mainz && frankfurt);
  const km = distanceKm(mainz, frankfurt);
  assert.ok(km > 25 && km < 40, `Mainz–Frankfurt ${km} km`);
  const berlinHamburg = distanceKm(positionOf('11000000')!, positionOf('02000000')!);
  assert.ok(berlinHamburg > 240 && berlinHamburg < 270, `Berlin–Hamburg ${berlinHamburg} km`);
  const munichCologne = distanceKm(positionOf('09162000')!, positionOf('05315000')!);
  assert.ok(munichCologne > 440 && munichCologne < 470, `München–Köln ${munichCologne} km`);
  assert.equal(hasCityPosition('07315000'), true);
  // a village in the Westerwald: only its Land is known
  assert.deepEqual(positionOf('07143001'), positionOf('07000000'));
  assert.equal(hasCityPosition('07143001'), false);
  assert.equal(positionOf(''), undefined);
  assert.equal(positionOf('99000000'), undefined);
});

test('every city in the table lies in a known district', async () => {
  const { cityCentroids } = await import('./matching/municipality-centroids');
  for (const key of Object.keys(cityCentroids)) assert.ok(isKnownMunicipalityKey(key), key);
});
