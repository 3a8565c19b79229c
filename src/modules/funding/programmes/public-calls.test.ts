// The public call list and call pages come from what the process keeps about calls and programmes
// until one of them changes (core/db/subjects.ts, migration 0013). A visitor must see an edit the
// moment it is saved, and nothing else may make the process read them again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, programmeInput, system } from '../../../../test/helpers/funding';
import { subjectGeneration } from '../../../core/db/subjects';
import { getCall, getProgramme, updateCall, updateProgramme } from './programmes.store';

let t: TestApp;
let f: ReturnType<typeof funding>;
let programmeId = '';
let callId = '';
const open = { opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 30 * 86_400_000) };

before(async () => {
  t = await testApp();
  f = funding(t);
  programmeId = await f.programme({ title: 'Teilhabe vor Ort' });
  callId = await f.call(programmeId, { title: 'Aufruf Frühling', text: '## Worum es geht\n\nAlt.', ...open });
});
after(() => t.close());

const listTitles = async () =>
  (await client(t).get('/de/calls')).html.querySelectorAll('.kern-card h2').map((h) => h.text.trim());

describe('public calls', () => {
  test('show an edited call, its new text and its programme’s new title at once, and drop an unpublished call at once', async () => {
    assert.deepEqual(await listTitles(), ['Aufruf Frühling']);
    assert.match((await client(t).get(`/de/calls/${callId}`)).body, /Alt\./);

    const call = await getCall(t.db, callId);
    assert.ok(call);
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = call;
    await updateCall(t.db, system, callId, { ...input, title: 'Aufruf Sommer', text: 'Neu.' }, t.deps.now());
    assert.deepEqual(await listTitles(), ['Aufruf Sommer']);
    const page = await client(t).get(`/de/calls/${callId}`);
    assert.match(page.body, /Neu\./);
    assert.doesNotMatch(page.body, /Alt\./);

    await updateProgramme(t.db, system, programmeId, programmeInput({ title: 'Teilhabe überall' }), t.deps.now());
    assert.match((await client(t).get('/de/calls')).body, /Teilhabe überall/);
    assert.match((await client(t).get(`/de/calls/${callId}`)).body, /Teilhabe überall/);

    await updateCall(t.db, system, callId, { ...input, title: 'Aufruf Sommer', published: false }, t.deps.now());
    assert.deepEqual(await listTitles(), []);
    assert.equal((await client(t).get(`/de/calls/${callId}`)).status, 404);
  });

  test('a new call is listed at once; writes to other tables leave what the process keeps alone', async () => {
    const before = await subjectGeneration(t.db, 'funding.calls');
    const organisationId = await f.organisation('Nachbarschaft e. V.');
    await f.application({ callId, organisationId });
    assert.equal(await subjectGeneration(t.db, 'funding.calls'), before, 'an application is no change of calls');

    const second = await f.call(programmeId, { title: 'Aufruf Herbst', ...open });
    assert.notEqual(await subjectGeneration(t.db, 'funding.calls'), before);
    assert.ok((await listTitles()).includes('Aufruf Herbst'));
    assert.equal((await getProgramme(t.db, programmeId))?.id, programmeId);
    assert.equal((await getCall(t.db, second))?.title, 'Aufruf Herbst');
  });
});
