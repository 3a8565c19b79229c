// Who may do what with the organisation directory and the partner search, as one matrix: every new
// network route × every kind of person × the status each must get. The public directory is open to
// all; an organisation's entry is edited only by its own staff (others get 404: we do not confirm
// it exists) and by administrators; anonymous people are sent to sign in; a refused write leaves
// the entry as it was.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { organisations } from '../src/modules/network/schema';
import { type Client, client, makeUser, type TestApp, testApp } from './helpers/app';
import { funding, people, type Scene, signedIn } from './helpers/funding';

type Actor = 'anonymous' | 'carrier' | 'foreignCarrier' | 'officer' | 'admin';
const actors: Actor[] = ['anonymous', 'carrier', 'foreignCarrier', 'officer', 'admin'];

interface Row {
  method: 'GET' | 'POST';
  path: string;
  /** the status each actor gets; 303 for anonymous means "sent to sign in" */
  expect: Record<Actor, number>;
}

const rows: Row[] = [
  {
    method: 'GET',
    path: '/de/organisations',
    expect: { anonymous: 200, carrier: 200, foreignCarrier: 200, officer: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/de/organisations/:own',
    expect: { anonymous: 200, carrier: 200, foreignCarrier: 200, officer: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/de/organisations/:unlisted',
    expect: { anonymous: 404, carrier: 404, foreignCarrier: 404, officer: 404, admin: 404 },
  },
  {
    method: 'GET',
    path: '/de/organisation/partners',
    expect: { anonymous: 303, carrier: 200, foreignCarrier: 200, officer: 404, admin: 404 },
  },
  {
    method: 'GET',
    path: '/de/organisation/:own/directory',
    expect: { anonymous: 303, carrier: 200, foreignCarrier: 404, officer: 404, admin: 404 },
  },
  {
    method: 'POST',
    path: '/de/organisation/:own/directory',
    // anonymous: no session, so no CSRF token: refused before the route (403)
    expect: { anonymous: 403, carrier: 303, foreignCarrier: 404, officer: 404, admin: 404 },
  },
  {
    method: 'GET',
    path: '/de/admin/organisations/:own/directory',
    expect: { anonymous: 303, carrier: 403, foreignCarrier: 403, officer: 403, admin: 200 },
  },
  {
    method: 'POST',
    path: '/de/admin/organisations/:own/directory',
    expect: { anonymous: 403, carrier: 403, foreignCarrier: 403, officer: 403, admin: 303 },
  },
];

describe('network permission matrix', () => {
  let t: TestApp;
  let s: Scene;
  const sessions = new Map<Actor, Client>();
  before(async () => {
    t = await testApp({ limits: { signInPerAccount: 100_000, signInPerIp: 100_000 } });
    s = await funding(t).scene();
    await makeUser(t.db, 'admin@example.org', 'admin');
    await t.db
      .update(organisations)
      .set({ publicSince: new Date('2026-11-01T00:00:00Z') })
      .where(eq(organisations.id, s.organisationId));
    sessions.set('anonymous', client(t));
    sessions.set('carrier', await signedIn(t, people.carrier));
    sessions.set('foreignCarrier', await signedIn(t, people.foreignCarrier));
    sessions.set('officer', await signedIn(t, people.officer));
    const admin = client(t);
    await admin.signIn('admin@example.org');
    sessions.set('admin', admin);
  });
  after(() => t.close());

  const fill = (path: string) => path.replace(':own', s.organisationId).replace(':unlisted', s.otherOrganisationId);
  const description = async () =>
    (await t.db.select().from(organisations).where(eq(organisations.id, s.organisationId)))[0]?.description;

  for (const row of rows)
    for (const actor of actors)
      test(`${row.method} ${row.path} as ${actor}: ${row.expect[actor]}`, async () => {
        const c = sessions.get(actor)!;
        const url = fill(row.path);
        if (row.method === 'GET') {
          const res = await c.get(url);
          assert.equal(res.status, row.expect[actor]);
          if (res.status === 303 && actor === 'anonymous') assert.match(String(res.location), /sign-in/);
          return;
        }
        await c.get('/de/account'); // a page with the session's CSRF token
        const before = await description();
        const written = `Geschrieben von ${actor}`;
        // keep the entry listed, so the public rows above stay as they are
        const res = await c.post(url, { description: written, listed: 'on' });
        assert.equal(res.status, row.expect[actor]);
        const allowed = res.status === 303 && actor !== 'anonymous';
        assert.equal(await description(), allowed ? written : before, allowed ? 'written' : 'left as it was');
      });
});
