// A partner confirms its part by the link mailed to its contact, as a partner would: the carrier
// saves the contact and asks, the mail holds the link (only its hash is stored), the partner opens it
// without an account, reads its part and confirms; the carrier can submit then. A change of the part
// leaves the confirmation outdated; a declined part shows the remark; an unknown, used, replaced or
// expired link answers with a plain 4xx page, never a 500.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { client, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, getRaw, pdfText, people, type Scene, signedIn } from '../../../../test/helpers/funding';
import { auditLog } from '../../../core/audit/schema';
import { hashToken } from '../../../core/auth/tokens';
import { deliverEvents } from '../../../core/events/events';
import { outbox } from '../../../core/mail/schema';
import { fixedClock } from '../../../core/time/clock';
import { applications, partnerConfirmations } from '../schema';

const clock = fixedClock('2026-12-02T10:00:00Z');
let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;

const partnerForm = (o: Record<string, string> = {}) => ({
  cooperationForm: '',
  'partner-0-name': 'Kulturverein Anadolu',
  'partner-0-isMigrantOrganisation': 'on',
  'partner-0-role': 'Tandempartner',
  'partner-0-tasks': 'Elternabende auf Türkisch',
  'partner-0-share': '40',
  'partner-0-contactName': 'Ayşe Yılmaz',
  'partner-0-contactEmail': 'ayse@anadolu.example',
  ...o,
});

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene({ organisations: ['Caritas Mainz', 'Diakonie Trier'] });
});
after(() => t.close());

/** A complete draft of carrier A (no partners yet), and the carrier signed in on it. */
async function draft(stage: 'full' | 'outline' = 'full') {
  const id = await f.application({ callId: scene.callId, organisationId: scene.organisationId }, { stage });
  const anna = await signedIn(t, people.carrier);
  return { id, url: `/de/applications/${id}`, anna };
}

/** The link in the newest mail to the partner's contact, as the partner would click it. */
async function mailedLink(to = 'ayse@anadolu.example') {
  await deliverEvents(t.deps);
  const mails = await t.db.select().from(outbox).where(eq(outbox.to, to));
  const mail = mails.sort((a, b) => +b.createdAt - +a.createdAt)[0];
  const link = /http:\/\/localhost:3000(\/[a-z]{2}\/partner-confirmation\/[A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  assert.ok(link, `a link in the mail: ${mail?.text}`);
  return { mail: mail!, link };
}

const shownHash = (html: { querySelector(s: string): { getAttribute(n: string): string | undefined } | null }) =>
  html.querySelector('input[name="shown"]')?.getAttribute('value') ?? '';

describe('a partner confirms its part', () => {
  test('asked from the partners page, mailed a link, confirmed without an account; then the carrier submits', async () => {
    const { id, url, anna } = await draft();
    // the contact's address is checked when the partners are saved
    const wrong = await anna.submit(`${url}/partners`, partnerForm({ 'partner-0-contactEmail': 'ayse(at)anadolu' }));
    assert.equal(wrong.status, 400);
    assert.ok(wrong.html.querySelector('#f-partner-0-contactEmail-error'));
    assert.equal((await anna.submit(`${url}/partners`, partnerForm())).status, 303);

    // without a confirmation the submission names the partner, linked to its row
    await anna.get(url);
    const refused = await anna.post(`${url}/submit`);
    assert.equal(refused.status, 400);
    const item = refused.html.querySelector('.error-summary a[href$="/partners#f-partner-0-confirmation"]');
    assert.match(item?.text ?? '', /Die Bestätigung von Kulturverein Anadolu fehlt/);
    const partnersPage = await anna.get(`${url}/partners`);
    assert.match(partnersPage.html.querySelector('#f-partner-0-confirmation')?.text ?? '', /nicht angefordert/);

    const asked = await anna.submit(
      `${url}/partners`,
      { partner: '0', language: 'tr' },
      `${url}/partners/confirmations`,
    );
    assert.equal(asked.status, 303);
    assert.match(asked.location ?? '', /notice=partnersAsked/);
    const { mail, link } = await mailedLink();
    assert.equal(mail.language, 'tr', 'in the language the carrier chose for the partner');
    assert.match(mail.subject, /Brücken bauen|Projekt/);
    assert.ok(link.startsWith('/tr/partner-confirmation/'));
    const token = link.split('/').pop()!;
    const [row] = await t.db.select().from(partnerConfirmations).where(eq(partnerConfirmations.applicationId, id));
    assert.equal(row?.tokenHash, hashToken(token), 'only the hash of the token is stored');
    assert.ok(!JSON.stringify(row).includes(token));

    // the partner, without an account, in German this time (the page has a language switch)
    const partner = client(t);
    const page = await partner.get(link.replace('/tr/', '/de/'));
    assert.equal(page.status, 200);
    const text = (page.html.querySelector('main')?.text ?? '').replace(/\s+/g, ' ');
    for (const shown of [
      'Caritas Mainz',
      'Projekt',
      'Tandempartner',
      'Elternabende auf Türkisch',
      '40 %',
      '1. Januar 2027',
    ])
      assert.ok(text.includes(shown), `the page shows ${shown}`);
    assert.match(text, /4\.000,00/, '40 % of the 10,000 € plan');
    const inTurkish = (await partner.get(link)).html.querySelector('main')?.text ?? '';
    assert.ok(inTurkish.includes('%40'), 'a share as Turkish writes it');
    assert.equal(page.headers['cache-control'], 'no-store');
    const arabic = await partner.get(link.replace('/tr/', '/ar/'));
    assert.equal(arabic.html.querySelector('html')?.getAttribute('dir'), 'rtl');

    const empty = await partner.post(link, { shown: shownHash(page.html) });
    assert.equal(empty.status, 400, 'an answer and a name are asked for');
    assert.ok(empty.html.querySelector('#f-decision-error'));
    const done = await partner.post(link, {
      decision: 'confirm',
      name: 'Ayşe Yılmaz',
      remark: '',
      shown: shownHash(page.html),
    });
    assert.equal(done.status, 200);
    const [answered] = await t.db.select().from(partnerConfirmations).where(eq(partnerConfirmations.id, row!.id));
    assert.equal(answered?.status, 'confirmed');
    assert.equal(answered?.decidedByName, 'Ayşe Yılmaz');
    assert.equal(answered?.decidedAt?.toISOString(), clock().toISOString());
    assert.match(answered?.partSha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(answered?.partSha256, shownHash(page.html), 'the hash of exactly what was shown');
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'partnerConfirmation.confirmed'), eq(auditLog.subjectId, id)));
    assert.match(audit?.actorLabel ?? '', /Ayşe Yılmaz/);

    // used: the link answers once
    const again = await partner.get(link);
    assert.equal(again.status, 410);
    assert.equal((await partner.post(link, { decision: 'decline', name: 'X', shown: 'x' })).status, 410);
    // the carrier hears of it
    await deliverEvents(t.deps);
    const told = await t.db
      .select()
      .from(outbox)
      .where(eq(outbox.template, 'funding:partnerConfirmation.mail.confirmed'));
    assert.equal(told.length, 1);
    assert.equal(told[0]?.to, people.carrier);

    // the overview shows who confirmed when; the carrier submits
    const overview = await anna.get(url);
    assert.match(overview.html.querySelector('main')?.text ?? '', /Ayşe Yılmaz/);
    assert.equal((await anna.post(`${url}/submit`)).status, 303);
    // the officer sees it on the application and in its PDF
    const olga = await signedIn(t, people.officer);
    assert.match((await olga.get(url)).html.querySelector('main')?.text ?? '', /Ayşe Yılmaz/);
    const pdf = await getRaw(t, olga, `${url}/versions/1.pdf`);
    const pdfWords = await pdfText(pdf.rawPayload);
    assert.match(pdfWords, /Kulturverein Anadolu: bestätigt \(Ayşe Yılmaz/);
    assert.ok(pdfWords.includes(answered!.partSha256!));
  });

  test('a change of the partner’s part leaves its confirmation outdated, and submitting needs a new one', async () => {
    const { id, url, anna } = await draft();
    await anna.get(`${url}/partners`);
    await anna.submit(`${url}/partners`, partnerForm());
    await anna.submit(`${url}/partners`, { partner: 'all', language: 'de' }, `${url}/partners/confirmations`);
    const { link } = await mailedLink();
    const partner = client(t);
    const page = await partner.get(link);
    // meanwhile the carrier changes the tasks: the answer to the old page is refused, the new one shown
    await anna.get(`${url}/partners`);
    await anna.submit(`${url}/partners`, partnerForm({ 'partner-0-tasks': 'Elternabende und Sprachcafé' }));
    const stale = await partner.post(link, { decision: 'confirm', name: 'Ayşe', shown: shownHash(page.html) });
    assert.equal(stale.status, 400);
    assert.match(stale.html.querySelector('main')?.text ?? '', /Sprachcafé/);
    assert.match(stale.html.querySelector('#f-decision-error')?.text ?? '', /geändert/);
    assert.equal(
      (await partner.post(link, { decision: 'confirm', name: 'Ayşe', shown: shownHash(stale.html) })).status,
      200,
    );
    // confirmed; then the share changes: outdated
    await anna.get(`${url}/partners`);
    await anna.submit(
      `${url}/partners`,
      partnerForm({ 'partner-0-tasks': 'Elternabende und Sprachcafé', 'partner-0-share': '30' }),
    );
    await anna.get(url);
    const refused = await anna.post(`${url}/submit`);
    assert.equal(refused.status, 400);
    assert.match(refused.html.querySelector('.error-summary')?.text ?? '', /Kulturverein Anadolu ist veraltet/);
    const [a] = await t.db.select().from(applications).where(eq(applications.id, id));
    assert.equal(a?.status, 'draft');
  });

  test('a declined part shows the partner’s remark to the carrier', async () => {
    const { url, anna } = await draft();
    await anna.get(`${url}/partners`);
    await anna.submit(`${url}/partners`, partnerForm({ 'partner-0-contactEmail': 'vorstand@anadolu.example' }));
    await anna.submit(`${url}/partners`, { partner: '0', language: 'de' }, `${url}/partners/confirmations`);
    const { link } = await mailedLink('vorstand@anadolu.example');
    const partner = client(t);
    const page = await partner.get(link);
    const res = await partner.post(link, {
      decision: 'decline',
      name: 'Mehmet Kaya',
      remark: 'Unser Anteil ist 50 %, nicht 40 %.',
      shown: shownHash(page.html),
    });
    assert.equal(res.status, 200);
    const rows = (await anna.get(`${url}/partners`)).html.querySelector('#f-partner-0-confirmation')?.text ?? '';
    assert.match(rows, /abgelehnt/);
    assert.match(rows, /Unser Anteil ist 50 %, nicht 40 %\./);
  });

  test('an unknown, replaced or expired link says so with a 4xx page', async () => {
    const partner = client(t);
    const unknown = await partner.get('/de/partner-confirmation/nothing-like-a-token');
    assert.equal(unknown.status, 404);
    assert.match(unknown.html.querySelector('h1')?.text ?? '', /unbekannt/);
    await partner.get('/de/sign-in'); // for a CSRF token, as a browser has one
    const wellFormed = await partner.post(`/de/partner-confirmation/${'A'.repeat(43)}`, { decision: 'confirm' });
    assert.equal(wellFormed.status, 404);

    const { url, anna } = await draft();
    await anna.get(`${url}/partners`);
    await anna.submit(`${url}/partners`, partnerForm({ 'partner-0-contactEmail': 'neu@anadolu.example' }));
    await anna.submit(`${url}/partners`, { partner: '0', language: 'de' }, `${url}/partners/confirmations`);
    const first = (await mailedLink('neu@anadolu.example')).link;
    await anna.submit(`${url}/partners`, { partner: '0', language: 'de' }, `${url}/partners/confirmations`);
    const second = (await mailedLink('neu@anadolu.example')).link;
    assert.notEqual(first, second);
    const replaced = await partner.get(first);
    assert.equal(replaced.status, 410, 'a newer link replaces the older');
    assert.match(replaced.html.querySelector('h1')?.text ?? '', /gilt nicht mehr/);
    clock.set('2027-01-02T10:00:00Z');
    try {
      const expired = await partner.get(second);
      assert.equal(expired.status, 410);
      assert.match(expired.html.querySelector('h1')?.text ?? '', /abgelaufen/);
      // a month later the carrier signs in again and sees why the partner has not answered
      const later = await signedIn(t, people.carrier);
      assert.match(
        (await later.get(`${url}/partners`)).html.querySelector('#f-partner-0-confirmation')?.text ?? '',
        /abgelaufen/,
      );
    } finally {
      clock.set('2026-12-02T10:00:00Z');
    }
  });

  test('a link stays with the partner it was mailed to: once the rows are reordered it opens nothing', async () => {
    const { url, anna } = await draft();
    const anadolu = {
      name: 'Kulturverein Anadolu',
      role: 'Tandempartner',
      share: '40',
      contactName: 'Ayşe',
      contactEmail: 'reihe@anadolu.example',
    };
    const eltern = {
      name: 'Elternnetz',
      role: 'Beratung',
      share: '10',
      contactName: 'Olena',
      contactEmail: 'olena@elternnetz.example',
    };
    const rows = (...partners: (typeof anadolu)[]) =>
      Object.fromEntries([
        ['cooperationForm', ''],
        ...partners.flatMap((p, i) => Object.entries(p).map(([k, v]) => [`partner-${i}-${k}`, v])),
      ]);
    await anna.submit(`${url}/partners`, rows(anadolu, eltern));
    await anna.submit(`${url}/partners`, { partner: '0', language: 'de' }, `${url}/partners/confirmations`);
    const { link } = await mailedLink('reihe@anadolu.example');
    await anna.submit(`${url}/partners`, rows(eltern, anadolu));
    const res = await client(t).get(link);
    assert.equal(res.status, 410);
    assert.doesNotMatch(res.body, /Elternnetz|Beratung/, 'another partner’s part is never shown');
    const page = await anna.get(`${url}/partners`);
    assert.match(page.html.querySelector('#f-partner-0-confirmation')?.text ?? '', /nicht angefordert/);
  });

  test('the carrier cannot ask without a contact; an outline asks nobody and submits without', async () => {
    const { url, anna } = await draft();
    await anna.get(`${url}/partners`);
    await anna.submit(`${url}/partners`, partnerForm({ 'partner-0-contactName': '', 'partner-0-contactEmail': '' }));
    const noContact = await anna.submit(
      `${url}/partners`,
      { partner: '0', language: 'de' },
      `${url}/partners/confirmations`,
    );
    assert.equal(noContact.status, 400);
    assert.match(noContact.html.querySelector('.error-summary')?.text ?? '', /Kontaktperson/);
    const hostile = await anna.submit(
      `${url}/partners`,
      { partner: '7', language: 'xx' },
      `${url}/partners/confirmations`,
    );
    assert.equal(hostile.status, 400);

    const outlineCall = await f.call(scene.programmeId, { title: 'Zweistufig', stages: 2 });
    const outline = await f.application(
      { callId: outlineCall, organisationId: scene.organisationId },
      { stage: 'outline' },
    );
    const outlineUrl = `/de/applications/${outline}`;
    await anna.get(`${outlineUrl}/partners`);
    await anna.submit(`${outlineUrl}/partners`, partnerForm());
    const page = await anna.get(`${outlineUrl}/partners`);
    assert.equal(page.html.querySelector('#confirmations'), null, 'an outline offers no request');
    assert.equal(
      (
        await anna.submit(
          `${outlineUrl}/partners`,
          { partner: '0', language: 'de' },
          `${outlineUrl}/partners/confirmations`,
        )
      ).status,
      400,
    );
    await anna.get(outlineUrl);
    assert.equal(
      (await anna.post(`${outlineUrl}/submit`)).status,
      303,
      'an outline is submitted without confirmations',
    );
  });
});
