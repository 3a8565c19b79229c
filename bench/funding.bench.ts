// Funding in real use: 5,000 applications in 20 calls and 2,000 grants with payments and reports,
// generated in SQL, and 50 signed-in people working on them at the same time: 10 programme officers
// (dashboard, rankings, applications, grants, the inbox), 30 carriers' staff (their applications and
// grants, the public calls) and 10 reviewers (their assignments). About 2 % of the requests are
// writes through the real forms: carriers request payments, reviewers save scores, officers
// acknowledge notifications with a note and approve payment requests. See bench/sessions.ts for
// how a session behaves and docs/benchmarks.md for why the think time is what it is.
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/core/audit/audit';
import { createSession } from '../src/core/auth/sessions';
import { createUser, grantRole } from '../src/core/auth/users';
import { queryRows } from '../src/core/db/client';
import { createCall, createProgramme } from '../src/modules/funding/api';
import { defineBenchmark, type SessionPlan } from './harness';

export default defineBenchmark({
  title: 'Funding in use: 50 officers, carriers and reviewers (5,000 applications, 2,000 grants)',
  paths: ['/de/funding'],
  connections: 32,
  duration: 30,
  startTimeout: 900,
  // 50 sessions clicking every 100 ms on average offer about 500 requests a second: enough to
  // load the server (the uncached path served 94 req/s before this issue), far more than the
  // funder's staff and carriers could produce (see docs/benchmarks.md)
  think: { min: 50, max: 150 },
  // a step is a write with this probability; each write is three requests (form page, POST,
  // the page after the redirect), so about 2 % of the requests are POSTs
  writeShare: 0.021,
  async prepare({ db }) {
    const programmeId = await createProgramme(db, systemActor, {
      title: 'Stärkere Beteiligung von Migrantenorganisationen',
      goals: 'Potenziale stärken\nVernetzen',
      financingType: 'deficit',
      maxShareBp: 9000,
      minOwnShareBp: 1000,
      maxGrantPerYearCents: 10_000_000,
      fixedAmountCents: null,
      maxDurationMonths: 24,
      scope: 'regional',
      requiresMigrantOrganisation: true,
      cooperationForms: ['mentoring', 'loose', 'tandem'],
      budgetPerYear: { '2027': 500_000_000, '2028': 500_000_000 },
    });
    const callIds: string[] = [];
    const day = 86_400_000;
    // half of the calls are open today (the public list shows them), half closed
    for (let i = 0; i < 20; i++)
      callIds.push(
        await createCall(db, systemActor, {
          programmeId,
          title: `Aufruf ${i + 1}`,
          text: '',
          stages: 1,
          projectStartEarliest: null,
          projectEndLatest: null,
          opensAt: new Date(Date.now() - (i < 10 ? 60 : 300) * day),
          closesAt: new Date(Date.now() + (i < 10 ? 90 : -120) * day),
          eligibility: [],
          requiredDocuments: [],
          rubric: [
            { id: 'a', title: 'Beteiligung', weight: 3, anchors: ['1', '2', '3', '4', '5'] },
            { id: 'b', title: 'Übertragbarkeit', weight: 1, anchors: ['1', '2', '3', '4', '5'] },
          ],
          blindReview: false,
          published: true,
        }),
      );
    await db.execute(sql`insert into organisations (name, kind, city)
      select 'Träger ' || g, 'carrier', 'Stadt ' || (g % 50) from generate_series(1, 500) g`);
    const content = (n: string) => sql`jsonb_build_object(
      'title', 'Projekt ' || ${sql.raw(n)}, 'acronym', '', 'summary', 'Zusammenfassung', 'goals', 'Ziel', 'targetGroups', 'Familien',
      'region', 'Rheinland-Pfalz', 'municipalityKey', '', 'startDate', '2027-01-01', 'endDate', '2028-12-31', 'cooperationForm', 'tandem',
      'partners', '[]'::jsonb, 'milestones', '[]'::jsonb,
      'plan', jsonb_build_object('expenses', jsonb_build_array(jsonb_build_object('line', 'staff', 'year', 2027, 'amountCents', 5000000)),
        'ownFunds', jsonb_build_array(jsonb_build_object('year', 2027, 'amountCents', 500000)), 'thirdPartyFunds', '[]'::jsonb,
        'grant', jsonb_build_array(jsonb_build_object('year', 2027, 'amountCents', 4500000))),
      'declarations', jsonb_build_object('truthful', true, 'noDoubleFunding', true, 'privacy', true))`;
    await db.execute(sql`with orgs as (select id, row_number() over () as n from organisations)
      insert into funding_applications (call_id, organisation_id, stage, status, content, grant_total_cents, version, submitted_at)
      select (array[${sql.join(
        callIds.map((c) => sql`${c}::uuid`),
        sql`, `,
      )}])[1 + (g % 20)], o.id, 'full',
             case when g <= 2000 then 'approved' else 'submitted' end, ${content('g')}, 4500000, 1, now()
      from generate_series(1, 5000) g join orgs o on o.n = 1 + (g % 500)`);
    await db.execute(sql`insert into funding_application_versions (application_id, version, content, documents)
      select id, 1, content, '[]'::jsonb from funding_applications`);
    await db.execute(
      sql`insert into users (email, name, password_hash) select 'reviewer' || g || '@bench.example', 'Gutachter ' || g, 'x' from generate_series(1, 40) g`,
    );
    await db.execute(sql`insert into funding_review_assignments (application_id, reviewer_id, declaration, declared_at, scores, submitted_at)
      select a.id, u.id, 'none', now(),
             jsonb_build_object('a', jsonb_build_object('score', 1 + (abs(hashtext(a.id::text || u.id::text)) % 5), 'comment', ''),
                                'b', jsonb_build_object('score', 1 + (abs(hashtext(u.id::text || a.id::text)) % 5), 'comment', '')), now()
      from funding_applications a
      join lateral (select id from users where email like 'reviewer%@bench.example' order by md5(a.id::text || id::text) limit 2) u on true`);
    await db.execute(sql`insert into funding_decisions (application_id, outcome, amounts_per_year)
      select id, 'approved', '{"2027": 4500000}'::jsonb from funding_applications where status = 'approved'`);
    await db.execute(sql`insert into funding_grants (application_id, decision_id, organisation_id, programme_id, title, start_date, end_date, plan, approved_total_cents)
      select a.id, d.id, a.organisation_id, ${programmeId}::uuid, a.content->>'title', '2027-01-01', '2028-12-31', a.content->'plan', 4500000
      from funding_applications a join funding_decisions d on d.application_id = a.id`);
    await db.execute(sql`insert into funding_reports (grant_id, kind, budget_year, due_on)
      select id, 'interim', 2027, date '2028-04-30' from funding_grants
      union all select id, 'final', null, date '2029-06-30' from funding_grants`);
    await db.execute(sql`insert into funding_payment_requests (grant_id, year, line, requested_cents, due_on, purpose, status, approved_cents, paid_on, spent_cents)
      select id, 2027, 'staff', 1500000, '2027-02-15', 'Personal', 'approved', 1500000, '2027-02-01', 1000000 from funding_grants`);

    // ---- the people of the benchmark ----
    const user = async (email: string, name: string) =>
      createUser(db, systemActor, { email, name, passwordHash: 'bench-no-sign-in', confirmed: true });
    const cookie = async (userId: string) => `sid=${await createSession(db, userId)}`;
    const ids = async (q: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(db, q)).map((r) => r.id);
    const openCalls = callIds.slice(0, 10);
    const publicPages = (weight: number) => [
      { label: 'public call list', paths: ['/de/calls'], weight },
      { label: 'public call page', paths: openCalls.map((c) => `/de/calls/${c}`), weight },
    ];
    const sessions: SessionPlan[] = [];

    // officers: everything of the programme; each has its own notifications and payment requests to handle
    const grantIds = await ids(sql`select id from funding_grants order by id`);
    const officerGrants = grantIds.slice(0, 500);
    await db.execute(sql`insert into funding_notifications (grant_id, kind, occurred_on, description)
      select id, 'purposeChange', date '2026-10-01', 'Die Zielgruppe hat sich verschoben.'
      from unnest(${sql.raw(
        `array[${officerGrants
          .slice(0, 200)
          .map((g) => `'${g}'`)
          .join(',')}]::uuid[]`,
      )}) id`);
    await db.execute(sql`insert into funding_payment_requests (grant_id, year, line, requested_cents, due_on, purpose, status)
      select id, 2027, 'staff', 100000, current_date + 14, 'Personal', 'requested'
      from unnest(${sql.raw(
        `array[${officerGrants
          .slice(200, 500)
          .map((g) => `'${g}'`)
          .join(',')}]::uuid[]`,
      )}) id`);
    const notifications = await queryRows<{ id: string; grant_id: string }>(
      db,
      sql`select id, grant_id from funding_notifications order by grant_id`,
    );
    const pending = await queryRows<{ id: string; grant_id: string }>(
      db,
      sql`select id, grant_id from funding_payment_requests where status = 'requested' order by grant_id`,
    );
    const someApplications = await ids(sql`select id from funding_applications order by md5(id::text) limit 100`);
    const someGrants = grantIds.filter((_, i) => i % 20 === 0);
    for (let k = 0; k < 10; k++) {
      const officer = await user(`referat${k + 1}@bench.example`, `Referat ${k + 1}`);
      await grantRole(db, systemActor, officer, 'programmeOfficer', 'programme', programmeId);
      const acks = notifications.slice(k * 20, (k + 1) * 20);
      const payments = pending.slice(k * 30, (k + 1) * 30);
      sessions.push({
        role: 'officer',
        cookie: await cookie(officer),
        pages: [
          { label: 'officer dashboard', paths: ['/de/funding'], weight: 20 },
          {
            label: 'officer dashboard, later page',
            paths: Array.from({ length: 39 }, (_, i) => `/de/funding?page=${i + 2}`),
            weight: 5,
          },
          { label: 'ranking', paths: callIds.map((c) => `/de/funding/calls/${c}/ranking`), weight: 15 },
          {
            label: 'ranking, later page',
            paths: callIds.flatMap((c) => [2, 3, 4, 5].map((n) => `/de/funding/calls/${c}/ranking?page=${n}`)),
            weight: 5,
          },
          {
            label: 'application (officer)',
            paths: someApplications.map((a) => `/de/funding/applications/${a}`),
            weight: 15,
          },
          { label: 'grant page (officer)', paths: someGrants.map((g) => `/de/grants/${g}`), weight: 15 },
          { label: 'grant changes (officer)', paths: someGrants.map((g) => `/de/grants/${g}/changes`), weight: 5 },
          { label: 'officer inbox', paths: ['/de/funding/inbox'], weight: 8 },
          { label: 'programme page', paths: [`/de/funding/programmes/${programmeId}`], weight: 3 },
          ...publicPages(2),
        ],
        writes: [
          {
            label: 'POST acknowledge notification',
            pageLabel: 'grant changes (officer)',
            afterLabel: 'grant changes (officer)',
            weight: 1,
            once: true,
            fields: { note: 'Zur Kenntnis genommen ({seq})' },
            targets: acks.map((n) => ({
              page: `/de/grants/${n.grant_id}/changes`,
              action: `/de/grants/${n.grant_id}/notifications/${n.id}/acknowledge`,
            })),
          },
          {
            label: 'POST approve payment',
            pageLabel: 'grant page (officer)',
            afterLabel: 'grant page (officer)',
            weight: 1,
            once: true,
            fields: { amount: '1000,00', action: 'approve' },
            targets: payments.map((p) => ({
              page: `/de/grants/${p.grant_id}`,
              action: `/de/grants/${p.grant_id}/payments/${p.id}/decision`,
            })),
          },
        ],
      });
    }

    // carriers' staff: one organisation each, with its 10 applications and 4 grants
    const carrierOrgs = await ids(
      sql`select organisation_id as id from funding_grants where not (id = any(${sql.raw(
        `array[${officerGrants.map((g) => `'${g}'`).join(',')}]::uuid[]`,
      )})) group by organisation_id order by organisation_id limit 30`,
    );
    for (const [k, org] of carrierOrgs.entries()) {
      const staff = await user(`traeger${k + 1}@bench.example`, `Träger ${k + 1}`);
      await grantRole(db, systemActor, staff, 'carrierStaff', 'organisation', org);
      const apps = await ids(sql`select id from funding_applications where organisation_id = ${org}::uuid`);
      const grants = await ids(sql`select id from funding_grants where organisation_id = ${org}::uuid`);
      sessions.push({
        role: 'carrier',
        cookie: await cookie(staff),
        pages: [
          { label: 'my applications', paths: ['/de/applications'], weight: 15 },
          { label: 'application (carrier)', paths: apps.map((a) => `/de/applications/${a}`), weight: 15 },
          { label: 'my grants', paths: ['/de/grants'], weight: 20 },
          { label: 'grant page (carrier)', paths: grants.map((g) => `/de/grants/${g}`), weight: 25 },
          { label: 'grant changes (carrier)', paths: grants.map((g) => `/de/grants/${g}/changes`), weight: 5 },
          ...publicPages(10),
        ],
        writes: [
          {
            label: 'POST payment request',
            pageLabel: 'grant page (carrier)',
            afterLabel: 'grant page (carrier)',
            weight: 1,
            fields: { year: '2027', line: 'staff', amount: '1,00', dueOn: '{date+14}', purpose: 'Abruf {seq}' },
            targets: grants.map((g) => ({ page: `/de/grants/${g}`, action: `/de/grants/${g}/payments` })),
          },
        ],
      });
    }

    // reviewers: 20 assignments each in the first two calls, 5 waiting for the declaration, 10 declared
    // and being scored (the drafts they save), 5 submitted
    const reviewApps = await ids(
      sql`select id from funding_applications where call_id in (${callIds[0]}::uuid, ${callIds[1]}::uuid) and status = 'submitted'
          order by id limit 200`,
    );
    for (let k = 0; k < 10; k++) {
      const reviewer = await user(`gutachten${k + 1}@bench.example`, `Gutachterin ${k + 1}`);
      await grantRole(db, systemActor, reviewer, 'reviewer');
      const mine = reviewApps.slice(k * 20, (k + 1) * 20);
      await db.execute(sql`insert into funding_review_assignments (application_id, reviewer_id, declaration, declared_at, scores, submitted_at)
        select a.id, ${reviewer}::uuid,
               case when a.n <= 5 then 'pending' else 'none' end,
               case when a.n <= 5 then null else now() end,
               case when a.n > 15 then '{"a": {"score": 4, "comment": ""}, "b": {"score": 3, "comment": ""}}'::jsonb else '{}'::jsonb end,
               case when a.n > 15 then now() end
        from unnest(${sql.raw(`array[${mine.map((a) => `'${a}'`).join(',')}]::uuid[]`)}) with ordinality as a(id, n)`);
      const assignments = await queryRows<{ id: string; declaration: string; submitted: boolean }>(
        db,
        sql`select id, declaration, submitted_at is not null as submitted from funding_review_assignments
            where reviewer_id = ${reviewer}::uuid order by id`,
      );
      const drafts = assignments.filter((a) => a.declaration === 'none' && !a.submitted);
      sessions.push({
        role: 'reviewer',
        cookie: await cookie(reviewer),
        pages: [
          { label: 'my reviews', paths: ['/de/reviews'], weight: 30 },
          { label: 'review page', paths: assignments.map((a) => `/de/reviews/${a.id}`), weight: 50 },
          ...publicPages(10),
        ],
        writes: [
          {
            label: 'POST save scores',
            pageLabel: 'review page',
            afterLabel: 'review page',
            weight: 1,
            fields: {
              'score-a': '4',
              'comment-a': 'Gute Beteiligung der Zielgruppe ({seq}).',
              'score-b': '3',
              'comment-b': '',
              action: 'save',
            },
            targets: drafts.map((a) => ({ page: `/de/reviews/${a.id}`, action: `/de/reviews/${a.id}/scores` })),
          },
        ],
      });
    }
    await db.execute(sql`analyze`);

    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from funding_applications where call_id = ${callIds[0]}::uuid`,
    );
    if (count?.n !== 250) throw new Error(`expected 250 applications in the first call, found ${count?.n}`);
    // bench/profile.ts times these with the first officer's cookie
    return {
      paths: ['/de/funding', `/de/funding/calls/${callIds[0]}/ranking`],
      headers: { cookie: sessions[0]?.cookie ?? '' },
      sessions,
    };
  },
});
