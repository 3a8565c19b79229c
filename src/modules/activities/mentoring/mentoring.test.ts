// A mentoring round as the project's staff run it: pools filled through the form (a missing
// language refused at its field), suggestions that say why, the optimal pairing adopted and shown
// beside the current pairs, a pair by hand refused for someone already paired, and a round closed
// once the matching is done. Other organisations see nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { client, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, signedIn } from '../../../../test/helpers/funding';
import { runDueJobs } from '../../../core/jobs/jobs';
import { workspaceOfGrant } from '../api';
import { mentoringPairs, mentoringPeople } from '../schema';

describe('mentoring', () => {
  let t: TestApp;
  let projectUrl: string;
  before(async () => {
    t = await testApp();
    const f = funding(t);
    const scene = await f.scene();
    const { grantId } = await f.grant({ callId: scene.callId, organisationId: scene.organisationId });
    await runDueJobs(t.deps);
    projectUrl = `/de/projects/${(await workspaceOfGrant(t.db, grantId))?.project.id}`;
  });
  after(() => t.close());

  /** Posts a person with several languages and topics (checkbox groups repeat their name). */
  async function addPerson(c: Awaited<ReturnType<typeof signedIn>>, url: string, fields: [string, string][]) {
    await c.get(url);
    const body = new URLSearchParams([['_csrf', c.lastToken ?? ''], ...fields]);
    return t.app.inject({
      method: 'POST',
      url: `${url}/people`,
      payload: body.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
  }

  test('a round from pools to pairs', async () => {
    const anna = await signedIn(t, people.carrier);
    const created = await anna.submit(`${projectUrl}/mentoring`, {
      title: 'Frauen in die Beiräte 2027',
      description: '',
    });
    assert.equal(created.status, 303);
    const round = (created.location ?? '').split('?')[0] ?? '';
    assert.match(round, /\/mentoring\/[0-9a-f-]{36}$/);

    const noLanguage = await addPerson(anna, round, [
      ['side', 'mentee'],
      ['name', 'Leyla'],
    ]);
    assert.equal(noLanguage.statusCode, 400);
    assert.match(noLanguage.body, /Bitte mindestens eine Sprache angeben\./);

    const add = async (side: string, name: string, languages: string[], topics: string[], region = '') => {
      const res = await addPerson(anna, round, [
        ['side', side],
        ['name', name],
        ['region', region],
        ...languages.map((l): [string, string] => ['languages', l]),
        ...topics.map((x): [string, string] => ['topics', x]),
      ]);
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    };
    // a greedy pairing would give Ayşe to Leyla (both Turkish, public speaking) and leave Hanna
    // without anyone: Ayşe is the only mentor who speaks Ukrainian
    await add('mentee', 'Leyla', ['de', 'tr'], ['publicSpeaking'], 'Mainz');
    await add('mentee', 'Hanna', ['uk'], ['motions']);
    await add('mentor', 'Ayşe', ['tr', 'uk', 'de'], ['publicSpeaking', 'motions'], 'Mainz');
    await add('mentor', 'Birgit', ['de'], ['publicSpeaking']);

    const page = await anna.get(round);
    assert.equal(page.status, 200);
    assert.match(page.body, /gemeinsame Sprache: Deutsch und Türkisch/);
    assert.match(page.body, /beide in Mainz/);
    assert.match(page.body, /Niemand passt|Passung/);

    const adopted = await anna.post(`${round}/optimal`);
    assert.equal(adopted.status, 303);
    const pairs = await t.db.select().from(mentoringPairs);
    const names = new Map((await t.db.select().from(mentoringPeople)).map((p) => [p.id, p.name]));
    assert.deepEqual(pairs.map((p) => [names.get(p.menteeId), names.get(p.mentorId)]).sort(), [
      ['Hanna', 'Ayşe'],
      ['Leyla', 'Birgit'],
    ]);
    const after = await anna.get(adopted.location ?? '');
    assert.match(after.body, /Die beste Paarbildung ist übernommen\./);
    assert.match(after.body, /Gebildete Paare \(Passung zusammen: \d+\)/);

    // by hand: someone paired already is refused at the field
    const leyla = [...names].find(([, n]) => n === 'Leyla')?.[0] ?? '';
    const ayse = [...names].find(([, n]) => n === 'Ayşe')?.[0] ?? '';
    const twice = await anna.post(`${round}/pairs`, { menteeId: leyla, mentorId: ayse });
    assert.equal(twice.status, 400);
    assert.match(twice.body, /Diese Person hat schon ein Paar\./);

    assert.equal((await anna.post(`${round}/finish`)).status, 303);
    const closed = await anna.get(round);
    assert.match(closed.body, /Paare stehen fest/);
    assert.equal(
      closed.html.querySelectorAll(`form[action$="/people"]`).length,
      0,
      'no form a closed round would refuse',
    );
    const late = await addPerson(anna, round, [
      ['side', 'mentee'],
      ['name', 'Spät'],
      ['languages', 'de'],
    ]);
    assert.equal(late.statusCode, 400);
    assert.equal((await t.db.select().from(mentoringPeople).where(eq(mentoringPeople.name, 'Spät'))).length, 0);
  });

  test('another organisation’s staff and strangers see nothing', async () => {
    const ben = await signedIn(t, people.foreignCarrier);
    assert.equal((await ben.get(`${projectUrl}/mentoring`)).status, 404);
    assert.equal((await client(t).get(`${projectUrl}/mentoring`)).status, 303);
  });
});
