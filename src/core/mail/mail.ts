// Mail is rendered from the `mail` catalog in the recipient's language and written to the outbox.
// With SMTP_URL a job delivers it through nodemailer; without, it stays for administrators to read.
import { desc, eq, inArray, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/config';
import type { Db } from '../db/client';
import { isLang, translator } from '../i18n/i18n';
import { enqueueJob } from '../jobs/jobs';
import { type MailAttachment, outbox } from './schema';

export interface MailRequest {
  to: string;
  /** a key with `subject` and `body`: "ns:path" in a module's catalog (e.g. "funding:mail.decisionMade"), or a key of core's `mail` catalog */
  template: string;
  language: string;
  vars?: Record<string, string | number>;
  /** the case the mail is about (kind and id as in the audit log), so a case's history finds it */
  about?: { kind: string; id: string };
  /** files sent with it (an invitation's calendar file), kept in the outbox as sent */
  attachments?: MailAttachment[];
}

export async function sendMail(db: Db, config: Config, req: MailRequest): Promise<string> {
  const lang = isLang(req.language) ? req.language : 'de';
  const t = translator(lang);
  const vars = { ...req.vars, siteName: t('common:site.name') };
  const key = req.template.includes(':') ? req.template : `mail:${req.template}`;
  const subject = t(`${key}.subject`, vars);
  const body = `${t(`${key}.body`, vars)}\n\n-- \n${t('mail:signature', vars)}`;
  const [row] = await db
    .insert(outbox)
    .values({
      to: req.to,
      subject,
      text: body,
      template: req.template,
      language: lang,
      status: config.smtpUrl ? 'queued' : 'held',
      aboutKind: req.about?.kind ?? null,
      aboutId: req.about?.id ?? null,
      attachments: req.attachments ?? [],
    })
    .returning({ id: outbox.id });
  if (!row) throw new Error('outbox insert returned nothing');
  if (config.smtpUrl) await enqueueJob(db, 'mail.deliver', { id: row.id });
  return row.id;
}

const transports = new Map<string, Transporter>();

export async function deliverMail(db: Db, config: Config, id: string, now: Date): Promise<void> {
  if (!config.smtpUrl) return;
  const [mail] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!mail || mail.status === 'sent') return;
  let transport = transports.get(config.smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(config.smtpUrl);
    transports.set(config.smtpUrl, transport);
  }
  try {
    // One Message-ID per outbox row: if the process dies after the server took the mail but before
    // it is marked sent, the retry carries the same ID, so mail systems can drop the repeat.
    await transport.sendMail({
      from: config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
      messageId: `<${mail.id}@${new URL(config.baseUrl).hostname}>`,
    });
    await db.update(outbox).set({ status: 'sent', sentAt: now, error: null }).where(eq(outbox.id, id));
  } catch (err) {
    await db
      .update(outbox)
      .set({ status: 'failed', error: String((err as Error).message ?? err) })
      .where(eq(outbox.id, id));
    throw err;
  }
}

export async function listOutbox(db: Db, page: number, pageSize: number) {
  const rows = await db
    .select()
    .from(outbox)
    .orderBy(desc(outbox.createdAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox);
  return { rows, total: total?.n ?? 0 };
}

export async function getOutboxMail(db: Db, id: string) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}

/**
 * Deletes every mail to any of these addresses (an erased person's current and earlier ones);
 * a delivery job still waiting finds nothing and ends.
 */
export async function deleteMailsTo(db: Db, addresses: string[]): Promise<number> {
  const lower = [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  if (lower.length === 0) return 0;
  const deleted = await db
    .delete(outbox)
    .where(inArray(sql`lower(${outbox.to})`, lower))
    .returning({ id: outbox.id });
  return deleted.length;
}
