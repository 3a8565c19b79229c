// The programme officer's daily pages at scale: 5,000 applications in 20 calls and 2,000 grants
// with payments and reports, generated in SQL; the officer dashboard and one call's ranking.
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/core/audit/audit';
import { createSession } from '../src/core/auth/sessions';
import { createUser, grantRole } from '../src/core/auth/users';
import { queryRows } from '../src/core/db/client';
import { createCall, createProgramme } from '../src/modules/funding/api';
import { defineBenchmark } from './harness';

export default defineBenchmark({
  title: 'Funding: officer dashboard and a call ranking (5,000 applications, 2,000 grants)',
  paths: ['/de/funding'],
  connections: 32,
  duration: 20,
  startTimeout: 900,
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
    for (let i = 0; i < 20; i++)
      callIds.push(
        await createCall(db, systemActor, {
          programmeId,
          title: `Aufruf ${i + 1}`,
          text: '',
          stages: 1,
          projectStartEarliest: null,
          projectEndLatest: null,
          opensAt: new Date('2026-01-01'),
          closesAt: new Date('2026-06-30'),
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
    await db.execute(sql`analyze`);
    const officer = await createUser(db, systemActor, {
      email: 'referat@bench.example',
      name: 'Referat',
      password: 'bench-password-1234',
      confirmed: true,
    });
    await grantRole(db, systemActor, officer, 'programmeOfficer', 'programme', programmeId);
    const token = await createSession(db, officer);
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from funding_applications where call_id = ${callIds[0]}::uuid`,
    );
    if (count?.n !== 250) throw new Error(`expected 250 applications in the first call, found ${count?.n}`);
    return { paths: ['/de/funding', `/de/funding/calls/${callIds[0]}/ranking`], headers: { cookie: `sid=${token}` } };
  },
});
