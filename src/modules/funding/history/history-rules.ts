// A case history is what happened to an application or a grant, from several sources (audit log,
// outbox, issued documents, change requests, internal notes), put into one time order. Pure.

export type HistoryKind = 'audit' | 'mail' | 'document' | 'change' | 'note';

export interface HistoryEntry {
  at: Date;
  kind: HistoryKind;
  /** who did it: a person's name or e-mail; null for the system */
  who: string | null;
  /** a translation key with its params, or a text as it was written */
  key?: string;
  params?: Record<string, string>;
  /** params that are translation keys themselves (a change's kind and status) */
  keyParams?: Record<string, string>;
  text?: string;
  /** where the thing can be opened (a path without language) */
  path?: string;
}

/** The order in which entries of the same instant are told: the change first, its mail after it. */
const kindOrder: Record<HistoryKind, number> = { change: 0, audit: 1, document: 2, mail: 3, note: 4 };

/** All entries in time order, oldest first; entries of the same instant by kind, then as given. */
export function inTimeOrder(...lists: HistoryEntry[][]): HistoryEntry[] {
  return lists
    .flat()
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || kindOrder[a.e.kind] - kindOrder[b.e.kind] || a.i - b.i)
    .map(({ e }) => e);
}

/** Longest internal note, in characters. */
export const noteMaxLength = 4000;
