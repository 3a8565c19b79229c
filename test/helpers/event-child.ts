// A separate app process for test/event-outbox.test.ts, which kills it with SIGKILL at a chosen moment:
//   node --import tsx test/helpers/event-child.ts <mode> <database url or PGlite data dir> <address>
// emit-then-die        a change and its event commit, then the process dies before any delivery
// die-in-subscriber    the subscriber has written its mail (uncommitted) when the process dies
// die-after-delivery   one delivery commits, then the process dies before doing anything else
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/core/db/client';
import { runDueJobs } from '../../src/core/jobs/jobs';
import { systemClock } from '../../src/core/time/clock';
import { testConfig, witnessChange, witnessModule } from './event-witness';

const [mode, where, address] = process.argv.slice(2) as [string, string, string];
const database = where.startsWith('postgres')
  ? await openDatabase({ databaseUrl: where, poolSize: 2 })
  : await openDatabase({ dataDir: where });
const die = () => process.kill(process.pid, 'SIGKILL');
const deps = {
  config: testConfig(),
  db: database.db,
  now: systemClock,
  modules: [
    witnessModule(async (tx) => {
      if (mode !== 'die-in-subscriber') return;
      // the mail row is written in the delivery's transaction; make sure it reached the database
      await tx.execute(sql`select 1`);
      die();
      await new Promise(() => {});
    }),
  ],
};

if (mode === 'emit-then-die') {
  await witnessChange(database.db, address, systemClock());
  die();
} else if (mode === 'die-in-subscriber') {
  await runDueJobs(deps, 1);
} else if (mode === 'die-after-delivery') {
  await runDueJobs(deps, 1);
  die();
}
await new Promise(() => {});
