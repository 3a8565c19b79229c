// `npm run cli -- <command>`: the core's commands (migrate, demo) and those of every manifest.
import './core/runtime/check-node';
import { ConfigError, loadConfig } from './core/config/config';
import { openDatabase } from './core/db/client';
import { migrate } from './core/db/migrate';
import { DemoAlreadyLoadedError, loadDemo } from './core/demo';
import { useModuleLocales } from './core/i18n/i18n';
import type { CliCommand } from './core/modules';
import { systemClock } from './core/time/clock';
import { manifests } from './manifests';

const coreCommands: CliCommand[] = [
  {
    name: 'migrate',
    summary: 'Apply database migrations (also done at every start)',
    usage: 'migrate',
    async run(_args, { print }) {
      print('Migrations are up to date.');
    },
  },
  {
    name: 'demo',
    summary: 'Load the demo instance (refused when already loaded)',
    usage: 'demo',
    async run(args, deps) {
      if (args.length) throw new Error(`demo takes no arguments, got: ${args.join(' ')}`);
      const accounts = await loadDemo(deps);
      deps.print('Demo data loaded. These accounts exist now (demo data only; never use them in production):\n');
      const width = Math.max(...accounts.map((a) => a.role.length));
      for (const a of accounts) deps.print(`  ${a.role.padEnd(width)}  ${a.email.padEnd(32)}  ${a.password}`);
    },
  },
];

const commands = [...coreCommands, ...manifests.flatMap((m) => m.commands ?? [])];

function help() {
  const lines = commands.map((c) => `  ${c.name.padEnd(16)} ${c.summary}`);
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEvery command accepts --help.`;
}

async function main(argv: string[]) {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    console.log(help());
    return argv.length === 0 ? 2 : 0;
  }
  // commands may have two words ("user create"): take the longest name that matches
  const cmd = commands
    .filter((c) => c.name.split(' ').every((w, i) => argv[i] === w))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!cmd) {
    console.error(`Unknown command: ${argv.join(' ')}\n\n${help()}`);
    return 2;
  }
  const args = argv.slice(cmd.name.split(' ').length);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`${cmd.summary}\n\nUsage: npm run cli -- ${cmd.usage}`);
    return 0;
  }
  const config = loadConfig();
  useModuleLocales(manifests);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    await cmd.run(args, {
      config,
      db: database.db,
      modules: manifests,
      now: systemClock,
      print: (l) => console.log(l),
    });
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof DemoAlreadyLoadedError || err instanceof ConfigError) console.error(err.message);
    else if (
      err instanceof Error &&
      err.name === 'TypeError' &&
      'code' in err &&
      String(err.code).startsWith('ERR_PARSE_ARGS')
    )
      console.error(`${err.message}\nRun the command with --help for its options.`);
    else console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
