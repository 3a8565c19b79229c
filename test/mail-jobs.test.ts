// Mail through a real SMTP server (smtp-server on loopback) and the database job queue.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { enqueueJob, runDueJobs, scheduleDue } from '../src/core/jobs/jobs';
import { jobs } from '../src/core/jobs/schema';
import { sendMail } from '../src/core/mail/mail';
import { outbox } from '../src/core/mail/schema';
import type { ModuleManifest } from '../src/core/modules';
import { type TestApp, testApp } from './helpers/app';

interface Received {
  from: string;
  to: string[];
  data: string;
}

let received: Received[] = [];
let server: SMTPServer;
let t: TestApp;

before(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let data = '';
      stream.on('data', (c) => {
        data += c.toString();
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  t = await testApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Beirat <noreply@example.org>' } });
});
after(async () => {
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('mail with SMTP', () => {
  test('a mail is queued in the outbox and delivered by the job worker', async () => {
    received = [];
    const id = await sendMail(t.db, t.config, {
      to: 'olena@example.org',
      template: 'confirmEmail',
      language: 'uk',
      vars: { name: 'Olena', link: 'http://localhost:3000/uk/confirm-email/abc' },
    });
    const [queued] = await t.db.select().from(outbox).where(eq(outbox.id, id));
    assert.equal(queued?.status, 'queued');
    assert.equal(received.length, 0, 'nothing is sent before the job runs');

    assert.equal(await runDueJobs(t.deps), 1);
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]?.to, ['olena@example.org']);
    assert.equal(received[0]?.from, 'noreply@example.org');
    const raw = received[0]?.data ?? '';
    const body = Buffer.from(raw.split('\r\n\r\n')[1] ?? '', 'base64').toString('utf8');
    assert.match(body, /Olena/);
    assert.match(body, /http:\/\/localhost:3000\/uk\/confirm-email\/abc/);
    assert.match(received[0]?.data ?? '', /Subject: =\?UTF-8\?/i, 'Ukrainian subject is encoded');
    const [sent] = await t.db.select().from(outbox).where(eq(outbox.id, id));
    assert.equal(sent?.status, 'sent');
    assert.ok(sent?.sentAt);
    assert.equal(await runDueJobs(t.deps), 0, 'a delivered mail is not sent again');
  });

  test('an unreachable server marks the mail failed and the job is retried later', async () => {
    const down = await testApp({ env: { SMTP_URL: 'smtp://127.0.0.1:1' } });
    try {
      const id = await sendMail(down.db, down.config, {
        to: 'x@example.org',
        template: 'confirmEmail',
        language: 'de',
        vars: { name: 'X', link: 'l' },
      });
      assert.equal(await runDueJobs(down.deps), 1);
      const [mail] = await down.db.select().from(outbox).where(eq(outbox.id, id));
      assert.equal(mail?.status, 'failed');
      assert.ok(mail?.error);
      const [job] = await down.db.select().from(jobs).where(eq(jobs.kind, 'mail.deliver'));
      assert.equal(job?.doneAt, null);
      assert.equal(job?.attempts, 1);
      assert.ok(job && job.runAt > new Date(), 'retry is scheduled for later');
      assert.equal(await runDueJobs(down.deps), 0, 'not retried at once');
    } finally {
      await down.close();
    }
  });
});

describe('jobs', () => {
  test('two workers never run the same job twice', async () => {
    const seen: string[] = [];
    const counter: ModuleManifest = {
      name: 'counter',
      jobs: {
        'test.count': async (payload) => {
          await new Promise((r) => setTimeout(r, 5));
          seen.push((payload as { n: string }).n);
        },
      },
    };
    const deps = { ...t.deps, modules: [counter] };
    for (let i = 0; i < 20; i++) await enqueueJob(t.db, 'test.count', { n: String(i) });
    const [a, b] = await Promise.all([runDueJobs(deps), runDueJobs(deps)]);
    assert.equal(a + b, 20);
    assert.equal(seen.length, 20);
    assert.equal(new Set(seen).size, 20, 'each job ran exactly once');
  });

  test('a scheduled job is added once per period, however many processes try', async () => {
    const m: ModuleManifest = { name: 'sched', schedules: [{ kind: 'test.daily', every: 'day' }] };
    const deps = { ...t.deps, modules: [m] };
    const now = new Date('2026-11-25T10:00:00Z');
    await Promise.all([scheduleDue(deps, now), scheduleDue(deps, now), scheduleDue(deps, now)]);
    const rows = await t.db.select().from(jobs).where(eq(jobs.kind, 'test.daily'));
    assert.equal(rows.length, 1);
    await scheduleDue(deps, new Date('2026-11-26T10:00:00Z'));
    const [{ n } = { n: 0 }] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(eq(jobs.kind, 'test.daily'));
    assert.equal(n, 2);
  });
});
