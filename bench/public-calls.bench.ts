// The public side of funding as an anonymous visitor sees it, with the demo instance loaded: the
// list of open calls and the page of one open call, in turn on every connection. Anonymous pages
// never come from the page cache (it keeps signed-in pages), so `--cache on|off` measures the same
// path; both are recorded all the same.
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/core/db/client';
import { loadDemo } from '../src/core/demo';
import { defineBenchmark } from './harness';

export default defineBenchmark({
  title: 'Public call list and an open call, anonymous, demo loaded',
  paths: ['/de/calls'],
  connections: 32,
  duration: 20,
  async prepare(deps) {
    await loadDemo(deps);
    const now = deps.now();
    const [open] = await queryRows<{ id: string }>(
      deps.db,
      sql`select id from funding_calls where published and opens_at <= ${now.toISOString()}::timestamptz
          and closes_at > ${now.toISOString()}::timestamptz order by closes_at limit 1`,
    );
    if (!open) throw new Error('the demo has no open call');
    return { paths: ['/de/calls', `/de/calls/${open.id}`] };
  },
});
