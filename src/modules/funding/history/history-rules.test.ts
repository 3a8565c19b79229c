import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type HistoryEntry, inTimeOrder } from './history-rules';

const at = (iso: string, kind: HistoryEntry['kind'], text: string): HistoryEntry => ({
  at: new Date(iso),
  kind,
  who: null,
  text,
});

test('entries from several sources come in time order, the change before its mail at the same instant', () => {
  const audit = [at('2027-01-02T10:00:00Z', 'audit', 'b'), at('2027-01-01T09:00:00Z', 'audit', 'a')];
  const mails = [at('2027-01-02T10:00:00Z', 'mail', 'c'), at('2026-12-31T23:00:00Z', 'mail', 'z')];
  const notes = [at('2027-01-03T00:00:00Z', 'note', 'd')];
  assert.deepEqual(
    inTimeOrder(mails, notes, audit).map((e) => e.text),
    ['z', 'a', 'b', 'c', 'd'],
  );
  assert.deepEqual(inTimeOrder(), []);
});
