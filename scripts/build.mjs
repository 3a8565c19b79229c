#!/usr/bin/env node
// `npm start` runs the app compiled ahead of time, on plain node (ADR 0013): tsx compiling at run
// time kept about 85 MB in the serving process on Node.js 20 (its loader thread, the source maps),
// about 55 MB on Node.js 22.
//
//   node scripts/build.mjs [entry] [outfile]      (default: src/main.ts → dist/main.mjs)
//
// Bundles the entry and every file of this repository it imports into one ES module with esbuild
// (tsx's own compiler); packages stay imports from node_modules. It takes well under a second and
// runs at every `npm start`, so the bundle is never older than the sources. Tests and the command
// line still run the TypeScript through tsx.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Node's flags for the serving process; package.json's `start` passes the same (a test compares).
 * - Without a limit Node.js sizes the JavaScript heap from the machine's memory (4 GB on one with
 *   24 GB) and lets garbage pile up to four times the live heap between full collections; below
 *   2 GB it allows less. With 1 GB the home page under load takes about 110 MB less, for about
 *   10 % more CPU per request spent collecting.
 * - PGlite's PostgreSQL is WebAssembly, which V8 compiles twice by default and keeps both: quickly
 *   (Liftoff) when a function is first called, and again optimised (TurboFan) once it is busy.
 *   `--no-liftoff` compiles each function once, optimised: 15 to 50 MB less, no change in speed
 *   beyond the noise, PGlite opens about a second later.
 * - `--max-semi-space-size=8` (MB; Node.js 20 starts from 1 to 2): a page is rendered into many
 *   short-lived strings, and with the small default young generation V8 collected it several times
 *   per hundred pages. The public call pages took 0.181 ms of CPU each without it and 0.165 ms with
 *   it (bench public-calls, 2026-12-03), for about 5 MB more serving memory; 16 MB saved no more.
 */
export const serveNodeArgs = ['--max-old-space-size=1024', '--max-semi-space-size=8', '--no-liftoff'];

/**
 * Source files find the files beside them (migrations, locales, stylesheets, packages) from
 * `import.meta.url`, which in a bundle would be the bundle's address: each keeps its own, relative
 * to the bundle, so the checkout may move. `import.meta.dirname` and `import.meta.filename` are
 * refused rather than silently pointing into dist/.
 */
function ownImportMetaUrl(outDir) {
  return {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?tsx?$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        const other = /import\.meta\.(dirname|filename)/.exec(source);
        if (other) {
          return { errors: [{ text: `import.meta.${other[1]} would name dist/ in the bundle; use import.meta.url` }] };
        }
        const own = `new URL(${JSON.stringify(relative(outDir, path).split(sep).join('/'))}, import.meta.url).href`;
        return {
          contents: source.replaceAll('import.meta.url', own),
          loader: path.endsWith('x') ? 'tsx' : 'ts',
        };
      });
    },
  };
}

/** Builds `entry` into `outfile` (both relative to the repository) and answers the bundle's absolute path. */
export async function build(entry = 'src/main.ts', outfile = 'dist/main.mjs') {
  const out = resolve(root, outfile);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // a map beside the bundle, read only with `node --enable-source-maps` (which costs about 14 MB)
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [ownImportMetaUrl(dirname(out))],
    write: false,
    logLevel: 'warning',
  });
  await mkdir(dirname(out), { recursive: true });
  // a process starting meanwhile reads the old bundle or the new one, never half of one
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    await build(process.argv[2], process.argv[3]);
  } catch (err) {
    // esbuild has printed the errors with their places already
    if (!(err instanceof Error && 'errors' in err)) console.error(err);
    process.exit(1);
  }
}
