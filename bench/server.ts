// The app under load, in its own process so that its memory is measured alone.
// Started by bench/run.ts as `node --import tsx bench/server.ts <benchmark>` with either
// DATABASE_URL (a scratch PostgreSQL database) or DATA_DIR (a fresh temporary directory for PGlite).
// Prints one READY line with the port once it listens; exits when the runner closes its stdin.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/core/config/config';
import { openDatabase } from '../src/core/db/client';
import { migrate } from '../src/core/db/migrate';
import type { AppDeps } from '../src/core/modules';
import { manifests } from '../src/manifests';
import { exitWithParent, loadBenchmark, type Prepared, procStatusKb, resetPeakRss, signalReady } from './harness';

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

const deps: AppDeps = { config, db: database.db, modules: manifests };
const benchmark = await loadBenchmark(name);
const prepared: Prepared | undefined = (await benchmark.prepare?.(deps)) ?? undefined;

// No job worker here: background jobs would only add noise to the measurement.
const app = await buildApp(deps, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
close = async () => {
  await app.close();
  await database.close();
};

const startupPeakKb = procStatusKb('self', 'VmHWM');
const peakReset = resetPeakRss();
signalReady({
  port: (app.server.address() as AddressInfo).port,
  paths: prepared?.paths ?? benchmark.paths,
  headers: prepared?.headers ?? {},
  startupPeakKb,
  peakReset,
});
