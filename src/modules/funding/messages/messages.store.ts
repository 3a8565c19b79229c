// Messages between a carrier and the funder, one thread per application and one per grant. A
// message is written in one transaction with its attachments (stored in core files with their
// sha-256), the author's own "read up to", its audit entry and the `message.written` event the
// mails follow from (messages-mails.ts). Who has read what is kept per person as the last message
// number seen, so a message is new until its reader opens the thread.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import { users } from '../../../core/auth/schema';
import type { Db } from '../../../core/db/client';
import { preparedRows } from '../../../core/db/prepared';
import { emit } from '../../../core/events/events';
import { readFile, storeFile } from '../../../core/files/files';
import type { FieldIssue } from '../../../core/http/form';
import { organisationNames } from '../../network/api';
import type { MessageWritten } from '../events';
import { applications, calls, grants, messageAttachments, messageReads, messages, type ThreadKind } from '../schema';
import { type AttachmentUpload, messageIssues } from './message-rules';

export interface Thread {
  kind: ThreadKind;
  id: string;
}

export interface MessageAttachment {
  id: string;
  filename: string;
  size: number;
  sha256: string;
}

export interface Message {
  id: string;
  seq: number;
  side: 'carrier' | 'funder';
  /** null once the author's account was erased */
  authorId: string | null;
  authorName: string | null;
  body: string;
  /** the language of the page it was written on */
  language: string;
  writtenAt: Date;
  attachments: MessageAttachment[];
}

const inThread = (t: Thread) => and(eq(messages.threadKind, t.kind), eq(messages.threadId, t.id));

/** A thread's messages, oldest first, with their authors' names and attachments. */
export async function listMessages(db: Db, thread: Thread): Promise<Message[]> {
  const rows = await db
    .select({
      id: messages.id,
      seq: messages.seq,
      side: messages.side,
      authorId: messages.authorId,
      authorName: users.name,
      body: messages.body,
      language: messages.language,
      writtenAt: messages.writtenAt,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(inThread(thread))
    .orderBy(asc(messages.seq));
  const ids = rows.map((r) => r.id);
  const files = ids.length
    ? await db
        .select({
          id: messageAttachments.id,
          messageId: messageAttachments.messageId,
          filename: messageAttachments.filename,
          size: messageAttachments.size,
          sha256: messageAttachments.sha256,
        })
        .from(messageAttachments)
        .where(inArray(messageAttachments.messageId, ids))
        .orderBy(asc(messageAttachments.filename))
    : [];
  return rows.map((r) => ({
    ...r,
    // an erased account keeps an id with no name: shown as a former member of its side
    authorName: r.authorId && r.authorName ? r.authorName : null,
    attachments: files.filter((f) => f.messageId === r.id).map(({ messageId: _m, ...f }) => f),
  }));
}

/** How many messages of the thread others wrote after what this person last saw. */
export async function unreadCount(db: Db, userId: string, thread: Thread): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .leftJoin(
      messageReads,
      and(
        eq(messageReads.threadKind, messages.threadKind),
        eq(messageReads.threadId, messages.threadId),
        eq(messageReads.userId, userId),
      ),
    )
    .where(
      and(
        inThread(thread),
        sql`${messages.seq} > coalesce(${messageReads.seq}, 0)`,
        sql`${messages.authorId} is distinct from ${userId}::uuid`,
      ),
    );
  return Number(row?.n ?? 0);
}

/** The person opened the thread: everything in it so far is read. */
export async function markRead(db: Db, userId: string, thread: Thread): Promise<void> {
  const [last] = await db
    .select({ seq: sql<number | null>`max(${messages.seq})` })
    .from(messages)
    .where(inThread(thread));
  if (last?.seq == null) return;
  await db
    .insert(messageReads)
    .values({ threadKind: thread.kind, threadId: thread.id, userId, seq: Number(last.seq) })
    .onConflictDoUpdate({
      target: [messageReads.threadKind, messageReads.threadId, messageReads.userId],
      set: { seq: sql`greatest(${messageReads.seq}, excluded.seq)` },
    });
}

export interface NewMessage {
  side: 'carrier' | 'funder';
  body: string;
  /** the language of the page it is written on */
  language: string;
  attachments: (AttachmentUpload & { mimeType: string })[];
}

/** Writes a message with its attachments; refused with the same keyed issues as the form. */
export async function writeMessage(
  db: Db,
  actor: Actor,
  thread: Thread,
  input: NewMessage,
  now: Date,
): Promise<{ ok: true; id: string } | { ok: false; issues: FieldIssue[] }> {
  const issues = messageIssues(input);
  if (issues.length) return { ok: false, issues };
  return db.transaction(async (tx) => {
    const [m] = await tx
      .insert(messages)
      .values({
        threadKind: thread.kind,
        threadId: thread.id,
        authorId: actor.id,
        side: input.side,
        body: input.body,
        language: input.language,
        writtenAt: now,
      })
      .returning({ id: messages.id, seq: messages.seq });
    if (!m) throw new Error('message insert returned nothing');
    for (const a of input.attachments) {
      const file = await storeFile(tx, {
        owner: 'funding',
        filename: a.filename,
        mimeType: a.mimeType,
        content: a.content,
        createdBy: actor.id,
      });
      await tx.insert(messageAttachments).values({
        messageId: m.id,
        filename: a.filename,
        mimeType: a.mimeType,
        size: file.size,
        sha256: file.sha256,
        fileId: file.id,
      });
    }
    // what one writes oneself is read
    if (actor.id)
      await tx
        .insert(messageReads)
        .values({ threadKind: thread.kind, threadId: thread.id, userId: actor.id, seq: Number(m.seq) })
        .onConflictDoUpdate({
          target: [messageReads.threadKind, messageReads.threadId, messageReads.userId],
          set: { seq: sql`greatest(${messageReads.seq}, excluded.seq)` },
        });
    // the text stays out of the audit log: it is in the thread, for those who may read it
    await recordAudit(tx, actor, {
      action: 'message.written',
      subjectKind: thread.kind,
      subjectId: thread.id,
      after: { messageId: m.id, side: input.side, attachments: input.attachments.length },
    });
    const event: MessageWritten = {
      name: 'message.written',
      payload: { threadKind: thread.kind, threadId: thread.id, messageId: m.id },
    };
    await emit(tx, event, now);
    return { ok: true as const, id: m.id };
  });
}

/** One attachment of a thread's message, with its bytes as stored. */
export async function getAttachment(db: Db, thread: Thread, attachmentId: string) {
  const [row] = await db
    .select({ filename: messageAttachments.filename, fileId: messageAttachments.fileId })
    .from(messageAttachments)
    .innerJoin(messages, eq(messages.id, messageAttachments.messageId))
    .where(and(inThread(thread), eq(messageAttachments.id, attachmentId)));
  const file = row ? await readFile(db, row.fileId) : undefined;
  return row && file ? { filename: row.filename, content: file.content } : undefined;
}

/** One message with its thread, for the mail about it. */
export async function getMessage(db: Db, id: string) {
  const [row] = await db
    .select({
      threadKind: messages.threadKind,
      threadId: messages.threadId,
      side: messages.side,
      authorId: messages.authorId,
      authorName: users.name,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(eq(messages.id, id));
  return row;
}

export interface UnreadThread {
  kind: ThreadKind;
  id: string;
  title: string;
  organisationName: string;
  unread: number;
  lastAt: Date;
}

/** The threads of these programmes (undefined: all) with messages this person has not read. */
export async function unreadThreads(
  db: Db,
  userId: string,
  programmeIds: string[] | undefined,
): Promise<UnreadThread[]> {
  if (programmeIds?.length === 0) return [];
  const scope = programmeIds ? sql`t.programme_id = any(${sql.placeholder('ids')}::uuid[])` : sql`true`;
  const rows = await preparedRows<{
    kind: ThreadKind;
    id: string;
    title: string | null;
    organisation_id: string;
    unread: number;
    last_at: Date | string;
  }>(
    db,
    programmeIds ? 'funding.unreadThreads.programmes' : 'funding.unreadThreads.all',
    () =>
      sql`with t as (
            select 'application' as kind, a.id, c.programme_id, a.organisation_id, a.content->>'title' as title
              from funding_applications a join funding_calls c on c.id = a.call_id
            union all
            select 'grant', g.id, g.programme_id, g.organisation_id, g.title from funding_grants g
          )
          select t.kind, t.id, t.title, t.organisation_id, count(*)::int as unread, max(m.written_at) as last_at
            from funding_messages m
            join t on t.kind = m.thread_kind and t.id = m.thread_id
            left join funding_message_reads r
              on r.thread_kind = m.thread_kind and r.thread_id = m.thread_id and r.user_id = ${sql.placeholder('user')}::uuid
           where m.seq > coalesce(r.seq, 0) and m.author_id is distinct from ${sql.placeholder('user')}::uuid and ${scope}
           group by t.kind, t.id, t.title, t.organisation_id
           order by last_at`,
    programmeIds ? { ids: programmeIds, user: userId } : { user: userId },
  );
  const names = await organisationNames(
    db,
    rows.map((r) => r.organisation_id),
  );
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    title: r.title ?? '',
    organisationName: names.get(r.organisation_id) ?? '',
    unread: Number(r.unread),
    lastAt: new Date(r.last_at),
  }));
}

/** Whose a thread is and what it is about: its carrier, its programme and the project's title. */
export async function threadContext(
  db: Db,
  thread: Thread,
): Promise<{ organisationId: string; programmeId: string; title: string } | undefined> {
  if (thread.kind === 'grant') {
    const [g] = await db
      .select({ organisationId: grants.organisationId, programmeId: grants.programmeId, title: grants.title })
      .from(grants)
      .where(eq(grants.id, thread.id));
    return g;
  }
  const [a] = await db
    .select({
      organisationId: applications.organisationId,
      programmeId: calls.programmeId,
      content: applications.content,
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(eq(applications.id, thread.id));
  return a && { organisationId: a.organisationId, programmeId: a.programmeId, title: a.content.title };
}

/** The last message number this person has seen in the thread (0: none). */
export async function readUpTo(db: Db, userId: string, thread: Thread): Promise<number> {
  const [row] = await db
    .select({ seq: messageReads.seq })
    .from(messageReads)
    .where(
      and(
        eq(messageReads.threadKind, thread.kind),
        eq(messageReads.threadId, thread.id),
        eq(messageReads.userId, userId),
      ),
    );
  return Number(row?.seq ?? 0);
}
