// Every route as it was registered, so the not-found handler can tell an unknown address (404)
// from a known one asked with a method it does not take (405 with Allow), and tests can walk
// every form the platform offers.
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
}

interface Compiled {
  pattern: RegExp;
  methods: Set<string>;
}

const compiled = new WeakMap<readonly RouteEntry[], { count: number; routes: Compiled[] }>();

/** Starts recording; call before any route or plugin is registered. */
export function recordRoutes(app: FastifyInstance): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) table.push({ method, url: route.url ?? route.path });
  });
  return table;
}

/** The addresses a route pattern answers, e.g. "/de/applications/:id/versions/:version.pdf". */
export function routePattern(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+(?:\([^)]*\))?|\*)/)
    .map((piece) =>
      piece === '*' ? '.*' : piece.startsWith(':') ? '[^/]+?' : piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source.replace(/\/$/, '')}/?$`);
}

/** The methods the routes matching this address take (none: the address is unknown). */
export function allowedMethods(table: readonly RouteEntry[], url: string): string[] {
  let c = compiled.get(table);
  if (!c || c.count !== table.length) {
    const byUrl = new Map<string, Compiled>();
    for (const r of table) {
      const entry = byUrl.get(r.url) ?? { pattern: routePattern(r.url), methods: new Set<string>() };
      entry.methods.add(r.method);
      byUrl.set(r.url, entry);
    }
    c = { count: table.length, routes: [...byUrl.values()] };
    compiled.set(table, c);
  }
  const path = url.split('?', 1)[0] ?? '';
  const methods = new Set<string>();
  for (const r of c.routes) if (r.pattern.test(path)) for (const m of r.methods) methods.add(m);
  return [...methods].sort();
}

/**
 * Whether a GET of this address reaches a page: a static route at exactly this address decides
 * (the router prefers it, so "/reviews/topics", POST only, is not the page "/reviews/:id"), else any
 * pattern with GET.
 */
export function opensWithGet(table: readonly RouteEntry[], url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  const exact = table.filter((r) => r.url === path && r.method === 'GET');
  if (exact.length > 0) return true;
  if (table.some((r) => r.url === path)) return table.some((r) => r.url === path && r.method === 'GET');
  return allowedMethods(table, path).includes('GET');
}
