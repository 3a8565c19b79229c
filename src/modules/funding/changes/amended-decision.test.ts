// An amended decision (Änderungsbescheid) has legal weight: it is rendered once, at the approval and
// in its transaction, kept in `files` with its sha-256, and served as stored, so a later change
// never reaches into it. Approvals made before it was stored get it rendered once, on first request.
// The officers and the carrier hear of requests and decisions through subscribers, in their language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { makeUser, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, getRaw, pdfText, people, plan, type Scene, signedIn } from '../../../../test/helpers/funding';
import { sha256Of } from '../../../core/files/files';
import { files as filesTable } from '../../../core/files/schema';
import { runDueJobs } from '../../../core/jobs/jobs';
import { outbox } from '../../../core/mail/schema';
import { applications, changeRequests, grants, programmes } from '../schema';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;

before(async () => {
  t = await testApp();
  f = funding(t);
  // projects may run 24 months: a project of 2027 may be extended twice, to mid-2028 and to its end
  scene = await f.scene({ programme: { maxDurationMonths: 24 } });
  await makeUser(t.db, 'tuba@carrier-a.example', 'carrierStaff', {
    scopeKind: 'organisation',
    scopeId: scene.organisationId,
    language: 'tr',
  });
});
after(() => t.close());

const newGrant = async (title: string) =>
  (await f.grant(scene, { content: { title, plan: plan({ year: 2027, grant: 900_000, own: 100_000 }) } })).grantId;

/** The carrier asks for a later end and the officer approves it through the pages; returns the change's id. */
async function approvedExtension(grantId: string, endDate: string, note = '') {
  const anna = await signedIn(t, people.carrier);
  const asked = await anna.submit(`/de/grants/${grantId}/changes/new/extension`, { endDate, reason: 'Mehr Zeit' });
  assert.equal(asked.status, 303);
  const [open] = await t.db
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.grantId, grantId), eq(changeRequests.status, 'requested')));
  const olga = await signedIn(t, people.officer);
  const url = `/de/grants/${grantId}/changes/${open!.id}`;
  assert.equal((await olga.submit(url, { action: 'approve', note }, `${url}/decision`)).status, 303);
  return open!.id;
}

const pdfOf = async (grantId: string, changeId: string) => {
  const anna = await signedIn(t, people.carrier);
  const res = await getRaw(t, anna, `/de/grants/${grantId}/changes/${changeId}/decision.pdf`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
  return res.rawPayload;
};
const changeRow = async (id: string) => (await t.db.select().from(changeRequests).where(eq(changeRequests.id, id)))[0]!;

describe('the amended decision', () => {
  test('is issued at the approval and stays byte-identical after a later change', async () => {
    const grantId = await newGrant('Zweimal verlängert');
    const first = await approvedExtension(grantId, '2028-06-30', 'Verzögerter Start.');
    const stored = await changeRow(first);
    assert.ok(stored.documentFileId, 'the approval stored its notice');
    const [file] = await t.db.select().from(filesTable).where(eq(filesTable.id, stored.documentFileId));
    assert.equal(file?.sha256, sha256Of(file!.content), 'kept with its checksum');
    const issued = await pdfOf(grantId, first);
    assert.ok(issued.equals(file!.content), 'served as stored');
    const text = await pdfText(issued);
    assert.match(text, /Änderungsbescheid/);
    assert.match(text, /bis 30\. Juni 2028/);
    assert.match(text, /Verzögerter Start\./);
    // it names the decision it amends by date and case number and states only what changes
    const [g] = await t.db.select().from(grants).where(eq(grants.id, grantId));
    const [app] = await t.db.select().from(applications).where(eq(applications.id, g!.applicationId));
    assert.ok(app?.caseNumber);
    assert.match(
      text,
      new RegExp(`der Zuwendungsbescheid vom \\d{1,2}\\. \\p{L}+ \\d{4}, Aktenzeichen ${app.caseNumber}`, 'u'),
    );
    assert.match(text, /Bundesamt für Integration und Teilhabe \(Demo\)/);
    assert.match(text, /Träger A e\. V\./);
    assert.match(text, /Bewilligungszeitraum endet statt am/);
    assert.match(text, /Alle übrigen Bestimmungen des Zuwendungsbescheides vom/);
    assert.doesNotMatch(text, /Zuwendungszweck|Anlage: Allgemeine Nebenbestimmungen/, 'the rest is not repeated');
    assert.match(text, /Rechtsbehelfsbelehrung.*innerhalb eines Monats nach Bekanntgabe Widerspruch/s);
    assert.match(text, /Im Auftrag\s+olga/);
    assert.match(text, /Seite 1 von \d/);

    // a second extension, and the programme renamed: the second notice names the new end and the new
    // name; the first one, issued before both, does not change by a byte
    await t.db.update(programmes).set({ title: 'Umbenanntes Programm' }).where(eq(programmes.id, scene.programmeId));
    const second = await approvedExtension(grantId, '2028-12-31');
    const later = await pdfOf(grantId, second);
    const laterText = await pdfText(later);
    assert.match(laterText, /bis 31\. Dezember 2028/);
    assert.match(laterText, /Umbenanntes Programm/);
    const again = await pdfOf(grantId, first);
    assert.ok(again.equals(issued), 'the first amended decision is byte for byte as issued');
    assert.doesNotMatch(await pdfText(again), /31\. Dezember 2028|Umbenanntes Programm/);
  });

  test('of an approval made before notices were stored is rendered once, from its own plan version', async () => {
    const grantId = await newGrant('Alte Zustimmung');
    const first = await approvedExtension(grantId, '2028-06-30');
    await approvedExtension(grantId, '2028-12-31');
    // as if approved before migration 0011: no stored notice yet
    await t.db.update(changeRequests).set({ documentFileId: null }).where(eq(changeRequests.id, first));
    const count = async () => (await t.db.select({ id: filesTable.id }).from(filesTable)).length;
    const before = await count();
    const late = await pdfOf(grantId, first);
    assert.equal(await count(), before + 1, 'rendered and stored on the first request');
    assert.ok((await changeRow(first)).documentFileId);
    assert.match(await pdfText(late), /bis 30\. Juni 2028/, 'with the end date that approval decided');
    assert.ok((await pdfOf(grantId, first)).equals(late), 'and served as stored from then on');
    assert.equal(await count(), before + 1);
  });

  test('is there only for approved changes', async () => {
    const grantId = await newGrant('Abgelehnt');
    const id = await f.change(grantId, { decision: 'rejected' });
    const anna = await signedIn(t, people.carrier);
    assert.equal((await getRaw(t, anna, `/de/grants/${grantId}/changes/${id}/decision.pdf`)).statusCode, 404);
    assert.equal((await changeRow(id)).documentFileId, null);
  });
});

describe('mails about changes', () => {
  test('the officers hear of a request, the carrier’s staff of the decision, each in their language', async () => {
    const grantId = await newGrant('Gemeldete Änderung');
    const id = await approvedExtension(grantId, '2028-03-31');
    await runDueJobs(t.deps);
    const of = async (template: string) =>
      (
        await t.db
          .select()
          .from(outbox)
          .where(eq(outbox.template, `funding:mail.${template}`))
      ).filter((m) => m.text.includes('Gemeldete Änderung'));
    const [asked] = await of('changeRequested');
    assert.equal(asked?.to, people.officer);
    assert.match(asked?.text ?? '', /Verlängerung bis 31\. März 2028/);
    assert.match(asked?.text ?? '', new RegExp(`/de/grants/${grantId}/changes/${id}`));
    const decided = await of('changeDecided');
    assert.deepEqual(decided.map((m) => m.to).sort(), [people.carrier, 'tuba@carrier-a.example'].sort());
    const tuba = decided.find((m) => m.to === 'tuba@carrier-a.example');
    assert.equal(tuba?.language, 'tr');
    assert.match(tuba?.text ?? '', /31 Mart 2028 tarihine kadar uzatma/);
    assert.match(tuba?.text ?? '', /onaylandı/);
    // the grant's pages exist in every language: the link opens the Turkish one
    assert.match(tuba?.text ?? '', new RegExp(`/tr/grants/${grantId}/changes/${id}`));
    await runDueJobs(t.deps);
    assert.equal((await of('changeDecided')).length, 2, 'each mail once');
  });

  test('a notification reaches the programme’s officers once the worker delivers its event', async () => {
    const grantId = await newGrant('Mitteilung per Ereignis');
    const id = await f.notification(grantId, { kind: 'insolvency' });
    const mails = async () =>
      (await t.db.select().from(outbox).where(eq(outbox.template, 'funding:mail.notificationReported'))).filter((m) =>
        m.text.includes('Mitteilung per Ereignis'),
      );
    assert.equal((await mails()).length, 0, 'nothing before the worker ran');
    await runDueJobs(t.deps);
    const [mail] = await mails();
    assert.equal(mail?.to, people.officer);
    assert.match(mail?.subject ?? '', /Zahlungsunfähigkeit oder Insolvenz/);
    assert.match(mail?.text ?? '', new RegExp(`/de/grants/${grantId}/changes#n-${id}`));
  });
});
