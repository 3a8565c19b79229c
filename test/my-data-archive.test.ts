// "Download my data": a carrier who applied gets one ZIP with everything the platform keeps about
// them, in sections per module with keys that say what they hold, and the files they uploaded,
// byte for byte.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { fixedClock } from '../src/core/time/clock';
import { type TestApp, testApp } from './helpers/app';
import { funding, getRaw, people, type Scene, signedIn, upload } from './helpers/funding';

let t: TestApp;
let s: Scene;
before(async () => {
  t = await testApp({ now: fixedClock('2026-12-02T10:00:00Z') });
  s = await funding(t).scene({
    call: { requiredDocuments: [{ id: 'd1', label: 'Satzung', types: ['pdf'], maxMegabytes: 1 }] },
  });
});
after(() => t.close());

test('the archive holds the account, sign-ins, organisation, drafts with declarations, uploads and actions', async () => {
  const anna = await signedIn(t, people.carrier);
  const apply = await anna.get(`/de/calls/${s.callId}/apply`);
  const organisationId = apply.html.querySelector('input[name="organisationId"]')?.getAttribute('value') ?? '';
  const started = await anna.post(`/de/calls/${s.callId}/apply`, { organisationId });
  assert.equal(started.status, 303);
  const draft = String(started.headers.location).split('/').pop()!;
  await anna.get(`/de/applications/${draft}/project`);
  await anna.post(`/de/applications/${draft}/project`, { title: 'Mein Entwurf', summary: 'Worum es geht' });
  await anna.get(`/de/applications/${draft}/declarations`);
  await anna.post(`/de/applications/${draft}/declarations`, { truthful: 'on' });
  const statute = Buffer.from('%PDF-1.4\n% Satzung des Vereins\n');
  await anna.get(`/de/applications/${draft}/documents`);
  const uploaded = await upload(t, anna, `/de/applications/${draft}/documents`, {
    'document-d1': { filename: 'satzung.pdf', content: statute, type: 'application/pdf' },
  });
  assert.equal(uploaded.status, 303);

  const account = await anna.get('/de/account');
  assert.ok(account.html.querySelector('a[href="/de/account/my-data.zip"]'), 'offered on the account page');
  const res = await getRaw(t, anna, '/de/account/my-data.zip');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/zip');
  const zip = unzipSync(new Uint8Array(res.rawPayload));
  const data = JSON.parse(strFromU8(zip['my-data.json']!));

  assert.equal(data.accounts.account.email, people.carrier);
  assert.ok(data.accounts.signIns.length >= 1, 'the sign-ins');
  assert.ok(
    data.accounts.actions.some((a: { action: string }) => a.action === 'application.created'),
    'what the person did',
  );
  assert.deepEqual(
    data.network.organisationsIWorkFor.map((o: { name: string }) => o.name),
    ['Träger A e. V.'],
  );
  const [mine] = data.funding.applicationsStarted;
  assert.equal(mine.id, draft);
  assert.equal(mine.status, 'draft');
  assert.equal(mine.content.title, 'Mein Entwurf');
  assert.equal(mine.declarations.truthful, true);
  const [doc] = data.funding.documentsUploaded;
  assert.equal(doc.filename, 'satzung.pdf');
  assert.equal(doc.fileId, undefined, 'no internal file id');
  const file = zip[`files/funding/${doc.inArchive}`];
  assert.ok(file, `the upload at ${doc.inArchive}`);
  assert.deepEqual(Buffer.from(file), statute);
});

test('someone who did nothing gets only the account section, and no one else’s files', async () => {
  const ben = await signedIn(t, people.foreignCarrier);
  const res = await getRaw(t, ben, '/de/account/my-data.zip');
  const zip = unzipSync(new Uint8Array(res.rawPayload));
  assert.deepEqual(
    Object.keys(zip).filter((k) => k.startsWith('files/')),
    [],
  );
  const data = JSON.parse(strFromU8(zip['my-data.json']!));
  assert.equal(data.accounts.account.email, people.foreignCarrier);
  assert.equal(data.funding, undefined);
});
