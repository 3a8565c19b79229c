// `npm start` as an operator runs it: a fresh data directory, the setup link on stdout,
// and SIGTERM letting running requests finish before the process exits.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..');

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no match for ${pattern} in: ${out}`)), timeoutMs);
    child.stdout?.on('data', (c) => {
      out += c;
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
  });
}

test('the server prints a setup link, serves pages, and finishes running requests on SIGTERM', async () => {
  const port = 3900 + Math.floor(Math.random() * 500);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'mp-start-')),
      PORT: String(port),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const out = await waitForOutput(child, /\/de\/setup\?token=\S+/, 90_000);
    const link = out.match(/http:\/\/localhost:\d+(\/de\/setup\?token=\S+)/)?.[1];
    assert.ok(link, 'the setup link is printed');
    assert.equal((await get(port, link)).status, 200, 'the printed link opens the setup page');

    const inFlight = Array.from({ length: 20 }, () => get(port, '/de/'));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const results = await Promise.allSettled(inFlight);
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : 'refused'));
    // requests already accepted finish with 200; ones that arrive after closing are refused or get 503
    assert.ok(statuses.includes(200), `some requests finished: ${statuses.join(',')}`);
    assert.ok(
      statuses.every((s) => s === 200 || s === 503 || s === 'refused'),
      statuses.join(','),
    );
    assert.equal(await exited, 0, 'clean exit');
  } finally {
    child.kill('SIGKILL');
  }
});

test('a wrong configuration stops the start with a message naming the variable', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: 'eighty', DATA_DIR: mkdtempSync(join(tmpdir(), 'mp-bad-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c) => {
    err += c;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 2);
  assert.match(err, /PORT/);
  assert.doesNotMatch(err, /at .*\.ts:\d+/, 'no stack trace');
});
