// The activities demo on the day it is loaded (two days, winter and summer): the running grants are
// workspaces at once, and the demo carrier's running project has a seminar held with attendance (its
// certificates can be printed), one open for registration, and one full with a waiting list that
// moves up when someone cancels.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { client, type TestApp, testApp } from '../../../test/helpers/app';
import { loadDemo } from '../../core/demo';
import type { DemoAccount } from '../../core/modules';
import { fixedClock } from '../../core/time/clock';
import { demoGrantTitles } from '../funding/demo-grants';
import { projects, registrations } from './schema';
import { cancelRegistration, projectActivityCounts, seminarsOfProject } from './seminars/seminars.store';

for (const day of ['2026-12-03', '2027-06-20']) {
  describe(`the activities demo loaded on ${day}`, () => {
    let t: TestApp;
    let accounts: DemoAccount[];
    before(async () => {
      t = await testApp({ now: fixedClock(`${day}T09:00:00Z`) });
      accounts = await loadDemo(t.deps);
    });
    after(() => t.close());

    test('the running project has a held, an open and a full seminar', async () => {
      const running = (await t.db.select().from(projects)).find((p) => p.title === demoGrantTitles.running);
      assert.ok(running, 'the running grant is a workspace as soon as the demo is loaded');
      const list = await seminarsOfProject(t.db, running.id);
      const [held, full, open] = list;
      assert.equal(list.length, 3);
      assert.ok(held?.firstStart && held.firstStart.getTime() < t.deps.now().getTime(), 'one seminar was held');
      assert.equal(full?.confirmed, 8);
      assert.equal(full?.waitlisted, 3);
      assert.ok(open && open.confirmed < open.capacity, 'one has free seats');

      // the public sees the open and the full one
      const pub = await client(t).get('/de/seminars');
      assert.match(pub.body, new RegExp(`/de/seminars/${open?.id}`));
      assert.match(pub.body, /ausgebucht, Warteliste offen/);

      // the carrier's staff print certificates of the held seminar: 10 took part, 2 missed too much
      const carrier = accounts.find((a) => a.role === 'carrierStaff');
      assert.ok(carrier);
      const anna = client(t);
      assert.equal((await anna.signIn(carrier.email, carrier.password)).status, 303);
      const page = await anna.get(`/de/projects/${running.id}/seminars/${held?.id}`);
      assert.equal(page.status, 200);
      assert.equal(page.html.querySelectorAll('a[href$="certificate.pdf"]').length, 8);

      // the report's figures, computed: 10 reached in the held seminar, 8 of them came three times of four
      const counts = await projectActivityCounts(t.db, running.id, t.deps.now());
      assert.deepEqual(
        [counts.seminarsHeld, counts.sessionsHeld, counts.registrations, counts.total.reached, counts.total.retained],
        [1, 4, 25, 10, 8],
      );
      assert.equal(
        Object.values(counts.byLanguage).reduce((n, v) => n + v.reached, 0),
        10,
      );
      const overview = await anna.get(`/de/projects/${running.id}`);
      assert.match(overview.body, /Zahlen für den Bericht/);
      const states = overview.html
        .querySelectorAll('table')[1]
        ?.querySelectorAll('tbody tr')
        .map((r) => r.querySelectorAll('td').at(-1)?.text.trim());
      assert.deepEqual(states, ['stattgefunden', 'offen für Anmeldungen', 'offen für Anmeldungen']);
      assert.match(overview.body, /Gehaltene Termine<\/dt><dd[^>]*>4</);

      // the consultations: four, one follow-up overdue, one done
      const advice = await anna.get(`/de/projects/${running.id}/consultations`);
      assert.equal(advice.html.querySelectorAll('main tbody tr').length, 4);
      assert.match(advice.body, /überfällig/);
      assert.match(advice.body, /erledigt/);

      // the mentoring round is matching: pools filled, no pairs, a best pairing on offer
      const rounds = await anna.get(`/de/projects/${running.id}/mentoring`);
      const roundLink = rounds.html.querySelector('main ul a')?.getAttribute('href') ?? '';
      const round = await anna.get(roundLink);
      assert.match(round.body, /Matching-Phase: Paare werden gebildet/);
      assert.match(round.body, /Mentorinnen und Mentoren \(5\)/);
      assert.match(round.body, /Mentees \(6\)/);
      assert.match(round.body, /Noch keine Paare\./);
      assert.ok(round.html.querySelector('form[action$="/optimal"]'), 'the best pairing can be adopted');

      // someone with a seat in the full seminar cancels: the first on the waiting list moves up
      const rows = await t.db
        .select()
        .from(registrations)
        .where(eq(registrations.seminarId, full?.id ?? ''));
      const seat = rows.find((r) => r.status === 'confirmed');
      const firstWaiting = rows.filter((r) => r.status === 'waitlisted').sort((a, b) => a.queueNo - b.queueNo)[0];
      assert.ok(seat && firstWaiting);
      const result = await cancelRegistration(t.db, seat.id, { now: t.deps.now() });
      assert.deepEqual(result.movedUp, [firstWaiting.id]);
    });
  });
}
