// The module seams of ADR 0009, checked by running the project's own biome.json over a fixture tree
// in a temporary folder: an import past a module's api.ts (from another module, core, the
// manifests, the CLI or a benchmark) fails the lint, the allowed imports pass, and tests may look
// inside a module; and core imports nothing from src/*.ts (app.ts, the manifests, main, the CLI).
// Without this the override could silently stop matching and lint would stay green.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

const root = join(import.meta.dirname, '..');
const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');

const importing = (specifier: string) => `import { a } from '${specifier}';\n\nexport const b = a;\n`;

const forbidden: Record<string, string> = {
  'src/modules/funding/bad-store.ts': importing('../network/organisations.store'),
  'src/modules/funding/bad-manifest.ts': importing('../network'),
  'src/modules/funding/views/bad-schema.tsx': importing('../../network/schema'),
  'src/modules/network/bad.ts': importing('../funding/programmes.store'),
  'src/modules/evaluation/bad.ts': importing('../funding/schema'),
  'src/modules/funding/bad-councils.ts': importing('../councils/demo'),
  'src/core/auth/bad-api.ts': importing('../../modules/funding/api'),
  'src/core/bad-internal.ts': importing('../modules/network/organisations.store'),
  'src/manifests.ts': importing('./modules/funding'),
  'src/cli.ts': `export const load = () => import('./modules/network/schema');\n`,
  'bench/bad.bench.ts': importing('../src/modules/funding/programmes.store'),
};

// core reaching up into src/*.ts: the app that builds it, the manifest list, the entry points
const coreUpward: Record<string, string> = {
  'src/core/auth/bad-app.ts': importing('../../app'),
  'src/core/bad-app.ts': importing('../app'),
  'src/core/auth/views/bad-app.tsx': importing('../../../app'),
  'src/core/http/bad-manifests.ts': importing('../../manifests'),
  'src/core/bad-cli.ts': `export const load = () => import('../cli');\n`,
};

const allowed: Record<string, string> = {
  'src/modules/funding/ok-api.ts': importing('../network/api'),
  'src/modules/funding/ok-own.ts': importing('./programmes.store'),
  'src/modules/funding/views/ok-core.tsx': importing('../../../core/modules'),
  'src/modules/network/ok.ts': importing('../funding/api'),
  'src/modules/councils/ok.ts': importing('../network/api'),
  'src/core/auth/ok.ts': importing('../modules'),
  'src/core/auth/ok-cookies.ts': importing('../http/cookies'),
  'src/app.ts': importing('./modules/funding/api'),
  'bench/ok.bench.ts': importing('../src/modules/network/api'),
  'test/inside.test.ts': importing('../src/modules/funding/schema'),
};

let dir: string;
let flagged: Map<string, string>;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'module-seams-'));
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
  delete config.$schema;
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  for (const [path, text] of Object.entries({ ...forbidden, ...coreUpward, ...allowed })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(process.execPath, [biome, 'lint', '--reporter=json', '--max-diagnostics=none', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const report = JSON.parse(run.stdout) as {
    diagnostics: { category: string; message: string; location: { path: string } }[];
  };
  flagged = new Map(
    report.diagnostics
      .filter((d) => d.category === 'lint/style/noRestrictedImports')
      .map((d) => [d.location.path, d.message]),
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('an import past a module’s api.ts fails the lint, naming the seam', () => {
  for (const path of Object.keys(forbidden)) {
    assert.match(flagged.get(path) ?? `${path} was not flagged`, /ADR 0009/, path);
  }
});

test('core importing src/app.ts, the manifests or an entry point fails the lint', () => {
  for (const path of Object.keys(coreUpward)) {
    assert.match(flagged.get(path) ?? `${path} was not flagged`, /core imports nothing from src\/\*\.ts/, path);
  }
});

test('imports through api.ts, inside a module and from tests pass', () => {
  for (const path of Object.keys(allowed)) {
    assert.equal(flagged.get(path), undefined, path);
  }
});
