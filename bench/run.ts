// npm run bench -- <name> [--connections N] [--duration S] [--warmup S] [--timeout S] [--cache on|off] [--no-record]
//
// Starts the app (bench/server.ts) and a bare Fastify baseline (bench/baseline.ts) as two child
// processes on 127.0.0.1, loads each with autocannon (same connections and duration, after a short
// warm-up), prints throughput, latency, errors and the app's peak RSS, and appends the result to
// docs/benchmarks.md. Every child is killed at the end, on error, on Ctrl-C and when the time limit
// is reached. The database is a fresh one per run: PGlite in a temporary DATA_DIR, or, with
// DATABASE_URL, a scratch database created on that server and dropped afterwards.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { build, serveNodeArgs } from '../scripts/build.mjs';
import {
  type Benchmark,
  benchmarkNames,
  loadBenchmark,
  procCpuMs,
  procStatusKb,
  READY_PREFIX,
  type ReadyMessage,
  rootDir,
  type SessionPlan,
  VERIFIED_PREFIX,
  VERIFY_REQUEST,
  type Verified,
} from './harness';
import { probeSessions, runSessions, type SessionFigures, type ThinkTime } from './sessions';

const docsFile = join(rootDir, 'docs', 'benchmarks.md');
const usage = `usage: npm run bench -- <name> [--connections N] [--duration S] [--warmup S] [--timeout S] [--cache on|off] [--think MIN-MAX] [--no-record]

  --connections N  concurrent connections (default: the benchmark's)
  --duration S     measured seconds per server (default: the benchmark's)
  --warmup S       warm-up seconds before each measurement (default 3)
  --timeout S      hard limit for the whole run (default: start-up limit + 2 × (warm-up + duration) + 120)
  --cache on|off   the page cache of signed-in pages (ADR 0005; default on): off measures every page rendered afresh
  --think MIN-MAX  session benchmarks: think time between a session's requests, ms, uniformly random (default: the benchmark's)
  --no-record      print only; do not append to docs/benchmarks.md

With DATABASE_URL set, a scratch database is created on that PostgreSQL server for the run and
dropped afterwards; otherwise PGlite runs in a fresh temporary directory.`;

// ---- child processes -------------------------------------------------------------------------

interface Child {
  label: string;
  proc: ChildProcess;
  pid: number;
  exited: Promise<void>;
  /** set while the runner waits for the answer of the benchmark's `verify` */
  onVerified?: (v: Verified) => void;
}

const children = new Set<Child>();
let tempDir: string | undefined;
let scratch: { adminUrl: string; name: string } | undefined;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const running = (c: Child) => c.proc.exitCode === null && c.proc.signalCode === null;

/** Signals the child's whole process group (it was spawned detached, so it leads one). */
function signal(c: Child, sig: NodeJS.Signals) {
  try {
    process.kill(-c.pid, sig);
  } catch {
    try {
      process.kill(c.pid, sig);
    } catch {
      // already gone
    }
  }
}

/**
 * Spawns `node <script>` (so the pid is the server itself) and waits for its READY line: a bundle
 * (`.mjs`, scripts/build.mjs) on plain node with the flags `npm start` serves with, anything else
 * through tsx.
 */
function startChild(
  label: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutSeconds: number,
  nodeArgs: string[] = [],
): Promise<{ child: Child; ready: ReadyMessage }> {
  const runtime = script.endsWith('.mjs') ? serveNodeArgs : ['--import', 'tsx'];
  const proc = spawn(process.execPath, [...nodeArgs, ...runtime, script, ...args], {
    cwd: rootDir,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: Child = { label, proc, pid: proc.pid ?? -1, exited };
  if (proc.pid) children.add(child);
  proc.once('exit', () => children.delete(child));
  createInterface({ input: proc.stderr! }).on('line', (line) => process.stderr.write(`[${label}] ${line}\n`));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${label} was not ready within ${timeoutSeconds} s`)),
      timeoutSeconds * 1000,
    );
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.startsWith(VERIFIED_PREFIX)) {
        child.onVerified?.(JSON.parse(line.slice(VERIFIED_PREFIX.length)) as Verified);
        return;
      }
      if (!line.startsWith(READY_PREFIX)) {
        process.stderr.write(`[${label}] ${line}\n`);
        return;
      }
      clearTimeout(timer);
      resolve({ child, ready: JSON.parse(line.slice(READY_PREFIX.length)) as ReadyMessage });
    });
    proc.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${label} could not be started: ${err.message}`));
    });
    proc.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited before it was ready (${sig ?? `exit code ${code}`})`));
    });
  });
}

/** SIGTERM, then SIGKILL after a grace period. */
async function stopChild(c: Child) {
  if (!running(c)) return;
  signal(c, 'SIGTERM');
  await Promise.race([c.exited, sleep(5000)]);
  if (running(c)) {
    signal(c, 'SIGKILL');
    await Promise.race([c.exited, sleep(2000)]);
  }
}

function killAllNow() {
  for (const c of children) signal(c, 'SIGKILL');
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([...children].map(stopChild));
    if (scratch) {
      const { adminUrl, name } = scratch;
      scratch = undefined;
      await Promise.race([dropDatabase(adminUrl, name), sleep(15_000)]).catch((err) =>
        console.error(`Could not drop the scratch database ${name}: ${err instanceof Error ? err.message : err}`),
      );
    }
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    tempDir = undefined;
  })();
  return cleaning;
}

process.on('exit', () => {
  killAllNow();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---- database ---------------------------------------------------------------------------------

async function createScratchDatabase(url: string): Promise<{ url: string; version: string }> {
  const name = `mp_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  let version = '';
  try {
    version = String((await admin.query('show server_version')).rows[0]?.server_version ?? '').split(' ')[0] ?? '';
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  scratch = { adminUrl: url, name };
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), version };
}

async function dropDatabase(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

// ---- load -------------------------------------------------------------------------------------

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * One autocannon run. Latencies are collected from every 2xx response (autocannon's own
 * histogram has whole milliseconds and no p95).
 */
function load(
  port: number,
  paths: string[],
  headers: Record<string, string>,
  connections: number,
  duration: number,
): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${paths[0]}`,
        connections,
        duration,
        headers,
        requests: paths.map((path) => ({ method: 'GET' as const, path })),
      },
      (err, result) => {
        if (err) return reject(err);
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          rps: result.requests.average,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          requests: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

/** Requests each path once (up to 20) and insists on 2xx; answers the mean body size in bytes. */
async function probe(port: number, paths: string[], headers: Record<string, string>): Promise<number> {
  let total = 0;
  const some = paths.slice(0, 20);
  for (const path of some) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status < 200 || res.status >= 300) {
      throw new Error(`GET ${path} answered ${res.status}; a benchmark must load pages that answer 2xx`);
    }
    total += body.length;
  }
  return Math.round(total / some.length);
}

// ---- report -----------------------------------------------------------------------------------

const mb = (kb: number | null | undefined) => (kb == null ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);
const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(2));
const num = (v: number) => Math.round(v).toLocaleString('en-US');

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: rootDir,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: rootDir, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    return dirty ? `${sha} (with local changes)` : sha;
  } catch {
    return 'unknown';
  }
}

const docsHeader = `# Benchmarks

Throughput, latency and memory of the app under load, next to a bare Fastify server on the same
machine. Absolute figures depend on the machine and on whatever else runs on it; the **ratio
app/baseline** is the figure to compare between runs.

## Running

\`\`\`sh
npm run bench -- home                                  # PGlite in a fresh temporary directory
npm run bench -- home --connections 64 --duration 30
DATABASE_URL=postgres://app:app@127.0.0.1:5432/app_test npm run bench -- home   # PostgreSQL
\`\`\`

Options: \`--connections N\`, \`--duration S\` (measured seconds per server), \`--warmup S\` (default 3),
\`--timeout S\` (hard limit for the whole run), \`--cache on|off\` (the page cache of signed-in pages), \`--no-record\` (print only, do not append here).
With \`DATABASE_URL\`, a scratch database \`mp_bench_…\` is created on that server (the user needs
CREATEDB) and dropped afterwards, so the named database itself is left untouched.

Single requests without load, for profiling: \`DATABASE_URL=… npx tsx bench/profile.ts funding --keep\`
(\`--cold\` empties the page cache before each request; see the file's header).

## How it works

- \`bench/run.ts\` starts the app (\`bench/server.ts\`: database, migrations, the benchmark's
  \`prepare\`, \`buildApp\`, no logger, no job worker) and the baseline (\`bench/baseline.ts\`: bare
  Fastify answering \`GET /\` with a static HTML page of the same shape and size as the app's page)
  as two separate child processes on 127.0.0.1, so each one's memory is measured alone.
- Each server gets a warm-up, then is loaded with autocannon for the same connections and duration
  (one after the other, never both at once). The load generator runs in the runner's process.
- req/s is autocannon's average of per-second samples (all responses). Latency percentiles are
  computed from every 2xx response. Errors are connection errors and timeouts.
- Peak RSS is \`VmHWM\` from \`/proc/<pid>/status\` after the load. It is reset (\`clear_refs\`) once the
  server is ready, so it covers serving only; the peak during start-up (migrations, \`prepare\`) is
  noted separately. With PostgreSQL the database server's memory is not included; with PGlite the
  database runs inside the app process and is.

## Adding a benchmark

Create \`bench/<name>.bench.ts\` (never \`*.test.ts\`, so \`npm test\` does not pick it up):

\`\`\`ts
import { defineBenchmark } from './harness';

export default defineBenchmark({
  title: 'Applications list',
  paths: ['/de/applications'],
  connections: 32,
  duration: 20,
  // optional: generate data into the fresh database; may return paths with generated ids
  // and headers (e.g. a session cookie) to use for the requests
  async prepare(deps) {
    return { headers: { cookie: 'sid=…' } };
  },
});
\`\`\`

## Results

Appended by \`npm run bench\`, newest last.
`;

// ---- main -------------------------------------------------------------------------------------

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`);
  return n;
}

class UsageError extends Error {}

function parseCommandLine(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        connections: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        timeout: { type: 'string' },
        cache: { type: 'string' },
        think: { type: 'string' },
        'no-record': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function main() {
  const { values, positionals } = parseCommandLine(process.argv.slice(2));
  const name = positionals[0];
  if (values.help || !name || positionals.length > 1) {
    console.log(`${usage}\n\nBenchmarks: ${benchmarkNames().join(', ') || '(none)'}`);
    process.exit(values.help ? 0 : 2);
  }

  const bench = await loadBenchmark(name);
  const connections = Math.round(positive(values.connections, 'connections', bench.connections));
  const duration = positive(values.duration, 'duration', bench.duration);
  const warmup = values.warmup === '0' ? 0 : positive(values.warmup, 'warmup', 3);
  const startTimeout = bench.startTimeout ?? 300;
  const think = parseThink(values.think, bench);
  const phases = bench.think || values.think ? 2 : 1;
  const verifySeconds = bench.verify ? (bench.verifyTimeout ?? 300) : 0;
  const limit = positive(
    values.timeout,
    'timeout',
    startTimeout + 2 * (warmup + phases * duration) + verifySeconds + 120,
  );

  const deadline = setTimeout(() => {
    console.error(`\nTime limit of ${limit} s reached: stopping`);
    void cleanup().finally(() => process.exit(1));
  }, limit * 1000);

  const startedAt = new Date();
  const loadBefore = os.loadavg()[0] ?? 0;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (values.cache !== undefined && values.cache !== 'on' && values.cache !== 'off')
    throw new UsageError('--cache takes on or off');
  const cache = values.cache ?? 'on';
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PAGE_CACHE: cache };
  let dbLabel: string;
  if (databaseUrl) {
    const created = await createScratchDatabase(databaseUrl);
    env.DATABASE_URL = created.url;
    dbLabel = `PostgreSQL ${created.version}`.trim();
    console.error(`Database: PostgreSQL, scratch database ${scratch?.name} (dropped afterwards)`);
  } else {
    tempDir = mkdtempSync(join(os.tmpdir(), 'mp-bench-'));
    env.DATA_DIR = tempDir;
    env.DATABASE_URL = '';
    dbLabel = 'PGlite';
    console.error(`Database: PGlite in ${tempDir} (removed afterwards)`);
  }

  console.error(`Starting the app${bench.prepare ? ' and preparing data' : ''}…`);
  const t0 = Date.now();
  // BENCH_APP_NODE_ARGS go to the app's node alone, e.g. `--cpu-prof --cpu-prof-dir=.tmp/prof` to profile it under load
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  // the app as `npm start` runs it: compiled ahead, on plain node with the same flags (ADR 0013)
  const server = await build('bench/server.ts', 'dist/bench-server.mjs');
  const app = await startChild('app', server, [name], env, startTimeout, nodeArgs);
  const startSeconds = (Date.now() - t0) / 1000;
  if (app.ready.sessions?.length) {
    await sessionBenchmark({
      name,
      bench,
      app,
      startSeconds,
      dbLabel,
      databaseUrl: env.DATABASE_URL || undefined,
      cache,
      warmup,
      duration,
      think,
      startedAt,
      loadBefore,
      record: !values['no-record'],
    });
    clearTimeout(deadline);
    return;
  }
  const paths = app.ready.paths ?? bench.paths;
  const headers = app.ready.headers ?? {};
  const pageBytes = await probe(app.ready.port, paths, headers);

  const baseline = await startChild(
    'baseline',
    'bench/baseline.ts',
    ['--bytes', String(pageBytes)],
    { ...process.env, LOG_LEVEL: 'silent' },
    60,
  );
  const baselineBytes = await probe(baseline.ready.port, ['/'], {});

  // CPU time per request of each server over its measured window: on a machine shared with other
  // work, req/s follows whatever else runs, the CPU a request costs far less
  const cpuPerRequest = { app: Number.NaN, baseline: Number.NaN };
  const measure = async (
    label: 'app' | 'baseline',
    port: number,
    pid: number,
    p: string[],
    h: Record<string, string>,
  ) => {
    if (warmup > 0) {
      console.error(`${label}: warm-up ${warmup} s…`);
      await load(port, p, h, connections, warmup);
    }
    console.error(`${label}: measuring ${duration} s at ${connections} connections…`);
    const cpu = cpuMeter(pid, undefined);
    await cpu.start();
    const figures = await load(port, p, h, connections, duration);
    cpuPerRequest[label] = (await cpu.stop()).appMs / Math.max(1, figures.requests);
    return figures;
  };
  const appFigures = await measure('app', app.ready.port, app.child.pid, paths, headers);
  const appPeakKb = procStatusKb(app.child.pid, 'VmHWM');
  const baseFigures = await measure('baseline', baseline.ready.port, baseline.child.pid, ['/'], {});
  const basePeakKb = procStatusKb(baseline.child.pid, 'VmHWM');

  await cleanup();
  clearTimeout(deadline);

  const ratio = appFigures.rps / baseFigures.rps;
  const peakLabel = app.ready.peakReset ? 'peak RSS (serving)' : 'peak RSS (since start)';
  const machine = {
    cores: os.availableParallelism(),
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
  const pathList = paths.length > 3 ? `${paths.slice(0, 3).join(', ')}, … (${paths.length} paths)` : paths.join(', ');

  // console
  const row = (label: string, f: Figures, peak: number | null) =>
    `${label.padEnd(20)}${num(f.rps).padStart(10)}${ms(f.p50).padStart(9)}${ms(f.p95).padStart(9)}${ms(f.p99).padStart(9)}` +
    `${String(f.non2xx).padStart(9)}${String(f.errors).padStart(8)}${mb(peak).padStart(12)}`;
  console.log('');
  console.log(`${name}: ${bench.title} (${pathList})`);
  console.log(
    `${dbLabel} · ${connections} connections · ${duration} s after ${warmup} s warm-up · page ${(pageBytes / 1024).toFixed(1)} kB`,
  );
  console.log(
    `${''.padEnd(20)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}` +
      `${'non-2xx'.padStart(9)}${'errors'.padStart(8)}${'peak RSS'.padStart(12)}`,
  );
  console.log(row('app', appFigures, appPeakKb));
  console.log(row('baseline (Fastify)', baseFigures, basePeakKb));
  console.log(`throughput app/baseline: ${ratio.toFixed(3)}`);
  const cpuLine = `CPU per request: app ${cpuPerRequest.app.toFixed(3)} ms, baseline ${cpuPerRequest.baseline.toFixed(3)} ms (baseline/app ${(cpuPerRequest.baseline / cpuPerRequest.app).toFixed(3)})`;
  console.log(cpuLine);
  console.log(
    `app ${peakLabel}: ${mb(appPeakKb)}; during start-up (${startSeconds.toFixed(1)} s): ${mb(app.ready.startupPeakKb)}`,
  );
  console.log(`machine: ${machine.cores} cores, ${machine.memory}, ${machine.cpu}, Node ${machine.node}`);

  // the last line, for other tools: one JSON object with the figures (ms, MB, req/s)
  const summary = JSON.stringify({
    name,
    database: dbLabel,
    cache,
    app: {
      rps: round(appFigures.rps),
      p50: round(appFigures.p50),
      p95: round(appFigures.p95),
      p99: round(appFigures.p99),
      rssMb: appPeakKb === null ? null : round(appPeakKb / 1024),
    },
    baseline: { rps: round(baseFigures.rps) },
    ratio: Math.round(ratio * 1000) / 1000,
  });

  if (values['no-record']) {
    console.log(summary);
    return;
  }
  const mdRow = (label: string, f: Figures, peak: number | null) =>
    `| ${label} | ${num(f.rps)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${f.non2xx} | ${f.errors} | ${mb(peak)} |`;
  const when = `${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const entry = [
    '',
    `### ${when} · ${name} · ${dbLabel} · page cache ${cache}`,
    '',
    `${bench.title}: \`${pathList}\` · ${connections} connections · ${duration} s measured after ${warmup} s warm-up, ` +
      `each server in turn · app page ${(pageBytes / 1024).toFixed(1)} kB, baseline page ${(baselineBytes / 1024).toFixed(1)} kB`,
    '',
    `| server | req/s (avg) | p50 ms | p95 ms | p99 ms | non-2xx | errors | ${peakLabel} |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    mdRow('app', appFigures, appPeakKb),
    mdRow('bare Fastify baseline', baseFigures, basePeakKb),
    '',
    `Throughput ratio app/baseline: **${ratio.toFixed(3)}**. ` +
      `App peak RSS during start-up (${startSeconds.toFixed(1)} s incl. migrations${bench.prepare ? ' and prepare' : ''}): ${mb(app.ready.startupPeakKb)}.`,
    '',
    `${cpuLine}.`,
    '',
    `Machine: ${machine.cores} cores, ${machine.memory} RAM, ${machine.cpu}, Node ${machine.node}, ${machine.os}; ` +
      `load average before the run ${loadBefore.toFixed(2)}; commit ${gitCommit()}.`,
    '',
  ].join('\n');
  if (!existsSync(docsFile)) writeFileSync(docsFile, docsHeader);
  appendFileSync(docsFile, entry);
  console.log(`\nAppended to ${docsFile}`);
  console.log(summary);
}

const round = (n: number) => Math.round(n * 100) / 100;

function parseThink(value: string | undefined, bench: Benchmark): ThinkTime {
  if (value === undefined) return bench.think ?? { min: 500, max: 2000 };
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(value);
  if (!m) throw new UsageError('--think takes MIN-MAX in milliseconds, e.g. 50-150');
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (max < min) throw new UsageError('--think: MAX must not be below MIN');
  return { min, max };
}

function machineLine() {
  return {
    cores: os.availableParallelism(),
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

// ---- session benchmarks -------------------------------------------------------------------------

/**
 * The app under many sessions with think time (bench/sessions.ts), then the same sessions without
 * think time (its capacity); the baseline under the same number of sessions, the same think time
 * and then none. The figures of record are those with think time; the capacity phase says how far
 * the app is from its limit.
 */
/**
 * CPU time used during a phase by the app process, by the PostgreSQL backends serving its database
 * (found through pg_stat_activity, sampled every second, so connections opened or closed during
 * the phase count too; only when the server runs on this machine) and by this runner (the load driver).
 */
function cpuMeter(appPid: number, databaseUrl: string | undefined) {
  const backends = new Map<number, { first: number; last: number }>();
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const sample = async () => {
    if (!client) return;
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    for (const { pid } of rows) {
      const ms = procCpuMs(pid);
      if (ms === null) continue;
      const b = backends.get(pid);
      if (b) b.last = ms;
      else backends.set(pid, { first: ms, last: ms });
    }
  };
  let app0 = 0;
  let self0 = process.cpuUsage();
  return {
    async start() {
      app0 = procCpuMs(appPid) ?? 0;
      self0 = process.cpuUsage();
      if (databaseUrl && /@(127\.0\.0\.1|localhost)[:/]/.test(databaseUrl)) {
        client = new pg.Client({ connectionString: databaseUrl });
        await client.connect().catch(() => {
          client = undefined;
        });
        await sample().catch(() => {});
        timer = setInterval(() => void sample().catch(() => {}), 1000);
      }
    },
    async stop(): Promise<{ appMs: number; databaseMs: number | null; driverMs: number }> {
      const appMs = (procCpuMs(appPid) ?? 0) - app0;
      const used = process.cpuUsage(self0);
      if (timer) clearInterval(timer);
      await sample().catch(() => {});
      await client?.end().catch(() => {});
      const databaseMs = client ? [...backends.values()].reduce((s, b) => s + b.last - b.first, 0) : null;
      return { appMs, databaseMs, driverMs: (used.user + used.system) / 1000 };
    },
  };
}

async function sessionBenchmark(o: {
  name: string;
  bench: Benchmark;
  app: { child: Child; ready: ReadyMessage };
  startSeconds: number;
  dbLabel: string;
  databaseUrl: string | undefined;
  cache: string;
  warmup: number;
  duration: number;
  think: ThinkTime;
  startedAt: Date;
  loadBefore: number;
  record: boolean;
}) {
  const sessions = o.app.ready.sessions as SessionPlan[];
  const writeShare = o.bench.writeShare ?? 0.02;
  const roles = new Map<string, number>();
  for (const s of sessions) roles.set(s.role, (roles.get(s.role) ?? 0) + 1);
  const roleList = [...roles].map(([r, n]) => `${n} ${r}`).join(', ');
  await probeSessions(o.app.ready.port, sessions);

  const cpu = new Map<string, { appMs: number; databaseMs: number | null; driverMs: number }>();
  const phase = async (label: string, port: number, plans: SessionPlan[], think: ThinkTime, warmup: number) => {
    const t = think.max === 0 ? 'no think time' : `think time ${think.min}–${think.max} ms`;
    console.error(
      `${label}: ${plans.length} sessions, ${t}, ${warmup ? `warm-up ${warmup} s, ` : ''}measuring ${o.duration} s…`,
    );
    const run = runSessions({ port, sessions: plans, think, writeShare, warmup, duration: o.duration });
    // CPU is counted over the measured window only
    const meter = port === o.app.ready.port ? cpuMeter(o.app.child.pid, o.databaseUrl) : undefined;
    if (meter) {
      await sleep(warmup * 1000);
      await meter.start();
    }
    const f = await run;
    if (meter) cpu.set(label, await meter.stop());
    for (const p of f.problems.slice(0, 5)) console.error(`  ${label}: ${p}`);
    return f;
  };
  const none: ThinkTime = { min: 0, max: 0 };
  const appThink = await phase('app', o.app.ready.port, sessions, o.think, o.warmup);
  const appFull = await phase('app (capacity)', o.app.ready.port, sessions, none, 1);
  const appPeakKb = procStatusKb(o.app.child.pid, 'VmHWM');
  const verified = o.bench.verify ? await verify(o.app.child, o.bench.verifyTimeout ?? 300) : undefined;
  const pageBytes = Math.round(appThink.bytes / Math.max(1, appThink.requests));

  const baseline = await startChild(
    'baseline',
    'bench/baseline.ts',
    ['--bytes', String(pageBytes)],
    { ...process.env, LOG_LEVEL: 'silent' },
    60,
  );
  const basePlans: SessionPlan[] = sessions.map(() => ({
    role: 'baseline',
    pages: [{ label: 'GET /', paths: ['/'], weight: 1 }],
    writes: [],
  }));
  const baseThink = await phase('baseline', baseline.ready.port, basePlans, o.think, o.warmup);
  const baseFull = await phase('baseline (capacity)', baseline.ready.port, basePlans, none, 1);
  const basePeakKb = procStatusKb(baseline.child.pid, 'VmHWM');
  await cleanup();

  const ratio = appThink.rps / baseThink.rps;
  const capacityRatio = appFull.rps / baseFull.rps;
  const errors = (f: SessionFigures) => f.non2xx + f.failures;
  const machine = machineLine();
  const thinkLabel = `think time ${o.think.min}–${o.think.max} ms`;
  const peakLabel = o.app.ready.peakReset ? 'peak RSS (serving)' : 'peak RSS (since start)';

  const row = (label: string, f: SessionFigures, peak: number | null) =>
    `${label.padEnd(30)}${num(f.rps).padStart(8)}${ms(f.p50).padStart(9)}${ms(f.p95).padStart(9)}${ms(f.p99).padStart(9)}` +
    `${String(f.writes).padStart(8)}${String(errors(f)).padStart(8)}${mb(peak).padStart(12)}`;
  console.log('');
  console.log(`${o.name}: ${o.bench.title}`);
  console.log(
    `${o.dbLabel} · page cache ${o.cache} · ${sessions.length} sessions (${roleList}) · ${thinkLabel} · ${o.duration} s measured after ${o.warmup} s warm-up · mean answer ${(pageBytes / 1024).toFixed(1)} kB`,
  );
  console.log(
    `${''.padEnd(30)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}` +
      `${'POSTs'.padStart(8)}${'errors'.padStart(8)}${'peak RSS'.padStart(12)}`,
  );
  console.log(row('app, think time', appThink, null));
  console.log(row('app, no think time', appFull, appPeakKb));
  console.log(row('baseline, think time', baseThink, null));
  console.log(row('baseline, no think time', baseFull, basePeakKb));
  console.log(`throughput app/baseline: ${ratio.toFixed(3)} with think time, ${capacityRatio.toFixed(3)} without`);
  const cpuLine = (label: string, f: SessionFigures) => {
    const c = cpu.get(label);
    if (!c) return '';
    const per = (v: number) => (v / Math.max(1, f.requests)).toFixed(2);
    return (
      `app ${per(c.appMs)} ms (${((100 * c.appMs) / (f.seconds * 1000)).toFixed(0)} % of a core)` +
      (c.databaseMs === null ? '' : `, PostgreSQL ${per(c.databaseMs)} ms`) +
      `, load driver ${per(c.driverMs)} ms`
    );
  };
  const cpuThink = cpuLine('app', appThink);
  const cpuFull = cpuLine('app (capacity)', appFull);
  if (cpuThink) console.log(`CPU per request with think time: ${cpuThink}`);
  if (cpuFull) console.log(`CPU per request without think time: ${cpuFull}`);
  console.log(
    `writes: ${appThink.writes} of ${appThink.requests} requests (${((100 * appThink.writes) / Math.max(1, appThink.requests)).toFixed(1)} %)`,
  );
  const perSecond = (l: { requests: number }, f: SessionFigures) => (l.requests / f.seconds).toFixed(1);
  for (const [title, f] of [
    ['think time', appThink],
    ['no think time', appFull],
  ] as const) {
    console.log(`\nper page (app, ${title}):${''.padEnd(12)}requests    req/s   p50 ms   p95 ms   p99 ms errors`);
    for (const l of f.byLabel)
      console.log(
        `  ${l.label.padEnd(34)}${String(l.requests).padStart(7)}${perSecond(l, f).padStart(9)}${ms(l.p50).padStart(9)}${ms(l.p95).padStart(9)}${ms(l.p99).padStart(9)}${String(l.errors).padStart(6)}`,
      );
  }
  if (verified) {
    console.log(`\nchecks after the load: ${verified.ok ? 'all passed' : 'FAILED'}`);
    for (const line of verified.lines) console.log(`  ${line}`);
  }
  console.log(`machine: ${machine.cores} cores, ${machine.memory}, ${machine.cpu}, Node ${machine.node}`);

  const summary = JSON.stringify({
    name: o.name,
    database: o.dbLabel,
    cache: o.cache,
    app: {
      rps: round(appThink.rps),
      p50: round(appThink.p50),
      p95: round(appThink.p95),
      p99: round(appThink.p99),
      rssMb: appPeakKb === null ? null : round(appPeakKb / 1024),
      errors: errors(appThink),
    },
    baseline: { rps: round(baseThink.rps) },
    ratio: Math.round(ratio * 1000) / 1000,
    capacity: {
      app: { rps: round(appFull.rps), p95: round(appFull.p95), errors: errors(appFull) },
      baseline: { rps: round(baseFull.rps) },
      ratio: Math.round(capacityRatio * 1000) / 1000,
      pages: pagesOf(appFull),
    },
    pages: pagesOf(appThink),
    ...(verified ? { checks: { ok: verified.ok, ...verified.figures } } : {}),
  });

  if (o.record) {
    const mdRow = (label: string, f: SessionFigures, peak: number | null) =>
      `| ${label} | ${num(f.rps)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${f.writes} | ${errors(f)} | ${mb(peak)} |`;
    const when = `${o.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const entry = [
      '',
      `### ${when} · ${o.name} · ${o.dbLabel} · page cache ${o.cache}`,
      '',
      `${o.bench.title}: ${sessions.length} sessions (${roleList}; ${sessions.filter((s) => s.cookie).length} signed in), ${thinkLabel}, ` +
        `${(writeShare * 100).toFixed(1)} % of steps a write through the page's form; job worker running · ` +
        `${o.duration} s measured after ${o.warmup} s warm-up, then ${o.duration} s without think time · mean answer ${(pageBytes / 1024).toFixed(1)} kB`,
      '',
      `| server, phase | req/s | p50 ms | p95 ms | p99 ms | POSTs | errors | ${peakLabel} |`,
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      mdRow('app, think time', appThink, null),
      mdRow('app, no think time', appFull, appPeakKb),
      mdRow('bare Fastify, think time', baseThink, null),
      mdRow('bare Fastify, no think time', baseFull, basePeakKb),
      '',
      `Throughput ratio app/baseline: **${ratio.toFixed(3)}** with think time, **${capacityRatio.toFixed(3)}** without. ` +
        `App peak RSS during start-up (${o.startSeconds.toFixed(1)} s incl. migrations and prepare): ${mb(o.app.ready.startupPeakKb)}.`,
      '',
      ...(cpuThink ? [`CPU per request with think time: ${cpuThink}; without: ${cpuFull}.`, ''] : []),
      ...[
        ['think time', appThink],
        ['no think time', appFull],
      ].flatMap(([title, f]) => [
        `<details><summary>per page (app, ${title})</summary>`,
        '',
        '| page | requests | req/s | p50 ms | p95 ms | p99 ms | errors |',
        '|---|---:|---:|---:|---:|---:|---:|',
        ...(f as SessionFigures).byLabel.map(
          (l) =>
            `| ${l.label} | ${l.requests} | ${perSecond(l, f as SessionFigures)} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${l.errors} |`,
        ),
        '',
        '</details>',
        '',
      ]),
      ...(verified
        ? [
            `Checks after the load (the benchmark's \`verify\`): **${verified.ok ? 'all passed' : 'FAILED'}**`,
            '',
            ...verified.lines.map((l) => `- ${l}`),
            '',
          ]
        : []),
      `Machine: ${machine.cores} cores, ${machine.memory} RAM, ${machine.cpu}, Node ${machine.node}, ${machine.os}; ` +
        `load average before the run ${o.loadBefore.toFixed(2)}; commit ${gitCommit()}.`,
      '',
    ].join('\n');
    if (!existsSync(docsFile)) writeFileSync(docsFile, docsHeader);
    appendFileSync(docsFile, entry);
    console.log(`\nAppended to ${docsFile}`);
  }
  console.log(summary);
}

/** Per page of a phase: req/s and p95, for the JSON summary. */
function pagesOf(f: SessionFigures): Record<string, { rps: number; p95: number; errors: number }> {
  return Object.fromEntries(
    f.byLabel.map((l) => [l.label, { rps: round(l.requests / f.seconds), p95: round(l.p95), errors: l.errors }]),
  );
}

/** Asks the app server to run the benchmark's `verify` (bench/server.ts) and waits for its answer. */
function verify(app: Child, seconds: number): Promise<Verified> {
  console.error(`app: checking what the load left (up to ${seconds} s)…`);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      app.onVerified = undefined;
      resolve({ ok: false, lines: [`verify gave no answer within ${seconds} s`] });
    }, seconds * 1000);
    app.onVerified = (v) => {
      clearTimeout(timer);
      app.onVerified = undefined;
      resolve(v);
    };
    app.proc.stdin?.write(`${VERIFY_REQUEST}\n`);
  });
}

main()
  .then(() => process.exit(0))
  .catch(async (err) => {
    // once a signal or the time limit started the cleanup, the children's exits are expected
    if (cleaning) return;
    if (err instanceof UsageError) console.error(`${err.message}\n\n${usage}`);
    else console.error(`Benchmark failed: ${err instanceof Error ? err.message : String(err)}`);
    await cleanup();
    process.exit(1);
  });
