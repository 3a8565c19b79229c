// The thread of an application and of a grant: its carrier's staff and its programme's officers
// (and administrators) read and write there; everyone else gets 404, so ids cannot be probed. A
// page in every language, for both sides. Opening it marks what is in it as read for the reader.
// Writing is a multipart form (the text and up to three files), read only after the access check.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { type FieldErrors, isUuid, readForm, toErrors } from '../../../core/http/form';
import { actorOf, requireUser } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import { acceptsUploads, readUploads, refuseUpload } from '../../../core/http/uploads';
import type { AppDeps } from '../../../core/modules';
import { getApplicationContext } from '../applications/applications.store';
import { grantAccess } from '../grants/grant-access';
import type { ThreadKind } from '../schema';
import { messageForm } from './message-forms';
import {
  applicationHasThread,
  attachmentFields,
  attachmentIssues,
  MAX_ATTACHMENT_MB,
  servedType,
  threadPath,
} from './message-rules';
import { getAttachment, listMessages, markRead, readUpTo, writeMessage } from './messages.store';
import { ThreadPage } from './messages-views';

type Params = { id: string };

/** A thread someone may open, with which side they write for and what the page is about. */
interface OpenThread {
  kind: ThreadKind;
  id: string;
  title: string;
  back: string;
  side: 'carrier' | 'funder';
}

export function messageRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, now } = deps;
  // carrier pages (the officers use them too): in every language
  const guard = { preHandler: [requireUser] };
  const visibleGrant = grantAccess(app, db);

  async function applicationThread(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
  ): Promise<OpenThread | undefined> {
    const found = isUuid(req.params.id) ? await getApplicationContext(db, req.params.id) : undefined;
    if (!found || !app.can(req.user, 'application.view', found) || !applicationHasThread(found.application)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return {
      kind: 'application',
      id: found.application.id,
      title: found.application.content.title,
      back: `/applications/${found.application.id}`,
      side: app.can(req.user, 'application.edit', found) ? 'carrier' : 'funder',
    };
  }

  async function grantThread(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const g = await visibleGrant(req, reply);
    if (!g) return undefined;
    return {
      kind: 'grant',
      id: g.grant.id,
      title: g.grant.title,
      back: `/grants/${g.grant.id}`,
      side: g.asCarrier ? 'carrier' : 'funder',
    } satisfies OpenThread;
  }

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    th: OpenThread,
    form?: { values: Record<string, string | undefined>; errors: FieldErrors; status?: number },
  ) {
    const thread = { kind: th.kind, id: th.id };
    const userId = req.user?.id;
    const [messages, seen] = await Promise.all([listMessages(db, thread), userId ? readUpTo(db, userId, thread) : 0]);
    // only when there is something new: a page opened again writes nothing (and keeps the page cache)
    const last = messages.at(-1)?.seq ?? 0;
    if (userId && last > seen) await markRead(db, userId, thread);
    const sent = !form && (req.query as Record<string, unknown> | undefined)?.sent === '1';
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:messages.title'),
      (ctx) => (
        <ThreadPage
          ctx={ctx}
          kind={th.kind}
          id={th.id}
          title={th.title}
          back={th.back}
          messages={messages}
          readUpTo={seen}
          viewerId={userId}
          sent={sent}
          values={form?.values}
          errors={form?.errors}
        />
      ),
      form ? (form.status ?? 400) : 200,
    );
  }

  const MB = 1024 * 1024;
  const uploads = acceptsUploads({ maxFileBytes: MAX_ATTACHMENT_MB * MB, maxFiles: attachmentFields.length + 1 });

  async function write(req: FastifyRequest, reply: FastifyReply, th: OpenThread) {
    const upload = await readUploads(req, (field) =>
      attachmentFields.includes(field) ? MAX_ATTACHMENT_MB * MB : undefined,
    );
    if (!upload.ok) {
      if (upload.status === 413 && upload.field && attachmentFields.includes(upload.field))
        return show(req, reply, th, {
          values: {},
          errors: toErrors(attachmentIssues([], upload.field)),
          status: 413,
        });
      return refuseUpload(req, reply, upload);
    }
    const files = upload.files.map((f) => ({
      field: f.field,
      filename: f.filename.slice(0, 200),
      mimeType: servedType(f.filename),
      content: f.content,
    }));
    const form = readForm(messageForm, upload.fields, { check: () => attachmentIssues(files) });
    if (!form.ok) return show(req, reply, th, { values: form.values, errors: form.errors });
    const done = await writeMessage(
      db,
      actorOf(req),
      { kind: th.kind, id: th.id },
      { side: th.side, body: form.data.body, language: req.lang, attachments: files },
      now(),
    );
    if (!done.ok) return show(req, reply, th, { values: form.values, errors: toErrors(done.issues) });
    return seeOther(reply, `/${req.lang}${threadPath(th.kind, th.id)}?sent=1#m-${done.id}`);
  }

  async function attachment(
    req: FastifyRequest<{ Params: Params & { attachmentId: string } }>,
    reply: FastifyReply,
    th: OpenThread,
  ) {
    const file = isUuid(req.params.attachmentId)
      ? await getAttachment(db, { kind: th.kind, id: th.id }, req.params.attachmentId)
      : undefined;
    if (!file) return renderError(req, reply, 404);
    return reply
      .header('content-type', servedType(file.filename))
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  }

  for (const [prefix, open] of [
    ['/applications/:id/messages', applicationThread],
    ['/grants/:id/messages', grantThread],
  ] as const) {
    app.get<{ Params: Params }>(prefix, guard, async (req, reply) => {
      const th = await open(req, reply);
      if (!th) return reply;
      return show(req, reply, th);
    });
    app.post<{ Params: Params }>(prefix, { ...guard, ...uploads }, async (req, reply) => {
      const th = await open(req, reply);
      if (!th) return reply;
      return write(req, reply, th);
    });
    app.get<{ Params: Params & { attachmentId: string } }>(
      `${prefix}/attachments/:attachmentId`,
      guard,
      async (req, reply) => {
        const th = await open(req, reply);
        if (!th) return reply;
        return attachment(req, reply, th);
      },
    );
  }
}
