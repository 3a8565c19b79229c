// Editable texts: an administrator's version per language wins; otherwise the catalog default.

import { and, eq } from 'drizzle-orm';
import MarkdownIt from 'markdown-it';
import { type Actor, recordAudit } from '../audit/audit';
import type { Db } from '../db/client';
import type { Lang, Translate } from '../i18n/i18n';
import { accessibilityFeedback, contentPages } from './schema';

export const contentSlugs = ['imprint', 'privacy', 'accessibility', 'easy-language'] as const;
export type ContentSlug = (typeof contentSlugs)[number];

// raw HTML off: editors write Markdown, and nothing they type can inject markup or script
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
export const renderMarkdown = (text: string) => md.render(text);

export interface ContentText {
  title: string;
  body: string;
  edited: boolean;
}

export function defaultContent(t: Translate, slug: ContentSlug): ContentText {
  const key = slug === 'easy-language' ? 'easyLanguage' : slug;
  return { title: t(`common:content.${key}.title`), body: t(`common:content.${key}.body`), edited: false };
}

// Texts change a few times a year but are read on every visit of a legal page. Each process keeps
// them for 30 s; the process that saves an edit forgets its copy at once.
const cache = new WeakMap<Db, Map<string, { row: { title: string; body: string } | null; at: number }>>();
const TTL_MS = 30_000;

export async function getContent(db: Db, t: Translate, slug: ContentSlug, lang: Lang): Promise<ContentText> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const hit = perDb.get(`${slug}/${lang}`);
  const row = hit && Date.now() - hit.at < TTL_MS ? hit.row : await loadContent(db, slug, lang);
  if (!hit || hit.row !== row) perDb.set(`${slug}/${lang}`, { row, at: Date.now() });
  return row ? { ...row, edited: true } : defaultContent(t, slug);
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
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ title: contentPages.title, body: contentPages.body })
      .from(contentPages)
      .where(and(eq(contentPages.slug, slug), eq(contentPages.language, lang)));
    await tx
      .insert(contentPages)
      .values({ slug, language: lang, ...text, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: [contentPages.slug, contentPages.language],
        set: { ...text, updatedAt: new Date(), updatedBy: actor.id },
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
