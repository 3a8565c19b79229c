// Single-request timings of a benchmark's pages, for profiling (not part of `npm run bench`).
//
//   DATABASE_URL=postgres://app:app@127.0.0.1:5432/app_test npx tsx bench/profile.ts funding [--keep] [--n 20] [--only I] [--cold] [--queries]
//   npx tsx bench/profile.ts public-calls      # PGlite in a fresh temporary directory
//
// Creates (or, with --keep, reuses) the database `mp_profile_<name>` on that server, fills it with
// the benchmark's `prepare` once, builds the app and times each path through `fastify.inject`
// (no network, no load generator): the median and the slowest of n requests, the body size and the
// app's CPU time per request and the SQL statements per request (--explain: each SELECT's planning and execution time from EXPLAIN
// ANALYZE, --plans: the whole plans). A session benchmark's pages are timed as the first session of each
// role sees them (the first path of every page pool). --only I times the I-th path alone; --cold
// empties the page cache before every request; --queries prints each page's statements.
// --cpuprofile FILE writes a V8 CPU profile of the timed requests only (not start-up or prepare), for
// Chrome's DevTools or `speedscope`.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/core/config/config';
import { openDatabase } from '../src/core/db/client';
import { migrate } from '../src/core/db/migrate';
import type { AppDeps } from '../src/core/modules';
import { systemClock } from '../src/core/time/clock';
import { manifests } from '../src/manifests';
import { loadBenchmark, type Prepared } from './harness';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    keep: { type: 'boolean' },
    n: { type: 'string' },
    only: { type: 'string' },
    cold: { type: 'boolean' },
    queries: { type: 'boolean' },
    explain: { type: 'boolean' },
    plans: { type: 'boolean' },
    cpuprofile: { type: 'string' },
  },
});
const name = positionals[0];
const adminUrl = process.env.DATABASE_URL || undefined;
if (!name) {
  console.error('usage: [DATABASE_URL=postgres://…] npx tsx bench/profile.ts <benchmark> [--keep] [--n 20]');
  process.exit(2);
}
const n = Number(values.n ?? 20);
const dbName = `mp_profile_${name.replace(/-/g, '_')}`;

// PostgreSQL: a database of its own on that server, kept with --keep; PGlite (no DATABASE_URL):
// a fresh temporary directory, prepared every time
let exists = false;
let databaseUrl: string | undefined;
let dataDir: string | undefined;
if (adminUrl) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount === 1;
  if (exists && !values.keep) await admin.query(`drop database ${dbName} with (force)`);
  if (!exists || !values.keep) await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  databaseUrl = u.toString();
} else {
  dataDir = mkdtempSync(join(os.tmpdir(), 'mp-profile-'));
  process.on('exit', () => rmSync(dataDir as string, { recursive: true, force: true }));
}

const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrate(database);
const deps: AppDeps = { config, db: database.db, modules: manifests, now: systemClock };
const benchmark = await loadBenchmark(name);
const marker = await database.db.execute(`select to_regclass('public.profile_prepared') as t` as never);
let prepared: Prepared | undefined;
const prepareAgain = !(values.keep && exists && (marker as unknown as { rows: { t: string | null }[] }).rows[0]?.t);
if (prepareAgain) {
  const t0 = performance.now();
  prepared = (await benchmark.prepare?.(deps)) ?? undefined;
  console.error(`prepare: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await database.db.execute(`create table profile_prepared (v jsonb)` as never);
  await database.db.execute(
    `insert into profile_prepared values ('${JSON.stringify(prepared ?? {}).replace(/'/g, "''")}')` as never,
  );
} else {
  const r = (await database.db.execute(`select v from profile_prepared` as never)) as unknown as {
    rows: { v: Prepared }[];
  };
  prepared = r.rows[0]?.v;
}

// older commits have no page cache
const pageCache = await import('../src/core/http/page-cache').catch(() => undefined);
const app = await buildApp(deps, { logger: false });
await app.ready();
// every statement the pool sends, to count them per request
const statements: { text: string; values: unknown[] }[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string; values?: unknown[] };
  if (typeof first === 'string') statements.push({ text: first, values: Array.isArray(args[1]) ? args[1] : [] });
  else statements.push({ text: first?.text ?? '?', values: first?.values ?? (Array.isArray(args[1]) ? args[1] : []) });
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;
// PGlite: its client's query method, on the instance
const lite = (database.db as unknown as { $client?: { query: (...a: unknown[]) => unknown } }).$client;
if (database.kind === 'pglite' && lite) {
  const liteQuery = lite.query;
  lite.query = function (this: unknown, ...args: unknown[]) {
    statements.push({ text: String(args[0]), values: Array.isArray(args[1]) ? args[1] : [] });
    return liteQuery.apply(this, args);
  };
}
const explainer =
  (values.explain || values.plans) && databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : undefined;
await explainer?.connect();

const targets: { path: string; headers: Record<string, string>; label: string }[] = [];
if (prepared?.sessions?.length) {
  const roles = new Set<string>();
  for (const s of prepared.sessions) {
    if (roles.has(s.role)) continue;
    roles.add(s.role);
    for (const pool of s.pages)
      targets.push({
        path: pool.paths[0] ?? '/',
        headers: s.cookie ? { cookie: s.cookie } : {},
        label: `${s.role}: ${pool.label}`,
      });
  }
} else {
  for (const path of prepared?.paths ?? benchmark.paths)
    targets.push({ path, headers: prepared?.headers ?? {}, label: path });
}
const profiler = values.cpuprofile ? new (await import('node:inspector/promises')).Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const chosen = values.only === undefined ? targets : targets.filter((_, i) => String(i) === values.only);
for (const { path, headers, label } of chosen) {
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  let perRequest: typeof statements = [];
  let cpu = process.cpuUsage();
  for (let i = 0; i < n + 3; i++) {
    if (i === 3) cpu = process.cpuUsage();
    if (values.cold) pageCache?.pageCacheOf(database.db).observe(`cold-${i}`);
    statements.length = 0;
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: path, headers });
    const ms = performance.now() - t0;
    perRequest = [...statements];
    status = res.statusCode;
    bytes = res.rawPayload.length;
    if (i >= 3) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const used = process.cpuUsage(cpu);
  console.log(
    `${label}  ${path}  ${status}  ${(bytes / 1024).toFixed(1)} kB  median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms  max ${times.at(-1)?.toFixed(1)} ms  ` +
      `app CPU ${((used.user + used.system) / 1000 / n).toFixed(2)} ms  ${perRequest.length} statements`,
  );
  for (const q of perRequest) {
    const oneLine = q.text.replace(/\s+/g, ' ');
    if (values.queries) console.log(`    ${oneLine.slice(0, 240)}`);
    if (!explainer || !/^\s*(select|with)\b/i.test(q.text)) continue;
    const plan = await explainer.query(`explain (analyze, buffers) ${q.text}`, q.values);
    const lines = (plan as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((r) => r['QUERY PLAN']);
    const timing = lines.filter((l) => /^(Planning|Execution) Time/.test(l)).join(', ');
    console.log(`    ${timing}  ${values.queries ? '' : oneLine.slice(0, 160)}`);
    if (values.plans) for (const l of lines) console.log(`      ${l}`);
  }
}
if (profiler && values.cpuprofile) {
  const { profile } = await profiler.post('Profiler.stop');
  (await import('node:fs')).writeFileSync(values.cpuprofile, JSON.stringify(profile));
  console.error(`CPU profile of the timed requests: ${values.cpuprofile}`);
}
await explainer?.end();
await app.close();
await database.close();
