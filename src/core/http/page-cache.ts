// Rendered pages of signed-in people, kept while nothing in the database has changed (ADR 0005).
//
// A route opts in with `if (await answerFromPageCache(req, reply, db)) return reply;` before it
// reads anything. The cache key is the person's id, the language, the whole URL (with its query)
// and the database's state: PostgreSQL's current snapshot (`pg_current_snapshot()`: the oldest
// running transaction id, the next one to be assigned and the running ones in between). Any
// transaction that writes anything gets an id and changes it when it ends, so a page is served
// again only while no write has finished since it was rendered: on every connection, in every app
// process, for PostgreSQL and PGlite alike, with no list of tables that could go out of date.
//
// The snapshot is read *before* the page's own queries, so a page never carries a state older
// than its key. CSRF tokens differ per browser: a page is stored with a placeholder, and every
// answer (hit or miss) gets a token made for its own request.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { databaseGeneration } from '../db/generation';

export interface PageCacheOptions {
  /** upper bound for the stored HTML, in bytes (UTF-8, as sent) */
  maxBytes?: number;
  /** pages older than this are rendered again even if nothing changed (for anything time-dependent) */
  maxAgeMs?: number;
}

/** A page as sent, cut where its CSRF tokens go, so an answer needs no encoding or search. */
export interface StoredPage {
  parts: Buffer[];
  bytes: number;
}

interface Entry {
  page: StoredPage;
  at: number;
}

// A per-process random marker: page content cannot guess it, so only real token slots are replaced.
const CSRF_PLACEHOLDER = `csrf-slot-${randomBytes(16).toString('hex')}`;

/** One process's pages for one database; least recently used go first. */
export class PageCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  /** the newest database state seen; pages of older states can never be served again */
  private generation = '';
  readonly maxBytes: number;
  readonly maxAgeMs: number;
  hits = 0;
  misses = 0;

  constructor(opts: PageCacheOptions = {}) {
    this.maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;
    this.maxAgeMs = opts.maxAgeMs ?? 60_000;
  }

  /** Drops everything when the database moved on; entries of the old state are dead weight. */
  observe(generation: string) {
    if (generation === this.generation) return;
    this.generation = generation;
    this.entries.clear();
    this.bytes = 0;
  }

  get(key: string, now = Date.now()): StoredPage | undefined {
    const e = this.entries.get(key);
    if (!e || now - e.at > this.maxAgeMs) {
      if (e) this.delete(key, e);
      this.misses++;
      return undefined;
    }
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e.page;
  }

  set(key: string, generation: string, html: string, now = Date.now()) {
    // rendered against a state that is no longer the newest one seen: never served again
    if (generation !== this.generation) return;
    const parts = html.split(CSRF_PLACEHOLDER).map((x) => Buffer.from(x));
    const page = { parts, bytes: parts.reduce((n, b) => n + b.length, 0) };
    if (page.bytes > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.delete(key, old);
    this.entries.set(key, { page, at: now });
    this.bytes += page.bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(k, e);
    }
  }

  get size() {
    return this.entries.size;
  }

  private delete(key: string, e: Entry) {
    this.entries.delete(key);
    this.bytes -= e.page.bytes;
  }
}

const caches = new WeakMap<Db, PageCache>();

/** The process's page cache for a database (made on first use). */
export function pageCacheOf(db: Db): PageCache {
  let c = caches.get(db);
  if (!c) {
    c = new PageCache();
    caches.set(db, c);
  }
  return c;
}

export { databaseGeneration };

interface Pending {
  cache: PageCache;
  key: string;
  generation: string;
}
const pending = new WeakMap<FastifyRequest, Pending>();

/**
 * For a signed-in person's GET or HEAD: answers with the stored page if nothing in the database
 * changed since it was rendered for this person, language and URL (true: the reply is sent).
 * Otherwise (false) the route renders as usual, and `sendHtml` keeps a 200 page for next time.
 * `vary` adds anything else the page depends on, e.g. today's date for "overdue".
 */
export async function answerFromPageCache(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  opts: { vary?: string } = {},
): Promise<boolean> {
  if (!req.server.pageCacheEnabled || !req.user || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const cache = pageCacheOf(db);
  // read once per request, before anything else (the session hook may have done it already)
  const generation = req.dbGeneration ?? (await databaseGeneration(db));
  cache.observe(generation);
  const key = JSON.stringify([req.user.id, req.lang, req.url, opts.vary ?? '', generation]);
  const stored = cache.get(key);
  if (stored) {
    let body = stored.parts[0] ?? Buffer.alloc(0);
    if (stored.parts.length > 1) {
      // the same token in every form of the page, as a page rendered for this request would have
      const token = Buffer.from(reply.generateCsrf());
      const pieces: Buffer[] = [];
      for (const [i, part] of stored.parts.entries()) pieces.push(...(i ? [token, part] : [part]));
      body = Buffer.concat(pieces);
    }
    reply.status(200).header('content-type', 'text/html; charset=utf-8').send(body);
    return true;
  }
  pending.set(req, { cache, key, generation });
  return false;
}

/** Whether this request's page is being rendered for the cache (views then get a token placeholder). */
export function rendersForCache(req: FastifyRequest): boolean {
  return pending.has(req);
}

export const csrfPlaceholder = CSRF_PLACEHOLDER;

/**
 * Called by `sendHtml`: stores a 200 page of a request that `answerFromPageCache` let through, and
 * puts this request's own CSRF token where the page has a placeholder.
 */
export function keepRenderedPage(reply: FastifyReply, html: string, status: number): string {
  const p = pending.get(reply.request);
  if (!p) return html;
  pending.delete(reply.request);
  if (status === 200) p.cache.set(p.key, p.generation, html);
  return withCsrfTokens(reply, html);
}

function withCsrfTokens(reply: FastifyReply, html: string): string {
  if (!html.includes(CSRF_PLACEHOLDER)) return html;
  return html.replaceAll(CSRF_PLACEHOLDER, reply.generateCsrf());
}
