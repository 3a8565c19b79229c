import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client, heading, makeUser, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

test('health and readiness answer 200', async () => {
  const c = client(t);
  assert.equal((await c.get('/healthz')).status, 200);
  const ready = await c.get('/readyz');
  assert.equal(ready.status, 200);
  assert.match(ready.body, /ready/);
});

test('a person signs in and sees their account', async () => {
  await makeUser(t.db, 'smoke@example.org', 'participant');
  const c = client(t);
  const res = await c.signIn('smoke@example.org');
  assert.equal(res.status, 303);
  const account = await c.get('/de/account');
  assert.equal(account.status, 200);
  assert.equal(heading(account), 'Mein Konto');
  assert.match(account.body, /smoke@example.org/);
});
