// Erasing one's own account: confirmed with the password, every module forgets the person, the
// account keeps no name, address or password, and the last administrator cannot lock everyone out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../src/core/audit/schema';
import { roleAssignments, sessions, users } from '../src/core/auth/schema';
import { reviewerProfiles } from '../src/modules/funding/schema';
import { client, makeUser, type TestApp, testApp } from './helpers/app';

let t: TestApp;

before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('erasing an account', () => {
  test('a wrong password is refused at the field, and nothing is erased', async () => {
    const id = await makeUser(t.db, 'lena@example.org', 'participant');
    const c = client(t);
    await c.signIn('lena@example.org');
    const page = await c.get('/de/account');
    assert.ok(page.html.querySelector('form[action="/de/account/delete"] input[name="deletePassword"]'));
    const wrong = await c.post('/de/account/delete', { deletePassword: 'not my password' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.html.querySelector('#f-deletePassword-error')?.text ?? '', /Passwort stimmt nicht/);
    const empty = await c.post('/de/account/delete', { deletePassword: '' });
    assert.equal(empty.status, 400);
    const [still] = await t.db.select().from(users).where(eq(users.id, id));
    assert.equal(still?.email, 'lena@example.org');
  });

  test('with the password, the person is forgotten and signed out everywhere', async () => {
    const id = await makeUser(t.db, 'ruth@review.example', 'reviewer', { language: 'tr' });
    const phone = client(t);
    await phone.signIn('ruth@review.example');
    const laptop = client(t);
    await laptop.signIn('ruth@review.example');
    await laptop.get('/de/reviews');
    await laptop.post('/de/reviews/topics', { topics: 'language' });
    assert.equal((await t.db.select().from(reviewerProfiles).where(eq(reviewerProfiles.userId, id))).length, 1);

    await laptop.get('/de/account');
    const done = await laptop.post('/de/account/delete', { deletePassword: 'correct horse battery staple' });
    assert.equal(done.status, 303);
    assert.match(done.location ?? '', /notice=accountDeleted/);
    const home = await laptop.get(done.location!);
    assert.match(home.body, /Ihr Konto ist gelöscht/);

    const [row] = await t.db.select().from(users).where(eq(users.id, id));
    assert.equal(row?.name, '');
    assert.doesNotMatch(row?.email ?? '', /ruth/);
    assert.equal((await t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, id))).length, 0);
    assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, id))).length, 0);
    assert.equal(
      (await t.db.select().from(reviewerProfiles).where(eq(reviewerProfiles.userId, id))).length,
      0,
      'the funding module forgot the fields of expertise',
    );
    assert.equal((await phone.get('/de/account')).status, 303, 'the other device is signed out too');
    assert.equal((await client(t).signIn('ruth@review.example')).status, 400, 'nobody can sign in as ruth');
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'account.erased'));
    assert.equal(entry?.subjectId, id);
  });

  test('the last administrator cannot erase the account', async () => {
    const id = await makeUser(t.db, 'ada@example.org', 'admin');
    const c = client(t);
    await c.signIn('ada@example.org');
    await c.get('/de/account');
    const refused = await c.post('/de/account/delete', { deletePassword: 'correct horse battery staple' });
    assert.equal(refused.status, 400);
    assert.match(refused.html.querySelector('#f-deletePassword-error')?.text ?? '', /einzige Administrator/);
    assert.equal((await t.db.select().from(users).where(eq(users.id, id)))[0]?.email, 'ada@example.org');
  });
});
