// Editable texts: an administrator's version per language wins; otherwise the catalog default.

import { and, eq } from 'drizzle-orm';
import MarkdownIt from 'markdown-it';
import { type Actor, recordAudit } from '../audit/audit';
import type { Db } from '../db/client';
import { formatDate } from '../i18n/formats';
import { defaultLang, type Lang, type Translate, translator } from '../i18n/i18n';
import { accessibilityFeedback, contentPages } from './schema';

export const contentSlugs = ['imprint', 'privacy', 'accessibility', 'easy-language'] as const;
export type ContentSlug = (typeof contentSlugs)[number];

// raw HTML off: editors write Markdown, and nothing they type can inject markup or script
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
export const renderMarkdown = (text: string) => md.render(text);

/**
 * Texts only the operator can write (who runs the instance, who is responsible for the data).
 * Until an administrator saves them, their pages say so instead of showing invented details.
 */
export const operatorSlugs: readonly ContentSlug[] = ['imprint', 'privacy'];

/**
 * The day the accessibility statement's default text was last checked against the platform
 * (axe-core scans and the manual checks it names). Change it with each new review.
 */
export const accessibilityReviewedOn = '2026-12-02';

export interface ContentText {
  title: string;
  body: string;
  edited: boolean;
  /** the language the text is written in (a stand-in in another language keeps its own) */
  lang: Lang;
  /** an operator's text not written yet: the page shows what is missing, not made-up details */
  incomplete: boolean;
}

export function defaultContent(t: Translate, slug: ContentSlug, lang: Lang = defaultLang): ContentText {
  const key = slug === 'easy-language' ? 'easyLanguage' : slug;
  const params = slug === 'accessibility' ? { reviewedOn: formatDate(lang, accessibilityReviewedOn) } : undefined;
  const body = t(`common:content.${key}.body`, params);
  return {
    title: t(`common:content.${key}.title`),
    // what the platform itself stores is known; who is responsible for it only the operator can say
    body: slug === 'privacy' ? `${body}\n\n${t('common:content.privacy.controller')}` : body,
    edited: false,
    lang,
    incomplete: operatorSlugs.includes(slug),
  };
}

// Texts change a few times a year but are read on every visit of a legal page. Each process keeps
// them for 30 s; the process that saves an edit forgets its copy at once.
let cache = new WeakMap<Db, Map<string, { row: { title: string; body: string } | null; at: number }>>();
const TTL_MS = 30_000;

/** Forgets every kept text, e.g. after the demo data saved some in its own transaction. */
export function forgetContentCache() {
  cache = new WeakMap();
}

/** The text of one page in one language: the administrator's version, otherwise the default. */
export async function getContent(db: Db, t: Translate, slug: ContentSlug, lang: Lang): Promise<ContentText> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const hit = perDb.get(`${slug}/${lang}`);
  // the age of this process's copy, on the process's own clock: freshness of a cache, not the app's time
  const row = hit && Date.now() - hit.at < TTL_MS ? hit.row : await loadContent(db, slug, lang);
  if (!hit || hit.row !== row) perDb.set(`${slug}/${lang}`, { row, at: Date.now() });
  return row ? { ...row, edited: true, lang, incomplete: false } : defaultContent(t, slug, lang);
}

/**
 * Where an operator's text is not written in the reader's language yet, a version in another
 * language stands in (English, then German, as the catalogs fall back), rather than a notice that
 * details are missing although they exist.
 */
export function fallbackLanguages(lang: Lang): Lang[] {
  return [...new Set<Lang>([lang, ...(lang === 'de' ? (['en'] as const) : (['en', 'de'] as const))])];
}

/** The text a reader of `lang` is shown on a public page. */
export async function shownContent(db: Db, slug: ContentSlug, lang: Lang): Promise<ContentText> {
  // Leichte Sprache is a German form of language: every language shows the German text
  if (slug === 'easy-language') return getContent(db, translator('de'), slug, 'de');
  const own = await getContent(db, translator(lang), slug, lang);
  if (own.edited || !operatorSlugs.includes(slug)) return own;
  for (const other of fallbackLanguages(lang).slice(1)) {
    const stand = await getContent(db, translator(other), slug, other);
    if (stand.edited) return stand;
  }
  return own;
}

/** The language whose edited text a reader of `lang` sees, or undefined if none (still incomplete). */
export function shownLanguage(edited: Set<string>, slug: ContentSlug, lang: Lang): Lang | undefined {
  const chain = operatorSlugs.includes(slug) ? fallbackLanguages(lang) : [lang];
  return chain.find((l) => edited.has(`${slug}/${l}`));
}

async function loadContent(db: Db, slug: ContentSlug, lang: Lang) {
  const [row] = await db
    .select()
    .from(contentPages)
    .where(and(eq(contentPages.slug, slug), eq(contentPages.language, lang)));
  return row ? { title: row.title, body: row.body } : null;
}

export async function saveContent(
  db: Db,
  actor: Actor,
  slug: ContentSlug,
  lang: Lang,
  text: { title: string; body: string },
  now: Date,
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ title: contentPages.title, body: contentPages.body })
      .from(contentPages)
      .where(and(eq(contentPages.slug, slug), eq(contentPages.language, lang)));
    await tx
      .insert(contentPages)
      .values({ slug, language: lang, ...text, updatedAt: now, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: [contentPages.slug, contentPages.language],
        set: { ...text, updatedAt: now, updatedBy: actor.id },
      });
    await recordAudit(tx, actor, {
      action: 'content.updated',
      subjectKind: 'contentPage',
      subjectId: `${slug}/${lang}`,
      before,
      after: text,
    });
  });
  cache.get(db)?.delete(`${slug}/${lang}`);
}

export async function saveFeedback(
  db: Db,
  f: { message: string; contactEmail?: string; pageUrl: string; language: string },
) {
  await db.insert(accessibilityFeedback).values({ ...f, contactEmail: f.contactEmail || null });
}

/** "slug/lang" of every text an administrator has changed. */
export async function listEditedContent(db: Db): Promise<Set<string>> {
  const rows = await db.select({ slug: contentPages.slug, language: contentPages.language }).from(contentPages);
  return new Set(rows.map((r) => `${r.slug}/${r.language}`));
}
