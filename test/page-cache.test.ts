// The page cache (ADR 0005): a stored page is served only to the same person for the same URL
// while nothing in the database changed, always with the requesting browser's own CSRF token.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { databaseGeneration, PageCache, pageCacheOf } from '../src/core/http/page-cache';
import { blankContent } from '../src/modules/funding/applications/applications.store';
import { createCall, createProgramme } from '../src/modules/funding/programmes/programmes.store';
import { applications } from '../src/modules/funding/schema';
import { createOrganisation } from '../src/modules/network/api';
import { client, makeUser, type TestApp, testApp } from './helpers/app';
import { callInput, programmeInput } from './helpers/funding';

let t: TestApp;
let callId: string;
let appId: string;
const system = { id: null, label: 'test' };

before(async () => {
  t = await testApp();
  const programme = programmeInput({ budgetPerYear: { '2027': 8_000_000 } });
  const programmeId = await createProgramme(t.db, system, { ...programme, title: 'Teilhabe' });
  const otherProgrammeId = await createProgramme(t.db, system, { ...programme, title: 'Anderes Programm' });
  callId = await createCall(
    t.db,
    system,
    callInput(programmeId, {
      title: 'Aufruf 2027',
      rubric: [{ id: 'impact', title: 'Wirkung', weight: 1, anchors: ['1', '2', '3', '4', '5'] }],
    }),
  );
  const org = await createOrganisation(t.db, system, { name: 'Träger e. V.', kind: 'carrier' });
  const [row] = await t.db
    .insert(applications)
    .values({
      callId,
      organisationId: org,
      stage: 'full',
      status: 'submitted',
      content: { ...blankContent(), title: 'Erster Titel' },
      grantTotalCents: 1_000_000,
      version: 1,
      submittedAt: new Date(),
    })
    .returning({ id: applications.id });
  appId = row!.id;
  for (const who of ['olga', 'oskar'])
    await makeUser(t.db, `${who}@funder.example`, 'programmeOfficer', { scopeKind: 'programme', scopeId: programmeId });
  await makeUser(t.db, 'otto@funder.example', 'programmeOfficer', {
    scopeKind: 'programme',
    scopeId: otherProgrammeId,
  });
  await makeUser(t.db, 'rita@review.example', 'reviewer');
});
after(() => t.close());

const ranking = () => `/de/funding/calls/${callId}/ranking`;
const tokens = (body: string) => [...body.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);
const withoutTokens = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, '');
const signedIn = async (email: string) => {
  const c = client(t);
  await c.signIn(email);
  return c;
};

describe('page cache', () => {
  test('a stored page is served again while nothing changed, with each browser’s own CSRF token', async () => {
    const cache = pageCacheOf(t.db);
    const first = await signedIn('olga@funder.example');
    const second = await signedIn('olga@funder.example'); // the same person in another browser
    // on PostgreSQL other test files' writes on the same server move the state now and then
    // (ADR 0005); in a quiet moment the second browser is served the first one's page
    let a = await first.get(ranking());
    let b = a;
    let served = false;
    for (let i = 0; i < 10 && !served; i++) {
      a = await first.get(ranking());
      assert.equal(a.status, 200);
      const hits = cache.hits;
      b = await second.get(ranking());
      assert.equal(b.status, 200);
      served = cache.hits === hits + 1;
    }
    assert.ok(served, 'served from the cache');
    assert.equal(withoutTokens(b.body), withoutTokens(a.body));
    assert.ok(tokens(a.body).length > 0);
    assert.ok(!b.body.includes('csrf-slot-'), 'no placeholder reaches the browser');
    assert.notDeepEqual(tokens(b.body), tokens(a.body), 'each browser gets a token of its own');
    // the token in the stored page works for the second browser's form (here: signing out)
    assert.equal((await second.post('/de/sign-out', { _csrf: tokens(a.body)[0]! })).status, 403, 'not the other’s');
    const res = await second.post('/de/sign-out', { _csrf: tokens(b.body)[0]! });
    assert.equal(res.status, 303);
    assert.equal((await second.get(ranking())).status, 303, 'signed out: to the sign-in page');
  });

  test('two people never share a page, and a stored page never skips a permission check', async () => {
    const cache = pageCacheOf(t.db);
    const olga = await signedIn('olga@funder.example');
    const oskar = await signedIn('oskar@funder.example');
    const otto = await signedIn('otto@funder.example');
    assert.equal((await olga.get(ranking())).status, 200);
    assert.equal((await olga.get(ranking())).status, 200);
    const hits = cache.hits;
    assert.equal((await oskar.get(ranking())).status, 200);
    assert.equal(cache.hits, hits, 'oskar’s page is rendered for oskar');
    assert.equal((await otto.get(ranking())).status, 404, 'an officer of another programme');
    assert.equal(cache.hits, hits);
  });

  test('a write by anyone shows on the next request', async () => {
    const olga = await signedIn('olga@funder.example');
    assert.match((await olga.get(ranking())).body, /Erster Titel/);
    assert.match((await olga.get(ranking())).body, /Erster Titel/);
    // someone else, on another connection or in another app process, changes the application
    await t.db
      .update(applications)
      .set({ content: { ...blankContent(), title: 'Zweiter Titel' } })
      .where(eq(applications.id, appId));
    const after = await olga.get(ranking());
    assert.match(after.body, /Zweiter Titel/);
    assert.doesNotMatch(after.body, /Erster Titel/);
  });

  test('the database state changes with every finished write, not with reads', async () => {
    // On PostgreSQL the snapshot spans the whole server: other test files write into their own
    // databases at the same time. A read must leave the state as it is in at least one of a few
    // tries; with our reads changing it, every try would fail.
    let unchanged = false;
    for (let i = 0; i < 10 && !unchanged; i++) {
      const before = await databaseGeneration(t.db);
      await t.db.select().from(applications);
      unchanged = (await databaseGeneration(t.db)) === before;
    }
    assert.ok(unchanged, 'a read changes nothing');
    const g1 = await databaseGeneration(t.db);
    await t.db.update(applications).set({ updatedAt: new Date() }).where(eq(applications.id, appId));
    assert.notEqual(await databaseGeneration(t.db), g1, 'a write does');
  });
});

describe('PageCache', () => {
  test('keeps pages of the newest state only, least recently used out first, up to an age', () => {
    const c = new PageCache({ maxBytes: 2000, maxAgeMs: 1000 });
    const text = (key: string, at: number) => {
      const p = c.get(key, at);
      return p && Buffer.concat(p.parts).toString();
    };
    c.observe('g1');
    c.set('a', 'g1', 'x'.repeat(500), 0);
    c.set('b', 'g1', 'y'.repeat(500), 0);
    assert.equal(text('a', 10), 'x'.repeat(500));
    c.set('c', 'g1', 'z'.repeat(500), 0);
    c.set('d', 'g1', 'w'.repeat(500), 0); // 4 × 500 bytes: full
    c.set('e', 'g1', 'v'.repeat(500), 0); // one too many: b, the least recently used, goes
    assert.equal(c.get('b', 10), undefined);
    assert.ok(c.get('a', 10) && c.get('c', 10) && c.get('d', 10) && c.get('e', 10));
    assert.equal(c.get('a', 2000), undefined, 'too old');
    c.set('old', 'g0', 'stale', 0);
    assert.equal(c.get('old', 10), undefined, 'rendered against an older state: not kept');
    c.observe('g2');
    assert.equal(c.size, 0, 'a new state drops every page');
    c.set('big', 'g2', 'x'.repeat(501), 0);
    assert.equal(c.get('big', 10), undefined, 'a page larger than a quarter of the cache is not kept');
  });
});

describe('PAGE_CACHE=off', () => {
  test('every signed-in page is rendered afresh and the cache is never consulted (for measuring without it)', async () => {
    const off = await testApp({ env: { PAGE_CACHE: 'off' } });
    try {
      await makeUser(off.db, 'olga@funder.example', 'programmeOfficer');
      const c = client(off);
      await c.signIn('olga@funder.example');
      for (let i = 0; i < 3; i++) assert.equal((await c.get('/de/funding')).status, 200);
      const cache = pageCacheOf(off.db);
      assert.equal(cache.hits + cache.misses, 0);
    } finally {
      await off.close();
    }
  });
});
