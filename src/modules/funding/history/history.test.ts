// The case history: the officers see what happened to an application and its grant in time order,
// with who did it, the mails sent about it, the documents issued with their sha-256 and the change
// requests; they add internal notes. The carrier never sees a note: 404 on every note route, and
// the note's text on none of their pages nor in their download of their data.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { Client, TestApp } from '../../../../test/helpers/app';
import { testApp } from '../../../../test/helpers/app';
import { funding, people, type Scene, signedIn } from '../../../../test/helpers/funding';
import { runDueJobs } from '../../../core/jobs/jobs';
import { sendMail } from '../../../core/mail/mail';
import { outbox } from '../../../core/mail/schema';

const NOTE = 'Vertraulich: Träger telefonisch erinnert';
const GRANT_NOTE = 'Vertraulich: Prüfung vor Ort geplant';
let t: TestApp;
let scene: Scene;
let ids: { applicationId: string; grantId: string; changeId: string };
let officer: Client;
let carrier: Client;

before(async () => {
  t = await testApp();
  const f = funding(t);
  scene = await f.scene();
  const { applicationId, grantId } = await f.grant(scene, { content: { title: 'Nachbarschaft' } });
  await f.payment(grantId, { decision: 'approved' });
  const changeId = await f.change(grantId, { decision: 'approved' });
  // a mail about another case whose text happens to carry this grant's link: not this grant's mail
  await sendMail(t.db, t.deps.config, {
    to: 'stray@example.org',
    template: 'funding:mail.reportReminder',
    language: 'de',
    vars: { name: 'X', project: 'P', date: 'D', link: `https://x.example/de/grants/${grantId}` },
    about: { kind: 'grant', id: '00000000-0000-4000-8000-000000000000' },
  });
  await runDueJobs(t.deps); // the events' subscribers write the mails
  ids = { applicationId, grantId, changeId };
  officer = await signedIn(t, people.officer);
  carrier = await signedIn(t, people.carrier);
  await officer.get('/de/funding');
  await carrier.get('/de/grants');
});
after(() => t.close());

describe('case history', () => {
  test("the application's history lists its audit entries and the decision notice with its sha-256", async () => {
    const page = await officer.get(`/de/funding/applications/${ids.applicationId}/history`);
    assert.equal(page.status, 200);
    const rows = page.html.querySelectorAll('tbody tr').map((r) => r.text);
    assert.ok(
      rows.some((r) => r.includes('Antrag eingereicht')),
      rows.join('\n'),
    );
    assert.ok(
      rows.some((r) => r.includes('Zuwendungsbescheid') && /SHA-256: [0-9a-f]{64}/.test(r)),
      rows.join('\n'),
    );
    assert.ok(page.html.querySelector(`a[href="/de/grants/${ids.grantId}/history"]`), 'links to the grant history');
    const app = await officer.get(`/de/funding/applications/${ids.applicationId}`);
    assert.ok(app.html.querySelector(`a[href="/de/funding/applications/${ids.applicationId}/history"]`));
  });

  test("the grant's history: payments, the change request, the amended decision, mails, in time order", async () => {
    const grantPage = await officer.get(`/de/grants/${ids.grantId}`);
    assert.ok(grantPage.html.querySelector(`a[href="/de/grants/${ids.grantId}/history"]`), 'linked for officers');
    const carrierGrant = await carrier.get(`/de/grants/${ids.grantId}`);
    assert.equal(carrierGrant.html.querySelector(`a[href="/de/grants/${ids.grantId}/history"]`), null);

    const page = await officer.get(`/de/grants/${ids.grantId}/history`);
    assert.equal(page.status, 200);
    const text = page.html.querySelector('tbody')?.text ?? '';
    for (const expected of [
      'Mittel abgerufen',
      'Mittelabruf bewilligt',
      'Änderungsbescheid',
      'E-Mail',
      'Partner ändern',
    ])
      assert.ok(text.includes(expected), `${expected} in\n${text}`);
    assert.ok(page.html.querySelector(`a[href="/de/grants/${ids.grantId}/changes/${ids.changeId}/decision.pdf"]`));
    assert.ok(text.indexOf('Mittel abgerufen') < text.indexOf('Änderungsbescheid'), 'oldest first');
    // the mails funding wrote about this grant (the change was requested and decided), no other
    assert.match(text, /An anna@carrier-a\.example: /);
    assert.doesNotMatch(text, /stray@example\.org/);
    const mails = await t.db.select().from(outbox);
    assert.ok(mails.length > 1);
    assert.deepEqual(
      mails.filter((m) => m.template.startsWith('funding:') && !m.aboutId).map((m) => m.template),
      [],
      "every mail funding writes names its case, so the case's history lists it",
    );
  });

  test('an officer adds a note; it shows with its author; an empty or too long note is refused', async () => {
    const url = `/de/funding/applications/${ids.applicationId}/notes`;
    const empty = await officer.post(url, { note: '' });
    assert.equal(empty.status, 400);
    assert.ok(empty.html.querySelector('.kern-error-summary, [role=alert]'), 'an error summary');
    assert.equal((await officer.post(url, { note: 'x'.repeat(4001) })).status, 400);
    const saved = await officer.post(url, { note: NOTE });
    assert.equal(saved.status, 303);
    const page = await officer.get(`/de/funding/applications/${ids.applicationId}/history`);
    const row = page.html.querySelectorAll('tbody tr').find((r) => r.text.includes(NOTE));
    assert.ok(row, 'the note is in the history');
    assert.match(row.text, /Interne Notiz/);
    assert.equal((await officer.post(`/de/grants/${ids.grantId}/notes`, { note: GRANT_NOTE })).status, 303);
    assert.ok((await officer.get(`/de/grants/${ids.grantId}/history`)).body.includes(GRANT_NOTE));
  });

  test('the carrier gets 404 on every history and note route, and sees the notes nowhere', async () => {
    const routes: [string, string][] = [
      ['get', `/de/funding/applications/${ids.applicationId}/history`],
      ['post', `/de/funding/applications/${ids.applicationId}/notes`],
      ['get', `/de/grants/${ids.grantId}/history`],
      ['post', `/de/grants/${ids.grantId}/notes`],
      ['get', `/tr/grants/${ids.grantId}/history`],
    ];
    for (const [method, url] of routes) {
      const res = method === 'get' ? await carrier.get(url) : await carrier.post(url, { note: 'Von außen' });
      assert.equal(res.status, 404, `${method} ${url}`);
    }
    const pages = [
      `/de/applications/${ids.applicationId}`,
      '/de/applications',
      '/de/grants',
      `/de/grants/${ids.grantId}`,
      `/de/grants/${ids.grantId}/changes`,
      `/de/grants/${ids.grantId}/changes/${ids.changeId}`,
      '/de/account/my-data.json',
    ];
    for (const url of pages) {
      const res = await carrier.get(url);
      assert.equal(res.status, 200, url);
      assert.ok(!res.body.includes(NOTE) && !res.body.includes(GRANT_NOTE), `a note on ${url}`);
      assert.ok(!res.body.includes('Von außen'), `a refused note on ${url}`);
    }
  });

  test("the author's own export lists the notes they wrote", async () => {
    const res = await officer.get('/de/account/my-data.json');
    assert.equal(res.status, 200);
    assert.ok(res.body.includes(NOTE) && res.body.includes(GRANT_NOTE));
  });
});

test('mails written before mails knew their case get it from their link when the database is migrated', async () => {
  const grantId = '0b7c1c1e-1111-4222-8333-444455556666';
  const applicationId = '1c8d2d2f-2222-4333-8444-555566667777';
  const write = (to: string, template: string, link: string) =>
    sendMail(t.db, t.deps.config, { to, template, language: 'de', vars: { name: 'X', project: 'P', date: 'D', link } });
  await write(
    'old-grant@example.org',
    'funding:mail.reportReminder',
    `https://x.example/de/grants/${grantId}/reports/1`,
  );
  await write(
    'old-app@example.org',
    'funding:mail.applicationSubmitted',
    `https://x.example/tr/applications/${applicationId}`,
  );
  await write('core@example.org', 'passwordReset', `https://x.example/de/grants/${grantId}`);
  const file = readdirSync('migrations').find((f) => f.endsWith('_mail_about.sql'));
  assert.ok(file, 'the migration that added the column');
  const backfill = readFileSync(join('migrations', file), 'utf8')
    .split('--> statement-breakpoint')
    .filter((statement) => statement.includes('UPDATE'));
  assert.equal(backfill.length, 2);
  for (const statement of backfill) await t.db.execute(sql.raw(statement));
  const about = async (to: string) => {
    const [row] = await t.db.select().from(outbox).where(eq(outbox.to, to));
    return [row?.aboutKind, row?.aboutId];
  };
  assert.deepEqual(await about('old-grant@example.org'), ['grant', grantId]);
  assert.deepEqual(await about('old-app@example.org'), ['application', applicationId]);
  assert.deepEqual(await about('core@example.org'), [null, null], "core's own mails are nobody's case");
});
