// Every step the case history can list has words: each audit action funding records about an
// application or a grant is in the German catalog (a missing one shows as "decision.withdrawn").
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = 'src/modules/funding';
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });

test('every literal audit action of the case subjects has a label in the history catalog', () => {
  const catalog = JSON.parse(readFileSync('locales/de/funding.json', 'utf8'));
  const labels = catalog.history.action as Record<string, Record<string, string>>;
  const continuation = catalog.continuation.audit as Record<string, string>;
  const subjects = [
    'application',
    'decision',
    'review',
    'payment',
    'change',
    'notification',
    'report',
    'reclaim',
    'repayment',
    'interestNotice',
    'partnerConfirmation',
    'message',
  ];
  const missing: string[] = [];
  for (const file of sources(root))
    for (const m of readFileSync(file, 'utf8').matchAll(
      /action: (?:withinRule \? )?'([a-zA-Z]+)\.([a-zA-Z]+)'(?: : '([a-zA-Z]+)\.([a-zA-Z]+)')?/g,
    )) {
      const pairs = [
        [m[1], m[2]],
        [m[3], m[4]],
      ].filter((p): p is [string, string] => Boolean(p[0]));
      for (const [kind, step] of pairs) {
        if (kind === 'continuation') {
          if (!continuation[step]) missing.push(`${kind}.${step} (${file})`);
        } else if (subjects.includes(kind) && !labels[kind]?.[step]) missing.push(`${kind}.${step} (${file})`);
      }
    }
  assert.deepEqual(missing, []);
});
