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

test('pages link their stylesheets with a version from the content, so a deploy shows at once', async () => {
  const c = client(t);
  const home = await c.get('/de/');
  const links = home.html.querySelectorAll('link[rel="stylesheet"]').map((l) => l.getAttribute('href') ?? '');
  const own = links.find((h) => h.startsWith('/assets/app.css'));
  assert.match(own ?? '', /^\/assets\/app\.css\?v=[0-9a-f]{10}$/);
  const { createHash } = await import('node:crypto');
  const { readFileSync } = await import('node:fs');
  const expected = createHash('sha256').update(readFileSync('public/app.css')).digest('hex').slice(0, 10);
  assert.equal(own, `/assets/app.css?v=${expected}`);
  for (const href of links) assert.equal((await c.get(href)).status, 200, href);
});
