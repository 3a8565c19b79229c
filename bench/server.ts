// The app under load, in its own process so that its memory is measured alone.
// Started by bench/run.ts as `node --import tsx bench/server.ts <benchmark>` with either
// DATABASE_URL (a scratch PostgreSQL database) or DATA_DIR (a fresh temporary directory for PGlite).
// Prints one READY line with the port once it listens; exits when the runner closes its stdin.
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/core/config/config';
import { openDatabase } from '../src/core/db/client';
import { migrate } from '../src/core/db/migrate';
import { startJobWorker } from '../src/core/jobs/jobs';
import type { AppDeps } from '../src/core/modules';
import { systemClock } from '../src/core/time/clock';
import { manifests } from '../src/manifests';
import {
  exitWithParent,
  loadBenchmark,
  type Prepared,
  procStatusKb,
  resetPeakRss,
  signalReady,
  VERIFIED_PREFIX,
  VERIFY_REQUEST,
  type Verified,
} from './harness';

const name = process.argv[2];
if (!name) {
  console.error('usage: bench/server.ts <benchmark>');
  process.exit(2);
}

let close: () => Promise<void> = async () => {};
exitWithParent(() => close());

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
close = () => database.close();
await migrate(database);

const benchmark = await loadBenchmark(name);
const deps: AppDeps = {
  config,
  db: database.db,
  modules: manifests,
  now: systemClock,
  ...(benchmark.limits ? { limits: benchmark.limits } : {}),
};
const prepared: Prepared | undefined = (await benchmark.prepare?.(deps)) ?? undefined;

const app = await buildApp(deps, { logger: false });

// BENCH_STATEMENTS=1: count the SQL statements per request (PostgreSQL only), by their first
// words, and print them to stderr when the server stops
if (process.env.BENCH_STATEMENTS === '1') {
  const counts = new Map<string, number>();
  let requests = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; name?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const named = typeof first === 'object' && first?.name ? 'named' : 'unnamed';
    const key = `${named}: ${text.replace(/\s+/g, ' ').slice(0, 90)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  app.addHook('onResponse', async () => {
    requests++;
  });
  process.on('exit', () => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    console.error(
      `statements: ${total} for ${requests} requests (${(total / Math.max(1, requests)).toFixed(2)} per request)`,
    );
    for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40))
      console.error(`${(n / Math.max(1, requests)).toFixed(3).padStart(7)}  ${k}`);
  });
}

// BENCH_HEAP_SAMPLE=<file>: V8's sampling heap profiler from here (after start-up) until the server
// stops, counting objects the garbage collector has since freed too, so the file (open it in Chrome's
// DevTools, Memory tab) shows where the allocations come from, not only what is still alive
const heapSampleFile = process.env.BENCH_HEAP_SAMPLE;
let stopHeapSample = async () => {};
if (heapSampleFile) {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  stopHeapSample = async () => {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    writeFileSync(heapSampleFile, JSON.stringify(profile));
    session.disconnect();
  };
}

// The job worker runs in the serving process, as src/main.ts starts it in production: scheduled
// jobs, reminders and mail (to the outbox; there is no SMTP_URL here) take their share of the CPU
// and the database while the pages are measured.
const worker = startJobWorker(deps, 5000, (err) =>
  console.error(`job worker: ${err instanceof Error ? err.message : err}`),
);
await app.listen({ port: 0, host: '127.0.0.1' });
close = async () => {
  await stopHeapSample();
  await app.close();
  await worker.stop();
  await database.close();
};

// the runner asks for the benchmark's checks after the app's measured phases (bench/run.ts)
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== VERIFY_REQUEST) return;
  const answer = (v: Verified) => process.stdout.write(`${VERIFIED_PREFIX}${JSON.stringify(v)}\n`);
  (benchmark.verify ? benchmark.verify(deps) : Promise.resolve({ ok: true, lines: [] }))
    .then(answer)
    .catch((err) =>
      answer({ ok: false, lines: [`verify failed: ${err instanceof Error ? err.message : String(err)}`] }),
    );
});

const startupPeakKb = procStatusKb('self', 'VmHWM');
const peakReset = resetPeakRss();
signalReady({
  port: (app.server.address() as AddressInfo).port,
  paths: prepared?.paths ?? benchmark.paths,
  headers: prepared?.headers ?? {},
  sessions: prepared?.sessions,
  startupPeakKb,
  peakReset,
});
