// Officers' translations of a call's texts: reading them for the readers' pages and saving one
// language of one call, audited in the same transaction. Kept per process with the calls (the
// subject 'funding.calls' is bumped by a trigger on the table too, migration 0026).
import { and, eq, inArray } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { keptForSubject } from '../../../core/db/subjects';
import { calls, callTranslations } from '../schema';
import type { Call } from '../types';
import {
  fieldsToStore,
  isTranslationLocale,
  type Shown,
  type ShownCall,
  shownCall,
  type TranslationLocale,
  translationLocales,
  translationState,
} from './call-translation-rules';

export type CallTranslation = typeof callTranslations.$inferSelect;

const CALLS = 'funding.calls';

/** Every translation of a call, by language (the officer's overview and form). */
export async function translationsOfCall(db: Db, callId: string): Promise<Map<string, CallTranslation>> {
  const rows = await db.select().from(callTranslations).where(eq(callTranslations.callId, callId));
  return new Map(rows.map((r) => [r.locale, r]));
}

async function translationOf(db: Db, callId: string, lang: string): Promise<CallTranslation | undefined> {
  if (!isTranslationLocale(lang)) return undefined;
  return keptForSubject(db, CALLS, `translation:${callId}:${lang}`, async () => {
    const [row] = await db
      .select()
      .from(callTranslations)
      .where(and(eq(callTranslations.callId, callId), eq(callTranslations.locale, lang)));
    return row;
  });
}

/** The call's texts as a reader in `lang` sees them: translated where the officers did, else German. */
export async function shownCallFor(db: Db, call: Call, lang: string): Promise<ShownCall> {
  return shownCall(call, await translationOf(db, call.id, lang), lang);
}

/** The titles of several calls as a reader in `lang` sees them (lists), by call id. */
export async function shownTitlesFor(
  db: Db,
  list: readonly { id: string; title: string }[],
  lang: string,
): Promise<Map<string, Shown>> {
  const ids = [...new Set(list.map((c) => c.id))].sort();
  const rows =
    isTranslationLocale(lang) && ids.length
      ? await keptForSubject(db, CALLS, `translations:${lang}:${ids.join(',')}`, () =>
          db
            .select()
            .from(callTranslations)
            .where(and(inArray(callTranslations.callId, ids), eq(callTranslations.locale, lang))),
        )
      : [];
  const byCall = new Map(rows.map((r) => [r.callId, r]));
  return new Map(
    list.map((c) => [
      c.id,
      shownCall({ title: c.title, text: '', eligibility: [], requiredDocuments: [] }, byCall.get(c.id), lang).title,
    ]),
  );
}

/** Per call, the languages whose translation has a text older than today's German (the officer's call list). */
export async function outdatedTranslations(db: Db, list: readonly Call[]): Promise<Map<string, string[]>> {
  const ids = list.map((c) => c.id);
  if (!ids.length) return new Map();
  const rows = await db.select().from(callTranslations).where(inArray(callTranslations.callId, ids));
  const byId = new Map(list.map((c) => [c.id, c]));
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const call = byId.get(r.callId);
    if (!call || translationState(call, r.fields) !== 'outdated') continue;
    out.set(r.callId, [...(out.get(r.callId) ?? []), r.locale]);
  }
  const order: readonly string[] = translationLocales;
  for (const locales of out.values()) locales.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return out;
}

/**
 * Saves the translation of a call into one language: the non-empty fields, each with the hash of
 * the German it was made from (fieldsToStore). Read again with the call locked, so the hashes are
 * those of the German as it stands when the translation is written.
 */
export async function saveCallTranslation(
  db: Db,
  actor: Actor,
  callId: string,
  locale: TranslationLocale,
  submitted: Record<string, string>,
  confirmed: readonly string[],
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for('update');
    if (!call) throw new Error(`no call ${callId}`);
    const [before] = await tx
      .select()
      .from(callTranslations)
      .where(and(eq(callTranslations.callId, callId), eq(callTranslations.locale, locale)));
    const fields = fieldsToStore(call, submitted, before?.fields, confirmed);
    if (before)
      await tx
        .update(callTranslations)
        .set({ fields, updatedBy: actor.id ?? null, updatedAt: now })
        .where(eq(callTranslations.id, before.id));
    else
      await tx
        .insert(callTranslations)
        .values({ callId, locale, fields, updatedBy: actor.id ?? null, createdAt: now, updatedAt: now });
    await recordAudit(tx, actor, {
      action: 'call.translated',
      subjectKind: 'call',
      subjectId: callId,
      before: before ? { locale, fields: before.fields } : undefined,
      after: { locale, fields },
    });
  });
}
