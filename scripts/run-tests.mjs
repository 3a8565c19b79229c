#!/usr/bin/env node
// npm test | npm run test:pg | npm run test:e2e
// Prepares a migrated template database once, then runs node's test runner through tsx.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const mode = process.argv[2] ?? 'unit';
const root = resolve(import.meta.dirname, '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });

function find(dir, keep) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...find(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out;
}
const isTest = (p) => /\.test\.tsx?$/.test(p);
const e2eDir = join(root, 'test', 'e2e');

const run = (args, env = {}) =>
  spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } }).status ?? 1;

const tsx = ['--import', 'tsx'];
let files;
const env = {};
if (mode === 'e2e') {
  files = find(e2eDir, isTest);
} else {
  files = [...find(join(root, 'src'), isTest), ...find(join(root, 'test'), (p) => isTest(p) && !p.startsWith(e2eDir))];
  if (mode === 'pg') {
    const url =
      process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/app_test';
    if (run([...tsx, 'test/helpers/prepare.ts', 'pg', url]) !== 0) process.exit(1);
    env.TEST_DATABASE_URL = url;
  } else {
    const template = join(tmp, 'pglite-template.tar');
    if (run([...tsx, 'test/helpers/prepare.ts', 'pglite', template]) !== 0) process.exit(1);
    env.TEST_PGLITE_TEMPLATE = template;
    env.TEST_DATABASE_URL = '';
  }
}
if (files.length === 0) {
  console.error(`No test files found for "${mode}".`);
  process.exit(1);
}
const concurrency = mode === 'e2e' ? '1' : '2';
process.exit(
  run([...tsx, '--test', `--test-concurrency=${concurrency}`, ...files.sort()], { ...env, LOG_LEVEL: 'silent' }),
);
