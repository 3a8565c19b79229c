// `npm start`: config → database → migrations → app → listen. Stops gracefully on SIGTERM/SIGINT.
import './core/runtime/check-node';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './core/config/config';
import { openDatabase } from './core/db/client';
import { migrate } from './core/db/migrate';
import { setupLinkIfNeeded } from './core/db/setup-link';
import { startJobWorker } from './core/jobs/jobs';
import { systemClock } from './core/time/clock';
import { manifests } from './manifests';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database);
  const deps = { config, db: database.db, modules: manifests, now: systemClock };
  const app = await buildApp(deps, { logger: { level: config.logLevel } });
  const worker = startJobWorker(deps, 5000, (err) => app.log.error({ err }, 'job worker'));

  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  console.log(`Modellprojekte is running at ${config.baseUrl}/ (database: ${where})`);
  const link = await setupLinkIfNeeded(database.db, config);
  if (link) {
    console.log('\nNo administrator yet. Open this link once to create the first one:');
    console.log(`  ${link}\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: finishing running requests`);
    // close() stops accepting connections and waits for running requests to end
    await app.close();
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(`Could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
