// The load driver for session benchmarks: many signed-in people, each a loop of page views with
// think time in between, and now and then a write through the page's real form (its CSRF token
// included). Runs in the runner's process (bench/run.ts), against the app and then against the
// bare baseline with the same settings.
//
// Every session has its own keep-alive connection (one browser tab clicking through the site), its
// own cookie jar (the session cookie from `prepare`, the CSRF cookie the first form page sets) and
// its own random sequence. A step is a page view, or, with probability `writeShare`, a write:
// GET the page with the form, think, POST the form with the fields the plan names plus every hidden
// field the form carries (`_csrf`), and GET where the answer's 303 points, at once, as a browser does.
// Latency is measured per request from the first byte sent to the last byte of the body.
import http from 'node:http';
import type { FormWrite, PagePool, SessionPlan } from './harness';

export interface ThinkTime {
  /** milliseconds, uniformly random in [min, max] */
  min: number;
  max: number;
}

export interface LabelFigures {
  label: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface SessionFigures {
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** answers outside 2xx/3xx */
  non2xx: number;
  /** connection errors, timeouts, forms missing from their page */
  failures: number;
  /** POSTs among the requests */
  writes: number;
  bytes: number;
  byLabel: LabelFigures[];
  /** the first few problems, for the console */
  problems: string[];
}

interface Sample {
  label: string;
  ms: number;
  ok: boolean;
  bytes: number;
  post: boolean;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

// ---- a small deterministic random source per session (mulberry32), so runs are comparable -----

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

function pickWeighted<T extends { weight: number }>(items: T[], r: number): T | undefined {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let at = r * total;
  for (const item of items) {
    at -= item.weight;
    if (at < 0) return item;
  }
  return items.at(-1);
}

// ---- HTTP with a cookie jar ----------------------------------------------------------------------

interface Answer {
  status: number;
  location?: string;
  body: string;
  bytes: number;
}

class Browser {
  private jar = new Map<string, string>();
  private agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private port: number,
    cookie: string | undefined,
  ) {
    for (const part of (cookie ?? '').split(';')) {
      const at = part.indexOf('=');
      if (at > 0) this.jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
    }
  }

  private cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(setCookie: string[] | undefined) {
    for (const line of setCookie ?? []) {
      const [pair = '', ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (gone) this.jar.delete(name);
      else this.jar.set(name, pair.slice(at + 1).trim());
    }
  }

  request(method: 'GET' | 'POST', path: string, body?: string, keepBody = false): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { cookie: this.cookieHeader(), 'accept-language': 'de' };
      if (body !== undefined) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = http.request(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent, timeout: 30_000 },
        (res) => {
          this.keep(res.headers['set-cookie']);
          const chunks: Buffer[] = [];
          let bytes = 0;
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            if (keepBody) chunks.push(c);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location,
              body: keepBody ? Buffer.concat(chunks).toString('utf8') : '',
              bytes,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
      req.on('error', reject);
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

// ---- forms ---------------------------------------------------------------------------------------

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return m?.[1] === undefined ? undefined : decode(m[1]);
}

/** The hidden fields of the page's form that posts to `action`, or undefined when there is none. */
export function hiddenFieldsOf(html: string, action: string): Record<string, string> | undefined {
  const forms = html.split(/<form\b/i).slice(1);
  for (const f of forms) {
    const open = f.slice(0, f.indexOf('>'));
    if (attribute(`<form${open}`, 'action') !== action) continue;
    const inner = f.slice(0, Math.max(0, f.search(/<\/form>/i)));
    const fields: Record<string, string> = {};
    for (const m of inner.matchAll(/<input\b[^>]*>/gi)) {
      const tag = m[0];
      if (attribute(tag, 'type')?.toLowerCase() !== 'hidden') continue;
      const name = attribute(tag, 'name');
      if (name) fields[name] = attribute(tag, 'value') ?? '';
    }
    return fields;
  }
  return undefined;
}

/** Berlin calendar date, `days` from now. */
function berlinDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** Counts every `{unique}` filled in this process, so no two writes of a run share one. */
let uniqueCounter = 0;
const runTag = Date.now().toString(36);

/**
 * `{date+N}` becomes the Berlin date N days ahead; `{seq}` a number that counts up per session;
 * `{unique}` a value of this run no other write gets (the same within one write's fields).
 */
function fill(value: string, seq: number, unique: string): string {
  return value
    .replace(/\{date([+-]\d+)?\}/g, (_m, d: string | undefined) => berlinDay(Number(d ?? 0)))
    .replace(/\{seq\}/g, String(seq))
    .replace(/\{unique\}/g, unique);
}

// ---- the run ---------------------------------------------------------------------------------------

export interface SessionRunOptions {
  port: number;
  sessions: SessionPlan[];
  think: ThinkTime;
  /** probability that a step is a write (when the session has writes left) */
  writeShare: number;
  /** seconds: not measured, then measured */
  warmup: number;
  duration: number;
  /** ends the phase early (SIGINT); optional */
  signal?: AbortSignal;
  seed?: number;
}

/**
 * Runs every session until warm-up and measurement are over; answers the figures of the requests
 * that completed inside the measured window.
 */
export async function runSessions(opts: SessionRunOptions): Promise<SessionFigures> {
  const t0 = performance.now();
  const measureFrom = t0 + opts.warmup * 1000;
  const end = measureFrom + opts.duration * 1000;
  const samples: Sample[] = [];
  const problems: string[] = [];
  const problem = (s: string) => {
    if (problems.length < 10) problems.push(s);
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const left = end - performance.now();
      setTimeout(resolve, Math.max(0, Math.min(ms, left)));
    });
  const stopped = () => performance.now() >= end || opts.signal?.aborted === true;

  async function session(plan: SessionPlan, index: number) {
    const random = rng((opts.seed ?? 1) * 7919 + index * 104_729 + 1);
    const browser = new Browser(opts.port, plan.cookie);
    // targets used `once` are taken from the plan itself, so a later phase does not use them again
    const writes = plan.writes.map((w) => ({ ...w, left: w.once ? w.targets : [...w.targets] }));
    let seq = 0;
    const think = () => sleep(opts.think.min + random() * (opts.think.max - opts.think.min));
    const pickPath = (pool: PagePool) => pool.paths[Math.floor(random() * pool.paths.length)] ?? pool.paths[0]!;

    async function timed(label: string, method: 'GET' | 'POST', path: string, body?: string, keepBody = false) {
      const start = performance.now();
      try {
        const answer = await browser.request(method, path, body, keepBody);
        const done = performance.now();
        const ok = answer.status >= 200 && answer.status < 400;
        if (!ok) problem(`${method} ${path} (${label}) answered ${answer.status}`);
        if (done >= measureFrom && done <= end)
          samples.push({ label, ms: done - start, ok, bytes: answer.bytes, post: method === 'POST' });
        return ok ? answer : undefined;
      } catch (err) {
        const done = performance.now();
        problem(`${method} ${path} (${label}): ${err instanceof Error ? err.message : String(err)}`);
        if (done >= measureFrom && done <= end)
          samples.push({ label, ms: done - start, ok: false, bytes: 0, post: method === 'POST' });
        return undefined;
      }
    }

    async function write(w: FormWrite & { left: FormWrite['targets'] }) {
      const i = w.once ? 0 : Math.floor(random() * w.left.length);
      const target = w.once ? w.left.shift() : w.left[i];
      if (!target) return;
      const page = await timed(w.pageLabel, 'GET', target.page, undefined, true);
      if (!page || stopped()) return;
      const hidden = hiddenFieldsOf(page.body, target.action);
      if (!hidden) {
        problem(`${target.page}: no form posting to ${target.action}`);
        if (performance.now() >= measureFrom) samples.push({ label: w.label, ms: 0, ok: false, bytes: 0, post: true });
        return;
      }
      await think();
      if (stopped()) return;
      seq++;
      const fields = { ...hidden };
      const unique = `${runTag}-${++uniqueCounter}`;
      for (const [k, v] of Object.entries({ ...w.fields, ...target.fields })) fields[k] = fill(v, seq, unique);
      const answer = await timed(w.label, 'POST', target.action, new URLSearchParams(fields).toString());
      if (answer && answer.status !== 303)
        problem(`POST ${target.action} (${w.label}) answered ${answer.status}, not 303`);
      if (answer?.location && !stopped()) await timed(w.afterLabel, 'GET', answer.location);
    }

    try {
      // people arrive spread over the first think time, not all in the same millisecond
      await sleep(random() * opts.think.max);
      while (!stopped()) {
        const open = writes.filter((w) => w.left.length > 0);
        if (open.length && random() < opts.writeShare) {
          const w = pickWeighted(open, random());
          if (w) await write(w);
        } else {
          const pool = pickWeighted(plan.pages, random());
          if (pool) await timed(pool.label, 'GET', pickPath(pool));
        }
        if (!stopped()) await think();
      }
    } finally {
      browser.close();
    }
  }

  await Promise.all(opts.sessions.map((s, i) => session(s, i)));

  const seconds = opts.duration;
  const all = Float64Array.from(samples.filter((s) => s.ok).map((s) => s.ms)).sort();
  const labels = new Map<string, Sample[]>();
  for (const s of samples) {
    const list = labels.get(s.label);
    if (list) list.push(s);
    else labels.set(s.label, [s]);
  }
  const byLabel = [...labels]
    .map(([label, list]) => {
      const sorted = Float64Array.from(list.filter((s) => s.ok).map((s) => s.ms)).sort();
      return {
        label,
        requests: list.length,
        errors: list.filter((s) => !s.ok).length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
      };
    })
    .sort((a, b) => b.requests - a.requests);
  return {
    seconds,
    requests: samples.length,
    rps: samples.length / seconds,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    non2xx: samples.filter((s) => !s.ok && s.bytes > 0).length,
    failures: samples.filter((s) => !s.ok && s.bytes === 0).length,
    writes: samples.filter((s) => s.post).length,
    bytes: samples.reduce((n, s) => n + s.bytes, 0),
    byLabel,
    problems,
  };
}

/** Fetches every page of the plans once (the first session of each role) and insists on 2xx. */
export async function probeSessions(port: number, sessions: SessionPlan[]): Promise<number> {
  const seen = new Set<string>();
  let total = 0;
  let n = 0;
  for (const plan of sessions) {
    if (seen.has(plan.role)) continue;
    seen.add(plan.role);
    const browser = new Browser(port, plan.cookie);
    try {
      for (const pool of plan.pages) {
        const path = pool.paths[0]!;
        const answer = await browser.request('GET', path);
        if (answer.status < 200 || answer.status >= 300)
          throw new Error(`GET ${path} (${plan.role}: ${pool.label}) answered ${answer.status}; pages must answer 2xx`);
        total += answer.bytes;
        n++;
      }
      for (const w of plan.writes) {
        const target = w.targets[0];
        if (!target) continue;
        const page = await browser.request('GET', target.page, undefined, true);
        if (!hiddenFieldsOf(page.body, target.action))
          throw new Error(`GET ${target.page} (${plan.role}: ${w.label}) has no form posting to ${target.action}`);
      }
    } finally {
      browser.close();
    }
  }
  return n ? Math.round(total / n) : 0;
}
