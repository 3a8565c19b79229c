import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config';

const dir = () => mkdtempSync(join(tmpdir(), 'mp-config-'));

test('defaults start on port 3000 with a generated, stored session secret', () => {
  const dataDir = dir();
  const c = loadConfig({ DATA_DIR: dataDir });
  assert.equal(c.port, 3000);
  assert.equal(c.baseUrl, 'http://localhost:3000');
  assert.equal(c.secureCookies, false);
  assert.equal(c.sessionSecret, readFileSync(join(dataDir, 'session-secret'), 'utf8'));
  assert.equal(loadConfig({ DATA_DIR: dataDir }).sessionSecret, c.sessionSecret, 'secret is reused');
});

test('https BASE_URL makes cookies secure', () => {
  const c = loadConfig({ DATA_DIR: dir(), BASE_URL: 'https://beirat.example.org/' });
  assert.equal(c.secureCookies, true);
  assert.equal(c.baseUrl, 'https://beirat.example.org');
});

test('bad values are refused with a message naming each variable', () => {
  assert.throws(
    () => loadConfig({ DATA_DIR: dir(), PORT: 'abc', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short' }),
    (err: unknown) =>
      err instanceof ConfigError &&
      /PORT/.test(err.message) &&
      /DATABASE_URL: must start with postgres/.test(err.message) &&
      /SESSION_SECRET/.test(err.message),
  );
});

test('TRUST_PROXY: nobody by default; a hop count, true or a list of proxy addresses as Fastify takes them', () => {
  assert.equal(loadConfig({ DATA_DIR: dir() }).trustProxy, false);
  assert.equal(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: 'false' }).trustProxy, false);
  assert.equal(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: 'true' }).trustProxy, true);
  assert.equal(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: '1' }).trustProxy, 1);
  assert.deepEqual(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1,loopback' }).trustProxy, [
    '10.0.0.1',
    '192.168.0.0/16',
    '::1',
    'loopback',
  ]);
  for (const bad of ['yes', '10.0.0.300', '10.0.0.0/33', '10.0.0.1,', 'proxy.example.org'])
    assert.throws(
      () => loadConfig({ DATA_DIR: dir(), TRUST_PROXY: bad }),
      (err: unknown) =>
        err instanceof ConfigError && /TRUST_PROXY: must be false, true, a number of proxy hops/.test(err.message),
      bad,
    );
});

test('PAGE_CACHE: on by default, off to measure without it, anything else refused by name', () => {
  assert.equal(loadConfig({ DATA_DIR: dir() }).pageCache, true);
  assert.equal(loadConfig({ DATA_DIR: dir(), PAGE_CACHE: 'off' }).pageCache, false);
  assert.throws(() => loadConfig({ DATA_DIR: dir(), PAGE_CACHE: 'no' }), /PAGE_CACHE: must be on or off/);
});
