// `npm start` runs the app compiled ahead of time (scripts/build.mjs, ADR 0013). The bundle has to
// find everything the sources find from their own place: migrations, locales, stylesheets.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { build, root, serveNodeArgs } from '../scripts/build.mjs';

async function get(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

test('the compiled app starts on a fresh data directory, serves pages with their styles in two languages, and stops on SIGTERM', async (t) => {
  const bundle = await build('src/main.ts', `dist/test-start-${process.pid}.mjs`);
  const dataDir = mkdtempSync(join(tmpdir(), 'mp-bundle-'));
  t.after(() => {
    rmSync(bundle, { force: true });
    rmSync(`${bundle}.map`, { force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });
  const port = 4400 + Math.floor(Math.random() * 500);
  const child = spawn(process.execPath, [...serveNodeArgs, bundle], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stderr.on('data', (c) => {
    err += c;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no setup link within 90 s: ${out}${err}`)), 90_000);
    child.stdout.on('data', (c) => {
      out += c;
      if (/\/de\/setup\?token=\S+/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before it was ready: ${err}`)));
  });

  assert.equal((await get(port, '/readyz')).status, 200, 'migrations ran, the database answers');
  const home = await get(port, '/de/');
  assert.equal(home.status, 200);
  assert.match(home.body, /<html lang="de"/);
  const styles = [...home.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1] ?? '');
  assert.ok(styles.length >= 2, `stylesheets linked: ${styles.join(', ')}`);
  for (const href of styles) {
    const css = await get(port, href);
    assert.equal(css.status, 200, href);
    assert.match(css.type, /text\/css/, href);
  }
  const english = await get(port, '/en/');
  assert.equal(english.status, 200);
  assert.match(english.body, /<html lang="en"/);
  assert.notEqual(english.body, home.body, 'the English page is not the German one');

  child.kill('SIGTERM');
  assert.equal(await exited, 0, 'clean exit');
  assert.equal(err, '', 'nothing on stderr');
});

test('the build refuses import.meta.dirname, which would name dist/ in the bundle', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-build-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, 'export const here: string = import.meta.dirname;\n');
  await assert.rejects(build(entry, `dist/test-refused-${process.pid}.mjs`), /import\.meta\.dirname/);
});

test('npm start builds, then runs the bundle with the serving flags this test starts it with', () => {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  assert.equal(scripts.start, `node scripts/build.mjs && node ${serveNodeArgs.join(' ')} dist/main.mjs`);
});
