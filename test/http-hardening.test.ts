// The HTTP frame as an attacker meets it: whose address counts, when an upload is read, which
// headers a page carries, what the browser keeps after signing out, and what a CSRF token is worth
// in someone else's session. Each test failed on the code before the hardening (issue 7).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { auditLog } from '../src/core/audit/schema';
import { users } from '../src/core/auth/schema';
import { databaseGeneration, pageCacheOf } from '../src/core/http/page-cache';
import { listDocuments } from '../src/modules/funding/applications/applications.store';
import { reports } from '../src/modules/funding/schema';
import { type Client, client, makeUser, PASSWORD, type TestApp, testApp } from './helpers/app';
import { funding, getRaw, people, type Scene, signedIn, upload } from './helpers/funding';

const MB = 1024 * 1024;

let t: TestApp;
let s: Scene;
let draftId: string;
let submittedId: string;
before(async () => {
  t = await testApp();
  const f = funding(t);
  s = await f.scene({
    call: { requiredDocuments: [{ id: 'd1', label: 'Satzung', types: ['pdf'], maxMegabytes: 1 }] },
  });
  draftId = await f.application(s);
  submittedId = await f.application(s);
  await f.document(submittedId, 'd1');
  await f.submit(submittedId);
  await makeUser(t.db, 'ada@admin.example', 'admin');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const port = () => {
  const address = t.app.server.address();
  assert.ok(address && typeof address === 'object');
  return address.port;
};

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends the head of a request and the first bytes of a much larger body over a real socket, and
 * waits for the answer without sending the rest: a server that reads (or buffers) the whole body
 * before it answers never answers here.
 */
function partialRequest(head: string, firstBytes: Buffer[], timeoutMs = 4000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port(), '127.0.0.1');
    let data: Buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms while the body was still incomplete`));
    }, timeoutMs);
    socket.on('connect', () => {
      socket.write(head);
      for (const b of firstBytes) socket.write(b);
    });
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      const length = Number(headers['content-length'] ?? 0);
      if (data.length - end - 4 < length) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: data.subarray(end + 4, end + 4 + length).toString('utf8'),
      });
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

const boundary = 'hardening-boundary';
const multipartHead = (path: string, declaredBytes: number, cookie = '') =>
  `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
  `Content-Length: ${declaredBytes}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`;
const field = (name: string, value: string) =>
  Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
const fileStart = (name: string, filename: string) =>
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );

describe('client address', () => {
  test('by default a forged X-Forwarded-For does not change the address rate limits count', async () => {
    const limited = await testApp({ limits: { signInPerIp: 2 } });
    try {
      const c = client(limited);
      await c.get('/de/sign-in');
      const statuses = [];
      for (const forged of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
        statuses.push(
          (await c.post('/de/sign-in', { email: 'x@example.org', password: 'wrong' }, { 'x-forwarded-for': forged }))
            .status,
        );
      assert.deepEqual(statuses, [400, 400, 429], 'the third try from the same peer is limited');
      const [entry] = await limited.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'auth.signInFailed'))
        .orderBy(desc(auditLog.at))
        .limit(1);
      assert.equal(entry?.ip, '127.0.0.1', 'the audit log records the real peer');
    } finally {
      await limited.close();
    }
  });

  test('with TRUST_PROXY=1 the address the proxy forwards is used', async () => {
    const proxied = await testApp({ env: { TRUST_PROXY: '1' }, limits: { signInPerIp: 2 } });
    try {
      const c = client(proxied);
      await c.get('/de/sign-in');
      const wrong = (ip: string) =>
        c.post('/de/sign-in', { email: `${ip}@example.org`, password: 'wrong' }, { 'x-forwarded-for': ip });
      assert.equal((await wrong('198.51.100.7')).status, 400);
      assert.equal((await wrong('198.51.100.8')).status, 400);
      assert.equal((await wrong('198.51.100.9')).status, 400, 'three clients behind the proxy, one try each');
      assert.equal((await wrong('198.51.100.9')).status, 400);
      assert.equal((await wrong('198.51.100.9')).status, 429, 'one client is limited by its own address');
      const ips = await proxied.db
        .select({ ip: auditLog.ip })
        .from(auditLog)
        .where(eq(auditLog.action, 'auth.signInFailed'));
      assert.deepEqual([...new Set(ips.map((r) => r.ip))].sort(), ['198.51.100.7', '198.51.100.8', '198.51.100.9']);
    } finally {
      await proxied.close();
    }
  });
});

describe('uploads are read only where they belong, after the checks', () => {
  test('multipart to a route without uploads answers 415 before the body has arrived', async () => {
    // the old frame buffered 2 × 45 MB here before its 403
    const head = multipartHead('/de/sign-in', 90 * MB);
    const res = await partialRequest(head, [field('_csrf', 'x'), fileStart('a', 'a.pdf'), Buffer.alloc(64 * 1024)]);
    assert.equal(res.status, 415);
    assert.equal(parse(res.body).querySelector('h1')?.text.trim(), 'Format nicht unterstützt');
  });

  test('an upload with a forged CSRF token is refused with 403 before its file is read', async () => {
    const anna = await signedIn(t, people.carrier);
    await anna.get(`/de/applications/${draftId}/documents`);
    const head = multipartHead(`/de/applications/${draftId}/documents`, 45 * MB, cookieHeader(anna));
    const res = await partialRequest(head, [
      field('_csrf', 'forged'),
      fileStart('document-d1', 'satzung.pdf'),
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(256 * 1024),
    ]);
    assert.equal(res.status, 403);
    assert.equal((await listDocuments(t.db, draftId)).length, 0);
  });

  test('an upload whose first part is not the token is refused, even with a valid token later', async () => {
    const anna = await signedIn(t, people.carrier);
    await anna.get(`/de/applications/${draftId}/documents`);
    const res = await t.app.inject({
      method: 'POST',
      url: `/de/applications/${draftId}/documents`,
      payload: Buffer.concat([
        field('padding', 'x'.repeat(90 * 1024)),
        field('_csrf', anna.lastToken ?? ''),
        fileStart('document-d1', 'satzung.pdf'),
        Buffer.from(`%PDF-1.4\n\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookieHeader(anna) },
    });
    assert.equal(res.statusCode, 403);
    assert.equal((await listDocuments(t.db, draftId)).length, 0);
  });

  test('an anonymous upload is sent to sign in before anything is read', async () => {
    const head = multipartHead(`/de/applications/${draftId}/documents`, 45 * MB);
    const res = await partialRequest(head, [field('_csrf', 'x'), fileStart('document-d1', 'a.pdf')]);
    assert.equal(res.status, 303);
    assert.match(res.headers.location ?? '', /^\/de\/sign-in\?next=/);
  });

  test('a file over its document limit answers 413 at once, with the page and the message at the field', async () => {
    const anna = await signedIn(t, people.carrier);
    await anna.get(`/de/applications/${draftId}/documents`);
    const head = multipartHead(`/de/applications/${draftId}/documents`, 45 * MB, cookieHeader(anna));
    // the call allows 1 MB for this document: 1.5 MB are sent of the 45 MB announced
    const res = await partialRequest(head, [
      field('_csrf', anna.lastToken ?? ''),
      fileStart('document-d1', 'satzung.pdf'),
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(1.5 * MB),
    ]);
    assert.equal(res.status, 413);
    const html = parse(res.body);
    assert.equal(html.querySelector('html')?.getAttribute('lang'), 'de');
    assert.match(html.querySelector('#f-document-d1-error')?.text ?? '', /Die Datei ist zu groß/);
    assert.equal((await listDocuments(t.db, draftId)).length, 0, 'nothing stored');
  });

  test('a receipts CSV over its limit answers a localized 413', async () => {
    const f = funding(t);
    const { grantId } = await f.grant(s);
    const [report] = await t.db.select().from(reports).where(eq(reports.grantId, grantId)).limit(1);
    const reportUrl = `/en/grants/${grantId}/reports/${report?.id}`;
    const anna = await signedIn(t, people.carrier);
    assert.equal((await anna.get(reportUrl)).status, 200);
    const res = await upload(t, anna, `${reportUrl}/receipts`, {
      csv: { filename: 'belege.csv', content: Buffer.alloc(6 * MB, 'a'), type: 'text/csv' },
    });
    assert.equal(res.status, 413);
    assert.equal(parse(res.body).querySelector('h1')?.text.trim(), 'Too much data');
  });

  test('a malformed multipart body on an upload route is a 400, not a 500', async () => {
    const anna = await signedIn(t, people.carrier);
    await anna.get(`/de/applications/${draftId}/documents`);
    const res = await t.app.inject({
      method: 'POST',
      url: `/de/applications/${draftId}/documents`,
      payload: Buffer.concat([
        field('_csrf', anna.lastToken ?? ''),
        fileStart('document-d1', 'a.pdf'),
        Buffer.from('%PDF'),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookieHeader(anna) },
    });
    assert.equal(res.statusCode, 400);
    const noBoundary = await t.app.inject({
      method: 'POST',
      url: `/de/applications/${draftId}/documents`,
      payload: 'garbage',
      headers: { 'content-type': 'multipart/form-data', cookie: cookieHeader(anna) },
    });
    assert.equal(noBoundary.statusCode, 400);
  });
});

describe('headers', () => {
  test('no X-Frame-Options beside frame-ancestors, and a Permissions-Policy that turns features off', async () => {
    const res = await client(t).get('/de/');
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(res.headers['x-frame-options'], undefined);
    const policy = String(res.headers['permissions-policy']);
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'interest-cohort'])
      assert.match(policy, new RegExp(`(^|, )${feature}=\\(\\)`), feature);
  });

  test('PUT, DELETE and PATCH answer 404 on unknown paths and 405 with Allow on known ones, not 403', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
      const unknown = await t.app.inject({ method, url: '/de/no-such-page' });
      assert.equal(unknown.statusCode, 404, `${method} unknown`);
      const known = await t.app.inject({ method, url: '/de/sign-in' });
      assert.equal(known.statusCode, 405, `${method} /de/sign-in`);
      assert.equal(known.headers.allow, 'GET, HEAD, POST');
      assert.equal(parse(known.body).querySelector('h1')?.text.trim(), 'Aktion nicht möglich');
    }
    const withParam = await t.app.inject({ method: 'DELETE', url: `/de/applications/${draftId}/documents` });
    assert.equal(withParam.statusCode, 405);
  });
});

describe('nothing private stays in the browser cache', () => {
  test('signed-in pages, funding PDFs, uploaded documents and the data download are no-store', async () => {
    const ada = await signedIn(t, 'ada@admin.example');
    const outbox = await ada.get('/de/admin/outbox');
    assert.equal(outbox.status, 200, 'outbox');
    assert.equal(outbox.headers['cache-control'], 'no-store');
    const data = await getRaw(t, ada, '/de/account/my-data.json');
    assert.equal(data.statusCode, 200, 'my data');
    assert.equal(data.headers['cache-control'], 'no-store');

    const anna = await signedIn(t, people.carrier);
    const pdf = await getRaw(t, anna, `/de/applications/${submittedId}/versions/1.pdf`);
    assert.equal(pdf.statusCode, 200, 'pdf');
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['cache-control'], 'no-store');
    const [doc] = await listDocuments(t.db, submittedId);
    const file = await getRaw(t, anna, `/de/applications/${submittedId}/documents/${doc?.id}`);
    assert.equal(file.statusCode, 200, 'document');
    assert.equal(file.headers['cache-control'], 'no-store');
  });

  test('public pages for anonymous visitors and the assets stay cacheable', async () => {
    const call = await client(t).get(`/de/calls/${s.callId}`);
    assert.equal(call.status, 200);
    assert.doesNotMatch(String(call.headers['cache-control'] ?? ''), /no-store/);
    const anna = await signedIn(t, people.carrier);
    const css = await anna.get('/assets/app.css');
    assert.equal(css.status, 200);
    assert.match(String(css.headers['cache-control']), /max-age=\d+/);
  });
});

describe('CSRF tokens are bound to the session', () => {
  const accountForm = (token: string, name: string) =>
    new URLSearchParams({ _csrf: token, name, language: 'de' }).toString();
  const postAccount = (cookie: string, token: string, name: string) =>
    t.app.inject({
      method: 'POST',
      url: '/de/account',
      payload: accountForm(token, name),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    });
  const nameOf = async (email: string) =>
    (await t.db.select({ name: users.name }).from(users).where(eq(users.email, email)))[0]?.name;

  test("a token from one person's session does not work in another's, even with the same CSRF cookie", async () => {
    const anna = await signedIn(t, people.carrier);
    await anna.get('/de/account');
    const annasToken = anna.lastToken ?? '';
    const ben = await signedIn(t, people.foreignCarrier);
    // Ben's session with Anna's CSRF cookie and token: what a shared computer or a planted cookie gives
    const mixed = `sid=${ben.cookies.get('sid')}; csrf=${anna.cookies.get('csrf')}`;
    const res = await postAccount(mixed, annasToken, 'Übernommen');
    assert.equal(res.statusCode, 403);
    assert.notEqual(await nameOf(people.foreignCarrier), 'Übernommen');
    // the same token in Anna's own session works
    const own = await postAccount(cookieHeader(anna), annasToken, 'Anna');
    assert.equal(own.statusCode, 303);
    assert.equal(await nameOf(people.carrier), 'Anna');
  });

  test('a token made before signing in is refused after it', async () => {
    const c = client(t);
    await c.get('/de/sign-in');
    const before = c.lastToken ?? '';
    const signIn = await c.post('/de/sign-in', { email: people.foreignCarrier, password: PASSWORD });
    assert.equal(signIn.status, 303, 'the signed-out token signs in');
    const res = await postAccount(cookieHeader(c), before, 'Vorher');
    assert.equal(res.statusCode, 403);
  });

  test('a page from the page cache carries a token for the session that asks for it', async () => {
    const olga1 = await signedIn(t, people.officer);
    const olga2 = await signedIn(t, people.officer);
    const url = `/de/funding/calls/${s.callId}/ranking`;
    const cache = pageCacheOf(t.db);
    // a write anywhere between the two requests (a sign-in, a job) rightly empties the cache;
    // try again until two requests fall into one database state
    let stable = false;
    for (let attempt = 0; attempt < 5 && !stable; attempt++) {
      const before = await databaseGeneration(t.db);
      const first = await olga1.get(url);
      const hits = cache.hits;
      const second = await olga2.get(url);
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      if ((await databaseGeneration(t.db)) !== before) continue;
      stable = true;
      assert.equal(cache.hits, hits + 1, 'the second session got the stored page');
    }
    assert.ok(stable, 'the database stayed unchanged across two requests at least once');
    const t1 = olga1.lastToken ?? '';
    const t2 = olga2.lastToken ?? '';
    assert.notEqual(t1, t2);
    assert.equal((await postAccount(cookieHeader(olga2), t2, 'Olga')).statusCode, 303);
    const crossed = `sid=${olga2.cookies.get('sid')}; csrf=${olga1.cookies.get('csrf')}`;
    assert.equal((await postAccount(crossed, t1, 'Olga')).statusCode, 403);
  });
});
