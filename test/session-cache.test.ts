// Session, user and roles are reused per process while the database is unchanged (ADR 0005), but
// signing out, a changed role and the clock (idle and absolute timeouts) still take effect at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { sessions } from '../src/core/auth/schema';
import { currentUserOfSession } from '../src/core/auth/session-cache';
import { ABSOLUTE_MS, createSession, destroySession, TOUCH_EVERY_MS } from '../src/core/auth/sessions';
import { hashToken } from '../src/core/auth/tokens';
import { grantRole } from '../src/core/auth/users';
import { databaseGeneration } from '../src/core/db/generation';
import { client, makeUser, type TestApp, testApp } from './helpers/app';

let t: TestApp;
let userId: string;

before(async () => {
  t = await testApp();
  userId = await makeUser(t.db, 'mara@example.org');
});
after(() => t.close());

describe('reusing a resolved session', () => {
  test('a second request in the same state needs no new lookup, and sees a new role at once', async () => {
    const token = await createSession(t.db, userId);
    const first = await currentUserOfSession(t.db, token);
    assert.equal(first.user?.id, userId);
    // on PostgreSQL other test files write into their own databases on the same server, which
    // moves the server-wide state too; in a quiet moment the second request reuses the first's answer
    let reused = false;
    for (let i = 0; i < 10 && !reused; i++) {
      const a = await currentUserOfSession(t.db, token);
      const b = await currentUserOfSession(t.db, token);
      if (a.generation !== b.generation) continue;
      assert.equal(b.user, a.user, 'the same object: reused, not looked up again');
      reused = true;
    }
    assert.ok(reused, 'reused while nothing was written');
    await grantRole(t.db, { id: null, label: 'test' }, userId, 'reviewer');
    const third = await currentUserOfSession(t.db, token);
    assert.notEqual(third.generation, first.generation);
    assert.deepEqual(
      third.user?.roles.map((r) => r.role),
      ['reviewer'],
    );
  });

  test('writes to anything but sessions, users and roles leave the resolved session in use', async () => {
    const token = await createSession(t.db, userId);
    const first = await currentUserOfSession(t.db, token);
    await t.db.execute(sql`insert into settings (key, value) values ('test.unrelated', '1'::jsonb)`);
    const second = await currentUserOfSession(t.db, token);
    assert.equal(second.user, first.user, 'the same object: not looked up again');
  });

  test('signing out ends the session for every later request', async () => {
    const token = await createSession(t.db, userId);
    assert.ok((await currentUserOfSession(t.db, token)).user);
    await destroySession(t.db, token);
    assert.equal((await currentUserOfSession(t.db, token)).user, null);
  });

  test('the clock still counts: the idle touch is written on time and the absolute end holds', async () => {
    const token = await createSession(t.db, userId);
    const now = Date.now();
    assert.ok((await currentUserOfSession(t.db, token, now)).user);
    const generation = await databaseGeneration(t.db);
    // past the touch interval: resolved again, and the touch is written
    const later = now + TOUCH_EVERY_MS + 5_000;
    assert.ok((await currentUserOfSession(t.db, token, later)).user);
    const [row] = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)));
    assert.ok(Math.abs((row?.lastSeenAt.getTime() ?? 0) - later) < 1_000, 'last seen moved on');
    assert.notEqual(await databaseGeneration(t.db), generation);
    // after the absolute end nothing is reused, even with the state unchanged
    assert.equal((await currentUserOfSession(t.db, token, now + ABSOLUTE_MS + 1_000)).user, null);
  });

  test('pages behave the same: a signed-out browser is sent to sign in', async () => {
    const c = client(t);
    await c.signIn('mara@example.org');
    assert.equal((await c.get('/de/account')).status, 200);
    assert.equal((await c.get('/de/account')).status, 200);
    const cookies = new Map(c.cookies);
    await c.post('/de/sign-out');
    // the old cookie, sent again as a copied browser would: refused although it was just reused
    c.cookies = cookies;
    const after = await c.get('/de/account');
    assert.equal(after.status, 303);
    assert.match(after.location ?? '', /sign-in/);
  });
});
