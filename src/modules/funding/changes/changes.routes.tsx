// Changes to a running grant: the carrier asks (or, within the 20 % rule, records a shift), the
// officer approves with an amended decision; notifications of events the carrier must report.
// Forms are read by readForm with the rules of change-rules.ts; the mails are subscribers
// (change-mails.ts) of the events the store writes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { isUuid, readForm, toErrors } from '../../../core/http/form';
import { actorOf, requirePermission, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import type { AppDeps } from '../../../core/modules';
import { today } from '../../../core/time/clock';
import type { FieldErrors } from '../../../core/ui/context';
import { getApplicationContext } from '../applications/applications.store';
import { partnerValues } from '../applications/applications-views';
import { grantAccess, type VisibleGrant } from '../grants/grant-access';
import { projectEnded } from '../grants/grant-period';
import { unreadThreads } from '../messages/messages.store';
import { officerProgrammeIds } from '../permissions';
import { acknowledgeForm, changeDecisionForm, notificationForm, readChangeRequest } from './change-forms';
import {
  changeDecisionIssues,
  changeRequestIssues,
  notificationIssues,
  projectEndedChangeIssues,
} from './change-rules';
import {
  acknowledgeNotification,
  amendedDecision,
  type ChangeRequest,
  decideChange,
  getChangeRequest,
  listChangeRequests,
  listNotifications,
  listPlanVersions,
  officerInbox,
  reportNotification,
  requestChange,
} from './changes.store';
import {
  type ChangeKind,
  ChangePage,
  ChangesPage,
  changeKinds,
  InboxPage,
  NewChangePage,
  NewNotificationPage,
} from './changes-views';

type Params = { id: string };
type Values = Record<string, string | undefined>;
type Failed = { values: Record<string, string>; errors: FieldErrors };

export function changeRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  // carrier pages (the officers see them too): in every language
  const guard = { preHandler: [requireUser] };
  const visibleGrant = grantAccess(app, db);

  // ---- overview ----
  async function showChanges(
    req: FastifyRequest,
    reply: FastifyReply,
    g: VisibleGrant,
    failed?: Failed & { notificationId: string },
  ) {
    const [changes, versions, notifications] = await Promise.all([
      listChangeRequests(db, g.grant.id),
      listPlanVersions(db, g.grant.id),
      listNotifications(db, g.grant.id),
    ]);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:change.title'),
      (ctx) => (
        <ChangesPage
          ctx={ctx}
          grant={g.grant}
          changes={changes}
          versions={versions}
          notifications={notifications}
          asCarrier={g.asCarrier}
          asOfficer={g.asOfficer}
          ended={projectEnded(g.grant, today(deps.now)) || g.grant.withdrawnOn !== null}
          failed={failed}
        />
      ),
      failed ? 400 : 200,
    );
  }

  app.get<{ Params: Params }>('/grants/:id/changes', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
    return showChanges(req, reply, g);
  });

  // ---- a new change request ----
  function showNew(
    req: FastifyRequest,
    reply: FastifyReply,
    g: VisibleGrant,
    kind: ChangeKind,
    values: Values,
    errors?: FieldErrors,
  ) {
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t(`funding:change.kinds.${kind}`),
      (ctx) => (
        <NewChangePage
          ctx={ctx}
          grant={g.grant}
          programme={g.programme}
          kind={kind}
          ended={projectEnded(g.grant, today(deps.now)) || g.grant.withdrawnOn !== null}
          values={values}
          errors={errors}
        />
      ),
      errors ? 400 : 200,
    );
  }

  const kindOf = (s: string): ChangeKind | undefined =>
    (changeKinds as readonly string[]).includes(s) ? (s as ChangeKind) : undefined;

  app.get<{ Params: Params & { kind: string } }>('/grants/:id/changes/new/:kind', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
    const kind = kindOf(req.params.kind);
    if (!kind) return renderError(req, reply, 404);
    if (!g.asCarrier) return renderError(req, reply, 403);
    const ctx = await viewContext(req, reply);
    const values: Values =
      kind === 'partners' ? partnerValues(g.grant.partners ?? (await currentPartners(g)), ctx.lang) : {};
    return showNew(req, reply, g, kind, values);
  });

  async function currentPartners(g: VisibleGrant) {
    const a = await getApplicationContext(db, g.grant.applicationId);
    return a?.application.content.partners ?? [];
  }

  app.post<{ Params: Params & { kind: string } }>('/grants/:id/changes/new/:kind', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
    const kind = kindOf(req.params.kind);
    if (!kind) return renderError(req, reply, 404);
    if (!g.asCarrier) return renderError(req, reply, 403);
    // after the project's end the form is not offered; a request sent anyway hears why, whatever it holds
    const ended = projectEndedChangeIssues(g.grant, kind, today(deps.now));
    if (ended.length) return showNew(req, reply, g, kind, {}, toErrors(ended));
    const form = readChangeRequest(kind, req.body, (r) =>
      changeRequestIssues(r.payload, { grant: g.grant, programme: g.programme, today: today(deps.now) }),
    );
    if (!form.ok) return showNew(req, reply, g, kind, form.values, form.errors);
    const { payload, reason } = form.data;
    const result = await requestChange(db, actorOf(req), g.grant.id, payload, reason, deps.now());
    if (!result.ok) return showNew(req, reply, g, kind, form.values, toErrors(result.issues));
    return seeOther(
      reply,
      `/${req.lang}/grants/${g.grant.id}/changes?notice=${result.status === 'applied' ? 'changeApplied' : 'changeRequested'}`,
    );
  });

  // ---- one change: details, decision, amended decision PDF ----
  async function visibleChange(req: FastifyRequest<{ Params: Params & { changeId: string } }>, reply: FastifyReply) {
    const g = await visibleGrant(req, reply);
    if (!g) return undefined;
    const change = isUuid(req.params.changeId)
      ? await getChangeRequest(db, g.grant.id, req.params.changeId)
      : undefined;
    if (!change) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return { g, change };
  }

  const showChange = (
    req: FastifyRequest,
    reply: FastifyReply,
    g: VisibleGrant,
    change: ChangeRequest,
    failed?: Failed,
  ) =>
    sendPage(
      req,
      reply,
      (ctx) => ctx.t(`funding:change.kinds.${change.kind}`),
      (ctx) => (
        <ChangePage
          ctx={ctx}
          grant={g.grant}
          change={change}
          asOfficer={g.asOfficer}
          values={failed?.values ?? {}}
          errors={failed?.errors}
        />
      ),
      failed ? 400 : 200,
    );

  app.get<{ Params: Params & { changeId: string } }>('/grants/:id/changes/:changeId', guard, async (req, reply) => {
    const found = await visibleChange(req, reply);
    if (!found) return reply;
    return showChange(req, reply, found.g, found.change);
  });

  app.post<{ Params: Params & { changeId: string } }>(
    '/grants/:id/changes/:changeId/decision',
    guard,
    async (req, reply) => {
      const found = await visibleChange(req, reply);
      if (!found) return reply;
      const { g, change } = found;
      if (!g.asOfficer) return renderError(req, reply, 403);
      const form = readForm(changeDecisionForm, req.body, { check: changeDecisionIssues });
      if (!form.ok) return showChange(req, reply, g, change, form);
      const { action, note } = form.data;
      const result = await decideChange(
        db,
        actorOf(req),
        g.grant.id,
        change.id,
        { approve: action === 'approve', note },
        deps.now(),
      );
      if (!result.ok) {
        if ('problem' in result) return renderError(req, reply, 409);
        return showChange(req, reply, g, change, { values: form.values, errors: toErrors(result.issues) });
      }
      return seeOther(reply, `/${req.lang}/grants/${g.grant.id}/changes/${change.id}?notice=saved`);
    },
  );

  // the amended decision as issued at the approval, byte for byte
  app.get<{ Params: Params & { changeId: string } }>(
    '/grants/:id/changes/:changeId/decision.pdf',
    guard,
    async (req, reply) => {
      const found = await visibleChange(req, reply);
      if (!found) return reply;
      const issued = await amendedDecision(db, found.g.grant.id, found.change.id);
      if (!issued) return renderError(req, reply, 404);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="aenderungsbescheid-${issued.version}.pdf"`)
        .send(issued.content);
    },
  );

  // ---- notification duties ----
  const showNotificationForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    g: VisibleGrant,
    values: Values,
    errors?: FieldErrors,
  ) =>
    sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:notification.new'),
      (ctx) => <NewNotificationPage ctx={ctx} grant={g.grant} values={values} errors={errors} />,
      errors ? 400 : 200,
    );

  app.get<{ Params: Params }>('/grants/:id/notifications/new', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
    if (!g.asCarrier) return renderError(req, reply, 403);
    return showNotificationForm(req, reply, g, {});
  });

  app.post<{ Params: Params }>('/grants/:id/notifications', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
    if (!g.asCarrier) return renderError(req, reply, 403);
    const form = readForm(notificationForm, req.body, {
      check: (d) => notificationIssues(d, { today: today(deps.now) }),
    });
    if (!form.ok) return showNotificationForm(req, reply, g, form.values, form.errors);
    await reportNotification(db, actorOf(req), g.grant.id, form.data, deps.now());
    return seeOther(reply, `/${req.lang}/grants/${g.grant.id}/changes?notice=notificationSent`);
  });

  app.post<{ Params: Params & { notificationId: string } }>(
    '/grants/:id/notifications/:notificationId/acknowledge',
    guard,
    async (req, reply) => {
      const g = await visibleGrant(req, reply);
      if (!g) return reply;
      if (!g.asOfficer) return renderError(req, reply, 403);
      const notificationId = req.params.notificationId;
      if (!isUuid(notificationId)) return renderError(req, reply, 404);
      const form = readForm(acknowledgeForm, req.body);
      if (!form.ok) return showChanges(req, reply, g, { notificationId, values: form.values, errors: form.errors });
      if (!(await acknowledgeNotification(db, actorOf(req), g.grant.id, notificationId, form.data.note, deps.now())))
        return renderError(req, reply, 404);
      return seeOther(reply, `/${req.lang}/grants/${g.grant.id}/changes?notice=saved`);
    },
  );

  // ---- the officer's inbox ----
  app.get(
    '/funding/inbox',
    { preHandler: [staffLanguage, requireUser, requirePermission('funding.officerArea')] },
    async (req, reply) => {
      const [items, threads] = await Promise.all([
        officerInbox(db, officerProgrammeIds(req.user)),
        req.user ? unreadThreads(db, req.user.id, officerProgrammeIds(req.user)) : [],
      ]);
      return sendPage(
        req,
        reply,
        (ctx) => ctx.t('funding:inbox.title'),
        (ctx) => <InboxPage ctx={ctx} items={items} threads={threads} />,
      );
    },
  );
}
