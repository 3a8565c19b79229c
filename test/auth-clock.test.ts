// Lifetimes of links and sessions by the app's clock (AppDeps.now): the app stands on a fixed
// instant and the test moves it, instead of rewriting rows in the database. The instants lie on
// New Year's Eve, so the hour a reset link lives crosses midnight in Berlin.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { runDueJobs } from '../src/core/jobs/jobs';
import { outbox } from '../src/core/mail/schema';
import { fixedClock } from '../src/core/time/clock';
import { client, heading, makeUser, PASSWORD, type TestApp, testApp } from './helpers/app';

const minutes = (n: number) => n * 60 * 1000;
const clock = fixedClock('2026-12-31T22:30:00Z'); // 23:30 in Berlin
let t: TestApp;
before(async () => {
  t = await testApp({ now: clock });
});
after(() => t.close());

const resetLinkFor = async (email: string) => {
  const sent = await client(t).submit('/de/password-reset', { email });
  assert.equal(sent.status, 200);
  await runDueJobs(t.deps);
  const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt)).limit(1);
  const path = mail?.text.match(/http:\/\/localhost:3000(\/de\/password-reset\/[^\s]+)/)?.[1];
  assert.ok(path, 'the mail carries the reset link');
  return path;
};

describe('a reset link lives 60 minutes by the app’s clock', () => {
  test('it opens at 59 minutes, and after 60 it is refused and sets no password', async () => {
    clock.set('2026-12-31T22:30:00Z');
    await makeUser(t.db, 'silvester@example.org');
    const path = await resetLinkFor('silvester@example.org');

    clock.advance(minutes(59)); // 00:29 on 1 January in Berlin
    const c = client(t);
    const open = await c.get(path);
    assert.equal(open.status, 200, 'still valid one minute before its end');
    assert.ok(open.html.querySelector('#f-password'), 'the form to set a new password');

    clock.advance(minutes(2)); // 61 minutes after it was sent
    // the form opened in time and sent too late is refused
    const tried = await c.post(path, { password: 'a brand new passphrase', passwordConfirm: 'a brand new passphrase' });
    assert.equal(tried.status, 404);
    assert.equal(heading(tried), 'Link ungültig');
    assert.equal((await client(t).get(path)).status, 404, 'and so is the link itself');
    assert.equal((await client(t).signIn('silvester@example.org', 'a brand new passphrase')).status, 400);
    assert.equal((await client(t).signIn('silvester@example.org', PASSWORD)).status, 303, 'the old password stays');
  });
});

describe('a session ends by the app’s clock', () => {
  test('after 60 idle minutes the person is signed out; a request within them keeps the session alive', async () => {
    clock.set('2026-12-31T22:30:00Z');
    await makeUser(t.db, 'idle@example.org');
    const c = client(t);
    assert.equal((await c.signIn('idle@example.org')).status, 303);
    clock.advance(minutes(50));
    assert.equal((await c.get('/de/account')).status, 200, 'active 50 minutes later');
    clock.advance(minutes(50));
    assert.equal((await c.get('/de/account')).status, 200, '100 minutes after sign-in, 50 after the last request');
    clock.advance(minutes(61));
    const gone = await c.get('/de/account');
    assert.equal(gone.status, 303, 'idle for 61 minutes: sent to sign in');
    assert.match(gone.location ?? '', /\/de\/sign-in/);
  });

  test('after 12 hours a session ends however active it was', async () => {
    clock.set('2026-12-31T22:30:00Z');
    await makeUser(t.db, 'marathon@example.org');
    const c = client(t);
    assert.equal((await c.signIn('marathon@example.org')).status, 303);
    for (let i = 0; i < 23; i++) {
      clock.advance(minutes(30));
      assert.equal((await c.get('/de/account')).status, 200, `active after ${(i + 1) * 30} minutes`);
    }
    clock.advance(minutes(31)); // 12 hours and 1 minute after sign-in
    assert.equal((await c.get('/de/account')).status, 303);
  });
});
