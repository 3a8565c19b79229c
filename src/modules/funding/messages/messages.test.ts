// Messages between carrier and funder: a thread per application (once submitted) and per grant,
// read and written by the carrier's staff and the programme's officers, nobody else (404). New
// messages are counted per person until the thread is opened; the other side gets a mail in its
// own language that says who wrote about what, never the text. Attachments are kept with their
// sha-256 and served as downloads.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { makeUser, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, getRaw, people, type Scene, signedIn, upload } from '../../../../test/helpers/funding';
import { runDueJobs } from '../../../core/jobs/jobs';
import { outbox } from '../../../core/mail/schema';
import { fundingPersonalData } from '../personal-data';
import { messageAttachments, messages } from '../schema';
import { attachmentIssues, messageIssues } from './message-rules';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;
let applicationId: string;
let draftId: string;
let grantId: string;
const ayse = 'ayse@carrier-a.example';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const squeeze = (s: string) => s.replace(/\s+/g, ' ');

before(async () => {
  t = await testApp();
  f = funding(t);
  scene = await f.scene({ call: { requiredDocuments: [] } });
  const target = { callId: scene.callId, organisationId: scene.organisationId };
  applicationId = await f.application(target, { content: { title: 'Brücken bauen' }, submit: true });
  draftId = await f.application(target, { content: { title: 'Noch ein Entwurf' } });
  ({ grantId } = await f.grant(target, { content: { title: 'Tandem Nord' } }));
  await makeUser(t.db, ayse, 'carrierStaff', {
    scopeKind: 'organisation',
    scopeId: scene.organisationId,
    language: 'tr',
  });
});
after(() => t.close());

describe('message rules', () => {
  test('a text is required and limited; attachments of known kinds, a PDF that is one, three at most', () => {
    assert.deepEqual(
      messageIssues({ body: '  ', attachments: [] }).map((i) => i.key),
      ['common:validation.required'],
    );
    assert.deepEqual(
      messageIssues({ body: 'x'.repeat(5001), attachments: [] }).map((i) => i.key),
      ['common:validation.tooLong'],
    );
    assert.deepEqual(
      attachmentIssues([
        { field: 'attachment1', filename: 'a.exe', content: Buffer.from('MZ') },
        { field: 'attachment2', filename: 'b.pdf', content: Buffer.from('<html>') },
        { field: 'attachment3', filename: 'c.DOCX', content: Buffer.from('PK') },
      ]).map((i) => [i.field, i.key]),
      [
        ['attachment1', 'funding:messages.wrongType'],
        ['attachment2', 'funding:messages.notPdf'],
      ],
    );
    const four = ['1', '2', '3', '4'].map((n) => ({ field: `attachment${n}`, filename: 'x.png', content: pdf }));
    assert.ok(messageIssues({ body: 'Hallo', attachments: four }).some((i) => i.key === 'funding:messages.tooMany'));
  });
});

describe('the thread of an application', () => {
  test('the carrier writes with an attachment; the officer sees "1 new message", reads it, and it is read', async () => {
    const anna = await signedIn(t, people.carrier);
    const url = `/de/applications/${applicationId}/messages`;
    const page = await anna.get(url);
    assert.equal(page.status, 200);
    assert.match(page.body, /Noch keine Nachrichten/);
    const sent = await upload(
      t,
      anna,
      url,
      { attachment1: { filename: 'Satzung.pdf', content: pdf, type: 'application/pdf' } },
      { body: 'Wir haben eine Frage zum Finanzierungsplan.' },
    );
    assert.equal(sent.status, 303);
    assert.match(sent.location ?? '', new RegExp(`^/de/applications/${applicationId}/messages\\?sent=1#m-`));

    const olga = await signedIn(t, people.officer);
    const officerPage = squeeze((await olga.get(`/de/funding/applications/${applicationId}`)).body);
    assert.match(officerPage, /1 neue Nachricht/);
    const inbox = squeeze((await olga.get('/de/funding/inbox')).body);
    assert.match(inbox, /Brücken bauen/);
    assert.match(squeeze((await olga.get('/de/funding')).body), /Ungelesene Nachrichten: <strong>1 neue Nachricht/);
    const thread = await olga.get(url);
    assert.equal(thread.status, 200);
    assert.match(thread.body, /Wir haben eine Frage zum Finanzierungsplan\./);
    assert.equal(squeeze(thread.html.querySelector('article h3')?.text ?? ''), 'anna · Träger neu');
    // opened: nothing new any more, neither on the page nor in the inbox
    assert.doesNotMatch(squeeze((await olga.get(`/de/funding/applications/${applicationId}`)).body), /neue Nachricht/);
    assert.doesNotMatch(squeeze((await olga.get('/de/funding/inbox')).body), /Brücken bauen/);
    assert.doesNotMatch(squeeze((await olga.get('/de/funding')).body), /Ungelesene Nachrichten/);
    // the author's own message is never new to them
    assert.doesNotMatch(squeeze((await anna.get(`/de/applications/${applicationId}`)).body), /neue Nachricht/);

    // the attachment: stored with its sha-256, served as a download that is not sniffed
    const [stored] = await t.db.select().from(messageAttachments);
    assert.equal(stored?.sha256, createHash('sha256').update(pdf).digest('hex'));
    const link = thread.html.querySelector('a[download]')?.getAttribute('href');
    assert.ok(link);
    const file = await getRaw(t, olga, link);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.match(String(file.headers['content-disposition']), /^attachment; filename\*=UTF-8''Satzung\.pdf$/);
    assert.deepEqual(file.rawPayload, pdf);
  });

  test('the officer answers; the carriers are mailed in their languages, without the text', async () => {
    const olga = await signedIn(t, people.officer);
    const url = `/de/applications/${applicationId}/messages`;
    await olga.get(url);
    const res = await olga.submit(url, { body: 'Vertraulich: bitte Zeile 3 erläutern.' });
    assert.equal(res.status, 303);
    await runDueJobs(t.deps);
    const mails = await t.db.select().from(outbox).where(eq(outbox.template, 'funding:messages.mail.application'));
    const toAnna = mails.find((m) => m.to === people.carrier);
    const toAyse = mails.find((m) => m.to === ayse);
    assert.ok(toAnna && toAyse, 'both carrier staff are mailed');
    // the officer was mailed once, about the carrier's message, not about her own
    assert.equal(mails.filter((m) => m.to === people.officer).length, 1, 'the author is not mailed');
    assert.match(toAnna.subject, /Neue Nachricht zum Antrag „Brücken bauen“/);
    assert.match(toAnna.text, /olga hat Ihnen eine Nachricht/);
    assert.match(toAnna.text, new RegExp(`/de/applications/${applicationId}/messages`));
    assert.equal(toAyse.language, 'tr');
    assert.match(toAyse.text, /olga size „Brücken bauen“ başvurusu hakkında bir mesaj yazdı/);
    assert.match(toAyse.text, new RegExp(`/tr/applications/${applicationId}/messages`));
    for (const m of mails) assert.doesNotMatch(m.text, /Vertraulich|Zeile 3/);
    // and the carrier's message before went to the programme's officer, not to the other carrier's staff
    const toOfficer = (await t.db.select().from(outbox).where(eq(outbox.to, people.officer))).find(
      (m) => m.template === 'funding:messages.mail.application',
    );
    assert.ok(toOfficer, 'the officer heard of the carrier’s message');
    assert.match(toOfficer.text, /anna \(.+\) hat Ihnen eine Nachricht zum Antrag „Brücken bauen“ geschrieben/);
    assert.doesNotMatch(toOfficer.text, /Finanzierungsplan\./);
    const toForeign = await t.db.select().from(outbox).where(eq(outbox.to, people.foreignCarrier));
    assert.ok(!toForeign.some((m) => m.template.startsWith('funding:messages.')));
  });

  test('a Turkish carrier reads and writes in Turkish', async () => {
    const c = await signedIn(t, ayse);
    const url = `/tr/applications/${applicationId}/messages`;
    const overview = squeeze((await c.get(`/tr/applications/${applicationId}`)).body);
    assert.match(overview, /2 yeni mesaj/);
    const page = await c.get(url);
    assert.equal(page.status, 200);
    assert.equal(page.html.querySelector('html')?.getAttribute('lang'), 'tr');
    assert.match(page.body, /Mesajlar/);
    assert.match(page.body, /Mesajı gönder/);
    const empty = await c.submit(url, { body: '' });
    assert.equal(empty.status, 400);
    assert.match(empty.html.querySelector('title')?.text ?? '', /^Hata: |^Fehler: |:/);
    const sent = await c.submit(url, { body: 'Merhaba, açıklamayı ekte gönderiyoruz.' });
    assert.equal(sent.status, 303);
    const after = await c.get(sent.location!);
    assert.match(after.body, /Mesajınız gönderildi/);
    assert.match(after.body, /Merhaba, açıklamayı ekte gönderiyoruz\./);
    assert.doesNotMatch(squeeze((await c.get(`/tr/applications/${applicationId}`)).body), /yeni mesaj/);
    // on the officer's German page the Turkish text is marked Turkish, the German ones are not marked
    const olga = await signedIn(t, people.officer);
    const de = await olga.get(`/de/applications/${applicationId}/messages`);
    const marked = de.html.querySelectorAll('.message-body [lang]').map((e) => [e.getAttribute('lang'), e.text]);
    assert.deepEqual(marked, [['tr', 'Merhaba, açıklamayı ekte gönderiyoruz.']]);
  });

  test('an Arabic page runs right to left', async () => {
    const c = await signedIn(t, people.carrier);
    const page = await c.get(`/ar/applications/${applicationId}/messages`);
    assert.equal(page.status, 200);
    assert.equal(page.html.querySelector('html')?.getAttribute('dir'), 'rtl');
    assert.match(page.body, /إرسال الرسالة/);
  });

  test('wrong files and hostile bytes are field errors, and nothing is stored', async () => {
    const anna = await signedIn(t, people.carrier);
    const url = `/de/applications/${applicationId}/messages`;
    await anna.get(url);
    const before = (await t.db.select().from(messages)).length;
    const exe = await upload(
      t,
      anna,
      url,
      { attachment2: { filename: 'tool.exe', content: Buffer.from('MZ') } },
      { body: 'Anbei' },
    );
    assert.equal(exe.status, 400);
    assert.match(exe.body, /Diese Dateiart ist nicht erlaubt/);
    assert.match(exe.body, /href="#f-attachment2"/);
    const hostile = await upload(t, anna, url, {}, { body: 'a\u0000b' });
    assert.equal(hostile.status, 400);
    const long = await anna.submit(url, { body: 'x'.repeat(5001) });
    assert.equal(long.status, 400);
    assert.equal((await t.db.select().from(messages)).length, before);
  });

  test('a file over the limit ends the reading with 413 and the error at its field', async () => {
    const anna = await signedIn(t, people.carrier);
    const url = `/de/applications/${applicationId}/messages`;
    await anna.get(url);
    const before = (await t.db.select().from(messages)).length;
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    const res = await upload(t, anna, url, { attachment3: { filename: 'scan.png', content: big } }, { body: 'Scan' });
    assert.equal(res.status, 413);
    assert.match(res.body, /Die Datei ist zu groß \(höchstens 10 MB\)/);
    assert.match(res.body, /href="#f-attachment3"/);
    assert.equal((await t.db.select().from(messages)).length, before);
  });

  test('read is per person: what one officer opened is still new to the administrator', async () => {
    const admin = 'ada@funder.example';
    await f.admin(admin);
    const anna = await signedIn(t, people.carrier);
    const url = `/de/applications/${applicationId}/messages`;
    await anna.get(url);
    assert.equal((await anna.submit(url, { body: 'Noch eine Frage.' })).status, 303);
    const olga = await signedIn(t, people.officer);
    await olga.get(url);
    const ada = await signedIn(t, admin);
    // everything the carrier wrote so far is new to her
    assert.match(squeeze((await ada.get(`/de/funding/applications/${applicationId}`)).body), /\d+ neue Nachrichten?/);
    assert.match(squeeze((await ada.get('/de/funding/inbox')).body), /Brücken bauen/);
    assert.doesNotMatch(squeeze((await olga.get(`/de/funding/applications/${applicationId}`)).body), /neue Nachricht/);
  });

  test('nobody else sees the thread; a draft has none', async () => {
    const foreign = await signedIn(t, people.foreignCarrier);
    assert.equal((await foreign.get(`/de/applications/${applicationId}/messages`)).status, 404);
    const otto = await signedIn(t, people.foreignOfficer);
    assert.equal((await otto.get(`/de/applications/${applicationId}/messages`)).status, 404);
    assert.equal((await otto.get(`/de/grants/${grantId}/messages`)).status, 404);
    const anna = await signedIn(t, people.carrier);
    assert.equal((await anna.get(`/de/applications/${draftId}/messages`)).status, 404);
    assert.equal((await anna.get('/de/applications/not-a-uuid/messages')).status, 404);
  });
});

describe('the thread of a grant', () => {
  test('the officer writes, the carrier sees "1 new message" on the grant page and mails go to the carrier', async () => {
    const olga = await signedIn(t, people.officer);
    const url = `/de/grants/${grantId}/messages`;
    await olga.get(url);
    assert.equal((await olga.submit(url, { body: 'Bitte den Zwischennachweis bis Ende April.' })).status, 303);
    const anna = await signedIn(t, people.carrier);
    assert.match(squeeze((await anna.get(`/de/grants/${grantId}`)).body), /1 neue Nachricht/);
    const page = await anna.get(url);
    assert.match(page.body, /Bitte den Zwischennachweis bis Ende April\./);
    assert.doesNotMatch(squeeze((await anna.get(`/de/grants/${grantId}`)).body), /neue Nachricht/);
    await runDueJobs(t.deps);
    const mails = await t.db.select().from(outbox).where(eq(outbox.template, 'funding:messages.mail.grant'));
    assert.ok(mails.some((m) => m.to === people.carrier && /Tandem Nord/.test(m.subject)));
  });
});

describe('personal data', () => {
  test('"download my data" has the author’s messages and attachments; erasure keeps the text, not the author', async () => {
    const [anna] = await t.db
      .select({ id: messages.authorId })
      .from(messages)
      .where(eq(messages.body, 'Wir haben eine Frage zum Finanzierungsplan.'));
    const userId = anna!.id!;
    const exported = (await fundingPersonalData.exportFor!(t.db, userId)) as {
      messagesWritten: { body: string; attachments: { inArchive: string }[] }[];
    };
    const written = exported.messagesWritten.find((m) => m.body.startsWith('Wir haben eine Frage'));
    assert.ok(written);
    const files = await fundingPersonalData.filesFor!(t.db, userId);
    const path = written.attachments[0]!.inArchive;
    assert.deepEqual(Buffer.from(files.find((x) => x.path === path)!.content), pdf);

    await fundingPersonalData.eraseFor!(t.db, userId, t.deps.now());
    const kept = await t.db
      .select()
      .from(messages)
      .where(eq(messages.body, 'Wir haben eine Frage zum Finanzierungsplan.'));
    assert.equal(kept.length, 1, 'the message stays in the case file');
    assert.equal(kept[0]!.authorId, null, 'its author does not');
    assert.equal(kept[0]!.side, 'carrier');
    const olga = await signedIn(t, people.officer);
    const page = squeeze((await olga.get(`/de/applications/${applicationId}/messages`)).body);
    assert.match(page, /Ehemalige Person des Trägers/);
  });
});
