// What a benchmark is, and the few helpers the runner (bench/run.ts) and its two child
// processes (bench/server.ts, bench/baseline.ts) share. A benchmark lives in
// `bench/<name>.bench.ts` and default-exports `defineBenchmark({...})`; run it with
// `npm run bench -- <name>`. The `.bench.ts` suffix keeps it out of `npm test`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppDeps, RateLimits } from '../src/core/modules';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const rootDir = join(benchDir, '..');

/** Pages a session visits, one of `paths` at random each time, `weight` against the session's other pools. */
export interface PagePool {
  label: string;
  paths: string[];
  weight: number;
}

/**
 * A write through a real form: GET `page`, find the form that posts to `action`, POST its hidden
 * fields (the CSRF token) with `fields` (`{date+N}`: the Berlin date N days ahead, `{seq}`: a
 * counter per session, `{unique}`: a value no other write of the run gets, e.g. for a new person's
 * mail address), then GET the page the 303 points to.
 */
export interface FormWrite {
  label: string;
  /** label of the GET that shows the form, and of the GET after the redirect */
  pageLabel: string;
  afterLabel: string;
  weight: number;
  fields: Record<string, string>;
  /** one is chosen at random each time; with `once`, each is used once, in order */
  targets: { page: string; action: string; fields?: Record<string, string> }[];
  once?: boolean;
}

/** One signed-in person (or an anonymous visitor without `cookie`) in a session benchmark. */
export interface SessionPlan {
  role: string;
  /** the Cookie header to start with, e.g. `sid=…` */
  cookie?: string;
  pages: PagePool[];
  writes: FormWrite[];
}

/** What `prepare` may hand back once its data exists: paths that depend on generated ids, headers such as a session cookie. */
export interface Prepared {
  /** replaces the benchmark's `paths` */
  paths?: string[];
  /** sent with every request (e.g. `cookie: 'sid=…'` for pages behind sign-in) */
  headers?: Record<string, string>;
  /**
   * Makes it a session benchmark: instead of autocannon on `paths`, bench/sessions.ts runs one
   * loop per plan with think time and writes, and the baseline gets as many sessions on `GET /`.
   */
  sessions?: SessionPlan[];
}

export interface Benchmark {
  /** one line for the report, e.g. "German home page" */
  title: string;
  /** URL paths to load; with several, every connection requests them in turn */
  paths: string[];
  /**
   * Generates the benchmark's data into the freshly migrated database, in the server process,
   * before the app is built. Runs once per benchmark run.
   */
  prepare?(deps: AppDeps): Promise<Prepared> | Promise<void>;
  /** default concurrent connections (`--connections N` overrides) */
  connections: number;
  /** default measured seconds per server (`--duration S` overrides) */
  duration: number;
  /** seconds allowed for start-up: database, migrations, prepare, listen (default 300) */
  startTimeout?: number;
  /** session benchmarks: think time between a session's requests in ms (`--think MIN-MAX` overrides) */
  think?: { min: number; max: number };
  /** session benchmarks: probability that a step is a write (GET form, POST, GET after the redirect) */
  writeShare?: number;
  /**
   * Rate limits of the app for this benchmark (AppDeps' `limits`): every session comes from
   * 127.0.0.1, so a limit per address meant for one person would refuse the crowd. The check still runs.
   */
  limits?: Partial<RateLimits>;
  /**
   * Session benchmarks: runs in the server process once the app's measured phases are over (before
   * the baseline's), with the job worker still running, and checks what the load left in the
   * database. Its lines are printed and recorded; `ok: false` marks the run as failed in the record.
   */
  verify?(deps: AppDeps): Promise<Verified>;
  /** seconds allowed for `verify` (default 300) */
  verifyTimeout?: number;
}

/** What a benchmark's `verify` found. */
export interface Verified {
  ok: boolean;
  /** one finding per line, for the console and docs/benchmarks.md */
  lines: string[];
  /** figures for the JSON summary */
  figures?: Record<string, number>;
}

/** Identity; it only gives a benchmark module its type. */
export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}

const namePattern = /^[a-z0-9][a-z0-9-]*$/;

/** Names of all `bench/<name>.bench.ts` files. */
export function benchmarkNames(): string[] {
  return readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
}

export async function loadBenchmark(name: string): Promise<Benchmark> {
  const file = join(benchDir, `${name}.bench.ts`);
  if (!namePattern.test(name) || !existsSync(file)) {
    throw new Error(`Unknown benchmark "${name}". Available: ${benchmarkNames().join(', ') || '(none)'}`);
  }
  // a template esbuild follows, so the compiled bench server (scripts/build.mjs) carries every benchmark
  const mod = (await import(`./${name}.bench.ts`)) as { default?: Benchmark };
  const b = mod.default;
  if (!b || typeof b.title !== 'string' || !Array.isArray(b.paths) || b.paths.length === 0) {
    throw new Error(
      `bench/${name}.bench.ts must default-export defineBenchmark({ title, paths, connections, duration })`,
    );
  }
  return b;
}

/** A child prints exactly one line starting with this, followed by JSON, once it listens. */
export const READY_PREFIX = 'BENCH_READY ';
/** The runner writes this line to the app server's stdin to run the benchmark's `verify`… */
export const VERIFY_REQUEST = 'BENCH_VERIFY';
/** …which answers one line starting with this, followed by the JSON of `Verified`. */
export const VERIFIED_PREFIX = 'BENCH_VERIFIED ';

export interface ReadyMessage {
  port: number;
  /** paths and headers to load (after prepare); only the app server sends them */
  paths?: string[];
  headers?: Record<string, string>;
  sessions?: SessionPlan[];
  /** VmHWM in kB at the moment the server was ready (start-up, migrations, prepare) */
  startupPeakKb?: number | null;
  /** whether VmHWM was reset after start-up, so the final reading covers serving only */
  peakReset?: boolean;
}

export function signalReady(message: ReadyMessage): void {
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(message)}\n`);
}

/** A field of /proc/<pid>/status in kB (Linux only; null elsewhere or when the process is gone). */
export function procStatusKb(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return m?.[1] ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used, in ms (Linux only; null elsewhere or when it is gone). */
export function procCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name, which is in parentheses and may contain spaces
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (USER_HZ, 100 on Linux)
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Resets this process's VmHWM to its current RSS (Linux ≥ 4.0: write "5" to clear_refs). */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Children exit when the runner goes away, even if it was killed hard: the runner holds the
 * other end of their stdin, and the pipe closes with it.
 */
export function exitWithParent(onExit: () => void | Promise<void> = () => {}): void {
  let exiting = false;
  const stop = () => {
    if (exiting) return;
    exiting = true;
    const hard = setTimeout(() => process.exit(0), 3000);
    hard.unref();
    Promise.resolve()
      .then(onExit)
      .catch(() => {})
      .finally(() => process.exit(0));
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
