// Administrators manage people in the browser: invite (the invitee sets a password through the
// mailed link), find, disable and re-enable, grant and revoke scoped roles, reset a lost second
// factor. Each action writes one audit entry; nobody else reaches these pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog } from '../src/core/audit/schema';
import { recoveryCodes, roleAssignments, sessions, users, userTokens } from '../src/core/auth/schema';
import { outbox } from '../src/core/mail/schema';
import { createOrganisation } from '../src/modules/network/api';
import { setOrganisationDisabled } from '../src/modules/network/organisations.store';
import { type Client, client, heading, makeUser, PASSWORD, type TestApp, testApp } from './helpers/app';
import { auditWrittenBy } from './helpers/audit';
import { funding, system } from './helpers/funding';

let t: TestApp;
let adminId: string;
let orgId: string;
let programmeId: string;

before(async () => {
  t = await testApp();
  adminId = await makeUser(t.db, 'admin@example.org', 'admin');
  await makeUser(t.db, 'carla@example.org', 'carrierStaff', { scopeKind: 'organisation', scopeId: 'org-1' });
  orgId = await createOrganisation(t.db, system, { name: 'Brückenbau e. V.', kind: 'carrier' });
  programmeId = await funding(t).programme({ title: 'Starthilfe' });
});
after(() => t.close());

async function signedInAdmin(): Promise<Client> {
  const c = client(t);
  await c.signIn('admin@example.org');
  return c;
}

const auditOf = (subjectId: string, act: () => Promise<unknown>) => auditWrittenBy(t.db, subjectId, act);

const lastMailTo = async (address: string) =>
  (await t.db.select().from(outbox).where(eq(outbox.to, address)).orderBy(desc(outbox.createdAt)))[0];

const linkIn = (text: string) => {
  const m = text.match(/http:\/\/localhost:3000(\/[a-z]{2}\/invitation\/[A-Za-z0-9_-]+)/);
  assert.ok(m, `no invitation link in: ${text}`);
  return m[1] as string;
};

async function invite(admin: Client, fields: Record<string, string>) {
  return admin.submit('/de/admin/people/new', { language: 'de', role: '', scope: '', ...fields });
}

const userByEmail = async (email: string) => (await t.db.select().from(users).where(eq(users.email, email)))[0];

describe('inviting a person', () => {
  test('the invitee sets a password through the mailed link, once, and signs in with it', async () => {
    const admin = await signedInAdmin();
    const form = await admin.get('/de/admin/people/new');
    assert.equal(form.status, 200);
    assert.ok(form.html.querySelector(`select[name="scope"] option[value="organisation:${orgId}"]`));
    assert.ok(form.html.querySelector(`select[name="scope"] option[value="programme:${programmeId}"]`));

    const done = await invite(admin, {
      name: 'Ines Neu',
      email: 'Ines@Example.org',
      language: 'en',
      role: 'carrierStaff',
      scope: `organisation:${orgId}`,
    });
    assert.equal(done.status, 303);
    const person = await userByEmail('ines@example.org');
    assert.ok(person);
    assert.equal(done.location, `/de/admin/people/${person.id}?done=invited`);
    assert.equal(person.passwordHash, '!', 'no usable password until the invitee sets one');
    assert.equal(person.emailConfirmedAt, null);
    const page = await admin.get(done.location!);
    assert.match(page.body, /Die Einladung ist verschickt/);
    assert.match(page.body, /Eingeladen/);
    assert.match(page.body, /Mitarbeit bei einem Träger – Organisation: Brückenbau e\. V\./);

    const entries = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, person.id));
    assert.deepEqual(
      entries.map((e) => e.action),
      ['user.invited'],
    );
    assert.equal(entries[0]?.actorId, adminId);

    const mail = await lastMailTo('ines@example.org');
    assert.ok(mail);
    assert.equal(mail.language, 'en', 'in the language the administrator chose for the person');
    assert.match(mail.subject, /Invitation/);
    const link = linkIn(mail.text);
    assert.match(link, /^\/en\/invitation\//);

    // a password before accepting the invitation does not exist
    const early = await client(t).signIn('ines@example.org', '!');
    assert.equal(early.status, 400);

    const invitee = client(t);
    const open = await invitee.get(link);
    assert.equal(open.status, 200);
    assert.match(open.body, /ines@example\.org/);
    const mismatch = await invitee.post(link, { password: PASSWORD, passwordConfirm: 'something else entirely' });
    assert.equal(mismatch.status, 400);
    assert.ok(mismatch.html.querySelector('#f-passwordConfirm-error'));
    const short = await invitee.post(link, { password: 'short', passwordConfirm: 'short' });
    assert.equal(short.status, 400);
    assert.ok(short.html.querySelector('#f-password-error'));

    const accepted = await auditOf(person.id, () =>
      invitee.post(link, { password: PASSWORD, passwordConfirm: PASSWORD }).then((r) => {
        assert.equal(r.status, 303);
        assert.equal(r.location, '/en/sign-in?notice=invitationAccepted');
      }),
    );
    assert.deepEqual(
      accepted.map((e) => e.action),
      ['user.invitationAccepted'],
    );
    const signInPage = await invitee.get('/en/sign-in?notice=invitationAccepted');
    assert.match(signInPage.body, /Your password is set/);
    const after = await userByEmail('ines@example.org');
    assert.ok(after?.emailConfirmedAt, 'the mailed link confirms the address');

    const again = await client(t).get(link);
    assert.equal(again.status, 404, 'the link works once');
    const late = await client(t).submit(
      '/en/sign-in',
      { password: 'another long password', passwordConfirm: 'another long password' },
      link,
    );
    assert.equal(late.status, 404);

    const signedIn = await invitee.signIn('ines@example.org', PASSWORD, 'en');
    assert.equal(signedIn.status, 303);
    const account = await invitee.get('/en/account');
    assert.equal(account.status, 200);
    const list = await admin.get('/de/admin/people?q=ines');
    assert.match(list.body, /Aktiv/);
  });

  test('an expired link does not work, and a resent invitation replaces the earlier link', async () => {
    const admin = await signedInAdmin();
    await invite(admin, { name: 'Olaf Spät', email: 'olaf@example.org' });
    const person = await userByEmail('olaf@example.org');
    assert.ok(person);
    const first = linkIn((await lastMailTo('olaf@example.org'))!.text);
    assert.equal((await client(t).get(first)).status, 200);

    const page = await admin.get(`/de/admin/people/${person.id}`);
    assert.ok(page.html.querySelector(`form[action="/de/admin/people/${person.id}/resend-invitation"]`));
    const resent = await auditOf(person.id, () => admin.post(`/de/admin/people/${person.id}/resend-invitation`));
    assert.deepEqual(
      resent.map((e) => e.action),
      ['user.invitationResent'],
    );
    const second = linkIn((await lastMailTo('olaf@example.org'))!.text);
    assert.notEqual(second, first);
    assert.equal((await client(t).get(first)).status, 404, 'the earlier link stopped working');
    assert.equal((await client(t).get(second)).status, 200);

    // disabled, the invitation stops working; enabled again, a new one can be sent
    await admin.post(`/de/admin/people/${person.id}/disable`);
    assert.equal((await client(t).get(second)).status, 404);
    await admin.post(`/de/admin/people/${person.id}/enable`);
    assert.equal((await client(t).get(second)).status, 404, 'its links ended with the disabling');
    await admin.post(`/de/admin/people/${person.id}/resend-invitation`);
    const third = linkIn((await lastMailTo('olaf@example.org'))!.text);
    assert.equal((await client(t).get(third)).status, 200);

    // seven days later
    await t.db
      .update(userTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userTokens.userId, person.id));
    const expired = await client(t).get(third);
    assert.equal(expired.status, 404);
    assert.match(expired.body, /Einladung ungültig/);
  });

  test('the invitation page is in the invitee’s language, Arabic from right to left', async () => {
    const admin = await signedInAdmin();
    await invite(admin, { name: 'Amal', email: 'amal@example.org', language: 'ar' });
    const mail = await lastMailTo('amal@example.org');
    assert.equal(mail?.language, 'ar');
    const link = linkIn(mail!.text);
    assert.match(link, /^\/ar\/invitation\//);
    const page = await client(t).get(link);
    assert.equal(page.status, 200);
    assert.equal(page.html.querySelector('html')?.getAttribute('dir'), 'rtl');
    assert.equal(heading(page), 'قبول الدعوة');
  });

  test('an address that has an account already is named at the field, and nothing is written', async () => {
    const admin = await signedInAdmin();
    const before = (await t.db.select().from(outbox)).length;
    const res = await invite(admin, { name: 'Carla Zwei', email: 'CARLA@example.org' });
    assert.equal(res.status, 400);
    assert.match(res.html.querySelector('#f-email-error')?.text ?? '', /schon ein Konto/);
    assert.equal((await t.db.select().from(outbox)).length, before);
    assert.equal(res.html.querySelector('input[name="name"]')?.getAttribute('value'), 'Carla Zwei');
  });

  test('bad input and a role that does not fit its scope are refused at the field', async () => {
    const admin = await signedInAdmin();
    const before = (await t.db.select().from(users)).length;
    const empty = await invite(admin, { name: '', email: 'not an address', language: 'xx' });
    assert.equal(empty.status, 400);
    for (const f of ['name', 'email', 'language']) assert.ok(empty.html.querySelector(`#f-${f}-error`), f);

    const cases: [string, string, RegExp][] = [
      ['carrierStaff', '', /gilt für eine Organisation/],
      ['carrierStaff', `programme:${programmeId}`, /gilt für eine Organisation/],
      ['programmeOfficer', `organisation:${orgId}`, /gilt für ein Förderprogramm/],
      ['programmeOfficer', 'programme:00000000-0000-4000-8000-000000000000', /gibt es nicht/],
      ['admin', `organisation:${orgId}`, /ganze Plattform/],
      ['', `organisation:${orgId}`, /gehört zu einer Rolle/],
      ['wizard', '', /Bitte wählen Sie/],
    ];
    for (const [role, scope, message] of cases) {
      const res = await invite(admin, { name: 'Paula', email: 'paula@example.org', role, scope });
      assert.equal(res.status, 400, `${role} ${scope}`);
      const field = role === 'wizard' ? 'role' : 'scope';
      assert.match(res.html.querySelector(`#f-${field}-error`)?.text ?? '', message, `${role} ${scope}`);
    }
    assert.equal((await t.db.select().from(users)).length, before, 'no account was created');
  });
});

describe('finding people', () => {
  test('the list is searchable by name or address and filtered by role and state', async () => {
    await makeUser(t.db, 'rita.reviewer@example.org', 'reviewer');
    await makeUser(t.db, 'rolf@example.org', 'evaluator');
    const admin = await signedInAdmin();
    const all = await admin.get('/de/admin/people');
    assert.equal(all.status, 200);
    assert.equal(heading(all), 'Personen');

    const byName = await admin.get('/de/admin/people?q=RITA');
    const names = byName.html.querySelectorAll('tbody tr th a').map((a) => a.text.trim());
    assert.deepEqual(names, ['rita.reviewer']);
    const byRole = await admin.get('/de/admin/people?role=evaluator');
    assert.deepEqual(
      byRole.html.querySelectorAll('tbody tr th a').map((a) => a.text.trim()),
      ['rolf'],
    );
    // LIKE wildcards are taken literally
    assert.match((await admin.get('/de/admin/people?q=%25')).body, /Keine Personen gefunden/);

    const bad = await admin.get('/de/admin/people?state=lost&role=wizard');
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-state-error'));
    assert.ok(bad.html.querySelector('#f-role-error'));
  });

  test('the list pages through many people', async () => {
    for (let i = 0; i < 55; i++) await makeUser(t.db, `many-${String(i).padStart(2, '0')}@bulk.example`);
    const admin = await signedInAdmin();
    const first = await admin.get('/de/admin/people?q=bulk.example');
    assert.equal(first.html.querySelectorAll('tbody tr').length, 50);
    assert.match(first.body, /55 Personen/);
    const next = first.html.querySelector('a[rel="next"]')?.getAttribute('href');
    assert.equal(next, '/de/admin/people?q=bulk.example&page=2');
    const second = await admin.get(next!);
    assert.equal(second.html.querySelectorAll('tbody tr').length, 5);
  });

  test('staff pages are in German and English; in other languages they say so and link to both', async () => {
    const admin = await signedInAdmin();
    const ar = await admin.get('/ar/admin/people?q=x');
    assert.equal(ar.status, 200);
    assert.equal(ar.html.querySelector('html')?.getAttribute('lang'), 'ar');
    assert.deepEqual(
      ar.html.querySelectorAll('main .staff-only a').map((a) => a.getAttribute('href')),
      ['/de/admin/people?q=x', '/en/admin/people?q=x'],
    );
    const en = await admin.get('/en/admin/people');
    assert.equal(heading(en), 'People');
  });
});

describe('disabling an account', () => {
  test('ends the person’s sessions at once; re-enabling lets them sign in again', async () => {
    const id = await makeUser(t.db, 'dora@example.org', 'reviewer');
    const phone = client(t);
    await phone.signIn('dora@example.org');
    const laptop = client(t);
    await laptop.signIn('dora@example.org');
    assert.equal((await laptop.get('/de/account')).status, 200);
    assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, id))).length, 2);

    const admin = await signedInAdmin();
    await admin.get(`/de/admin/people/${id}`);
    const entries = await auditOf(id, async () => {
      const res = await admin.post(`/de/admin/people/${id}/disable`);
      assert.equal(res.status, 303);
      assert.match((await admin.get(res.location!)).body, /alle Sitzungen sind beendet/);
    });
    assert.deepEqual(
      entries.map((e) => [e.action, e.after]),
      [['user.disabled', { sessionsEnded: 2 }]],
    );
    assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, id))).length, 0);
    const next = await laptop.get('/de/account');
    assert.equal(next.status, 303, 'the open session no longer works');
    assert.match(next.location ?? '', /\/de\/sign-in/);
    assert.notEqual((await client(t).signIn('dora@example.org')).status, 303, 'no new sign-in');
    assert.match((await admin.get('/de/admin/people?state=disabled')).body, /dora@example\.org/);

    const enabled = await auditOf(id, () => admin.post(`/de/admin/people/${id}/enable`));
    assert.deepEqual(
      enabled.map((e) => e.action),
      ['user.enabled'],
    );
    const [row] = await t.db.select().from(users).where(eq(users.id, id));
    assert.equal(row?.disabledAt, null);
    assert.equal((await phone.signIn('dora@example.org')).status, 303);
    assert.equal((await phone.get('/de/account')).status, 200);
  });

  test('nobody disables themselves, and the last active administrator stays', async () => {
    const admin = await signedInAdmin();
    const own = await admin.get(`/de/admin/people/${adminId}`);
    assert.equal(own.status, 200);
    assert.equal(own.html.querySelector(`form[action="/de/admin/people/${adminId}/disable"]`), null, 'not offered');
    const self = await admin.post(`/de/admin/people/${adminId}/disable`);
    assert.equal(self.status, 409);
    assert.match(self.body, /eigenes Konto/);

    // a second administrator may not disable the first while that one is the only other active one…
    const secondId = await makeUser(t.db, 'admin2@example.org', 'admin');
    const second = client(t);
    await second.signIn('admin2@example.org');
    const disabledFirst = await auditOf(adminId, () =>
      second.submit(`/de/admin/people/${adminId}`, {}, `/de/admin/people/${adminId}/disable`),
    );
    assert.deepEqual(
      disabledFirst.map((e) => e.action),
      ['user.disabled'],
    );
    // …now the second is the last active administrator: nobody can disable them or take the role
    const thirdId = await makeUser(t.db, 'admin3@example.org', 'admin');
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, thirdId));
    const page = await second.get(`/de/admin/people/${secondId}`);
    assert.match(page.body, /letzte aktive Administration/);
    const [adminRole] = await t.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, secondId), eq(roleAssignments.role, 'admin')));
    const revoke = await second.post(`/de/admin/people/${secondId}/roles/${adminRole!.id}/revoke`);
    assert.equal(revoke.status, 409);
    assert.match(revoke.body, /letzte aktive Administration/);
    assert.equal(
      (await t.db.select().from(roleAssignments).where(eq(roleAssignments.id, adminRole!.id))).length,
      1,
      'the role stays',
    );

    // put things back for the other tests
    await second.post(`/de/admin/people/${adminId}/enable`);
    await t.db.update(users).set({ disabledAt: null }).where(eq(users.id, thirdId));
  });
});

describe('roles', () => {
  test('a role granted for an organisation shows that organisation’s grants; revoking takes them away', async () => {
    const f = funding(t);
    const s = await f.scene({ organisations: ['Träger Alpha e. V.', 'Träger Beta e. V.'] });
    const { grantId } = await f.grant(s);
    const id = await makeUser(t.db, 'gina@example.org');
    const gina = client(t);
    await gina.signIn('gina@example.org');
    // a grant of somebody else's organisation is not there for her
    assert.equal((await gina.get(`/de/grants/${grantId}`)).status, 404);

    const admin = await signedInAdmin();
    const page = await admin.get(`/de/admin/people/${id}`);
    assert.ok(page.html.querySelector(`form[action="/de/admin/people/${id}/roles"] select[name="role"]`));
    const granted = await auditOf(id, async () => {
      const res = await admin.post(`/de/admin/people/${id}/roles`, {
        role: 'carrierStaff',
        scope: `organisation:${s.organisationId}`,
      });
      assert.equal(res.status, 303);
    });
    assert.deepEqual(
      granted.map((e) => [e.action, e.after]),
      [['role.granted', { role: 'carrierStaff', scopeKind: 'organisation', scopeId: s.organisationId }]],
    );
    assert.equal((await gina.get(`/de/grants/${grantId}`)).status, 200, 'at once, in the open session');
    const en = await admin.get(`/en/admin/people/${id}`);
    const scopeName = en.html.querySelector('tbody tr th span[lang="de"]');
    assert.equal(scopeName?.text, 'Träger Alpha e. V.', 'the name people wrote is marked German on an English page');
    assert.match(en.html.querySelector('tbody tr th')?.text ?? '', /^Carrier staff – Organisation: /);

    const twice = await admin.post(`/de/admin/people/${id}/roles`, {
      role: 'carrierStaff',
      scope: `organisation:${s.organisationId}`,
    });
    assert.equal(twice.status, 400);
    assert.match(twice.html.querySelector('#f-role-error')?.text ?? '', /schon/);

    const [role] = await t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, id));
    const revoked = await auditOf(id, () => admin.post(`/de/admin/people/${id}/roles/${role!.id}/revoke`));
    assert.deepEqual(
      revoked.map((e) => e.action),
      ['role.revoked'],
    );
    assert.equal((await gina.get(`/de/grants/${grantId}`)).status, 404);
  });

  test('a programme officer’s role is granted for one programme by name', async () => {
    const id = await makeUser(t.db, 'paul@example.org');
    const paul = client(t);
    await paul.signIn('paul@example.org');
    assert.equal((await paul.get(`/de/funding/programmes/${programmeId}`)).status, 404);
    const admin = await signedInAdmin();
    const form = await admin.get(`/de/admin/people/${id}`);
    assert.equal(
      form.html.querySelector(`option[value="programme:${programmeId}"]`)?.text.trim(),
      'Starthilfe (Förderprogramm)',
    );
    const bad = await admin.post(`/de/admin/people/${id}/roles`, { role: 'programmeOfficer', scope: '' });
    assert.equal(bad.status, 400);
    assert.match(bad.html.querySelector('#f-scope-error')?.text ?? '', /Förderprogramm/);
    await admin.post(`/de/admin/people/${id}/roles`, { role: 'programmeOfficer', scope: `programme:${programmeId}` });
    assert.equal((await paul.get(`/de/funding/programmes/${programmeId}`)).status, 200);
  });

  test('a role for an existing account by its address, e.g. from an organisation’s page', async () => {
    const id = await makeUser(t.db, 'egon@example.org');
    const admin = await signedInAdmin();
    const form = await admin.get(`/de/admin/people/grant?role=carrierStaff&scope=organisation:${orgId}`);
    assert.equal(form.status, 200);
    assert.equal(
      form.html.querySelector(`select[name="scope"] option[selected]`)?.getAttribute('value'),
      `organisation:${orgId}`,
    );
    const unknown = await admin.post('/de/admin/people/grant', {
      email: 'nobody@example.org',
      role: 'carrierStaff',
      scope: `organisation:${orgId}`,
    });
    assert.equal(unknown.status, 400);
    assert.match(unknown.html.querySelector('#f-email-error')?.text ?? '', /kein Konto/);
    const granted = await auditOf(id, () =>
      admin.post('/de/admin/people/grant', {
        email: 'EGON@example.org',
        role: 'carrierStaff',
        scope: `organisation:${orgId}`,
      }),
    );
    assert.deepEqual(
      granted.map((e) => e.action),
      ['role.granted'],
    );

    // a disabled organisation is not offered for new roles and is refused when sent anyway
    const closedId = await createOrganisation(t.db, system, { name: 'Geschlossen e. V.', kind: 'carrier' });
    await setOrganisationDisabled(t.db, system, closedId, true, new Date());
    const again = await admin.get(`/de/admin/people/${id}`);
    assert.equal(again.html.querySelector(`option[value="organisation:${closedId}"]`), null);
    const refused = await admin.post(`/de/admin/people/${id}/roles`, {
      role: 'carrierStaff',
      scope: `organisation:${closedId}`,
    });
    assert.equal(refused.status, 400);
    assert.ok(refused.html.querySelector('#f-scope-error'));
  });
});

describe('a lost second factor', () => {
  test('is reset by an administrator: secret and recovery codes go, the person is told by mail', async () => {
    const id = await makeUser(t.db, 'theo@example.org', 'programmeOfficer', {
      scopeKind: 'programme',
      scopeId: programmeId,
    });
    const admin = await signedInAdmin();
    const without = await admin.get(`/de/admin/people/${id}`);
    assert.equal(without.html.querySelector(`form[action="/de/admin/people/${id}/reset-second-factor"]`), null);
    assert.equal((await admin.post(`/de/admin/people/${id}/reset-second-factor`)).status, 409);

    await t.db
      .update(users)
      .set({ totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: new Date(), totpLastStep: 12345 })
      .where(eq(users.id, id));
    await t.db.insert(recoveryCodes).values([
      { userId: id, codeHash: 'a' },
      { userId: id, codeHash: 'b' },
    ]);
    const page = await admin.get(`/de/admin/people/${id}`);
    assert.ok(page.html.querySelector(`form[action="/de/admin/people/${id}/reset-second-factor"]`));
    const entries = await auditOf(id, () => admin.post(`/de/admin/people/${id}/reset-second-factor`));
    assert.deepEqual(
      entries.map((e) => [e.action, e.after]),
      [['user.secondFactorReset', { recoveryCodesDeleted: 2 }]],
    );
    const [row] = await t.db.select().from(users).where(eq(users.id, id));
    assert.equal(row?.totpSecret, null);
    assert.equal(row?.totpEnabledAt, null);
    assert.equal(row?.totpLastStep, null);
    assert.equal((await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, id))).length, 0);
    const mail = await lastMailTo('theo@example.org');
    assert.equal(mail?.template, 'secondFactorReset');
  });
});

describe('only administrators', () => {
  test('reach the people pages and their actions', async () => {
    const targetId = await makeUser(t.db, 'target@example.org', 'reviewer');
    const [role] = await t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, targetId));
    const carla = client(t);
    await carla.signIn('carla@example.org');
    await carla.get('/de/account');
    const gets = ['/de/admin/people', '/de/admin/people/new', '/de/admin/people/grant', `/de/admin/people/${targetId}`];
    for (const url of gets) {
      assert.equal((await carla.get(url)).status, 403, url);
      assert.equal((await client(t).get(url)).status, 303, `${url} sends anonymous people to sign in`);
    }
    const posts: [string, Record<string, string>][] = [
      ['/de/admin/people/new', { name: 'X', email: 'x@example.org', language: 'de' }],
      ['/de/admin/people/grant', { email: 'target@example.org', role: 'admin' }],
      [`/de/admin/people/${targetId}/roles`, { role: 'admin' }],
      [`/de/admin/people/${targetId}/roles/${role!.id}/revoke`, {}],
      [`/de/admin/people/${targetId}/disable`, {}],
      [`/de/admin/people/${targetId}/enable`, {}],
      [`/de/admin/people/${targetId}/resend-invitation`, {}],
      [`/de/admin/people/${targetId}/reset-second-factor`, {}],
    ];
    const before = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, targetId));
    for (const [url, fields] of posts) assert.equal((await carla.post(url, fields)).status, 403, url);
    const after = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, targetId));
    assert.equal(after.length, before.length, 'nothing happened');
    assert.equal(await userByEmail('x@example.org'), undefined);
    const [row] = await t.db.select().from(users).where(eq(users.id, targetId));
    assert.equal(row?.disabledAt, null);
  });

  test('unknown people are a 404', async () => {
    const admin = await signedInAdmin();
    assert.equal((await admin.get('/de/admin/people/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await admin.get('/de/admin/people/not-a-uuid')).status, 404);
    assert.equal((await admin.post('/de/admin/people/00000000-0000-4000-8000-000000000000/disable')).status, 404);
  });
});
