// Changes to a running grant: the carrier asks (or, within the 20 % rule, records a shift), the
// officer approves with an amended decision; notifications of events the carrier must report.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listUsersWithRole } from '../../../core/auth/users';
import { seeOther, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { formValues, isUuid } from '../../../core/http/form';
import { actorOf, requirePermission, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import { type Lang, translator } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import type { AppDeps } from '../../../core/modules';
import { parseEuro } from '../../../core/money/money';
import { berlinDate, isCalendarDate } from '../../../core/time/calendar';
import type { FieldErrors, ViewContext } from '../../../core/ui/context';
import { getOrganisation } from '../../network/api';
import { parsePartners } from '../applications/application-forms';
import { getApplicationContext } from '../applications/applications.store';
import { partnerValues } from '../applications/applications-views';
import { expenseLines } from '../applications/financing-plan';
import { latestDecision } from '../decisions/decisions.store';
import { grantDecisionPdf } from '../decisions/grant-decision-pdf';
import { grantAccess, type VisibleGrant } from '../grants/grant-access';
import { officerProgrammeIds } from '../permissions';
import type { ChangePayload } from '../schema';
import type { ChangeProblem } from './change-rules';
import {
  acknowledgeNotification,
  type ChangeRequest,
  decideChange,
  getChangeRequest,
  listChangeRequests,
  listNotifications,
  listPlanVersions,
  type NotificationKind,
  notificationKinds,
  officerInbox,
  reportNotification,
  requestChange,
} from './changes.store';
import {
  type ChangeKind,
  ChangePage,
  ChangesPage,
  changeKinds,
  changeSummary,
  InboxPage,
  NewChangePage,
  NewNotificationPage,
} from './changes-views';

type Params = { id: string };
type Values = Record<string, string | undefined>;

/** Which form field a rule's refusal belongs to. */
const problemField: Record<ChangeProblem, string> = {
  sameLine: 'toLine',
  notPlanned: 'year',
  aboveLine: 'amount',
  notLater: 'endDate',
  beyondMaxDuration: 'endDate',
  migrantOrganisationRequired: 'partners',
  sharesAbove100: 'partners',
  noPartners: 'partners',
};

export function changeRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, config } = deps;
  const guard = { preHandler: [staffLanguage, requireUser] };
  const visibleGrant = grantAccess(app, db);

  const localized = (ctx: ViewContext, errors: FieldErrors) =>
    Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.includes(':') ? ctx.t(v) : v]));

  /** Mails everyone who should know, each in their own language (staff pages exist in de and en). */
  async function mailPeople(
    people: { email: string; name: string; language: string }[],
    template: string,
    vars: (t: ReturnType<typeof translator>, lang: Lang) => Record<string, string>,
    path: string,
  ) {
    for (const person of people) {
      const lang = person.language === 'en' ? 'en' : 'de';
      await sendMail(db, config, {
        to: person.email,
        template,
        language: person.language,
        vars: { name: person.name, ...vars(translator(lang), lang), link: `${config.baseUrl}/${lang}${path}` },
      });
    }
  }
  const officersOf = (g: VisibleGrant) => listUsersWithRole(db, 'programmeOfficer', 'programme', g.programme.id);
  const carrierStaffOf = (g: VisibleGrant) =>
    listUsersWithRole(db, 'carrierStaff', 'organisation', g.grant.organisationId);
  const summaryIn = (t: ReturnType<typeof translator>, lang: Lang, c: Pick<ChangeRequest, 'payload'>) =>
    changeSummary({ t, lang }, c);

  // ---- overview ----
  app.get<{ Params: Params }>('/grants/:id/changes', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
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
        />
      ),
    );
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
          kind={kind}
          values={values}
          errors={errors && localized(ctx, errors)}
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
    const v = formValues(req.body);
    const errors: FieldErrors = {};
    let payload: ChangePayload | undefined;
    if (kind === 'shift') {
      const year = Number(v.year);
      const amount = parseEuro(v.amount ?? '');
      if (!g.grant.plan.grant.some((x) => x.year === year)) errors.year = 'common:validation.choose';
      if (!(expenseLines as readonly string[]).includes(v.fromLine ?? '')) errors.fromLine = 'common:validation.choose';
      if (!(expenseLines as readonly string[]).includes(v.toLine ?? '')) errors.toLine = 'common:validation.choose';
      if (amount === undefined || amount <= 0) errors.amount = 'funding:validation.money';
      payload = { kind, year, fromLine: v.fromLine ?? '', toLine: v.toLine ?? '', amountCents: amount ?? 0 };
    } else if (kind === 'extension') {
      if (!isCalendarDate(v.endDate ?? '')) errors.endDate = 'common:validation.date';
      payload = { kind, endDate: v.endDate ?? '' };
    } else {
      const parsed = parsePartners(req.body);
      if (!parsed.ok) Object.assign(errors, parsed.errors);
      else payload = { kind, partners: parsed.change.partners ?? [] };
    }
    const reason = (v.reason ?? '').trim();
    if (!reason) errors.reason = 'common:validation.required';
    else if (reason.length > 3000) errors.reason = 'common:validation.tooLong';
    if (Object.keys(errors).length || !payload) return showNew(req, reply, g, kind, v, errors);
    const result = await requestChange(db, actorOf(req), g.grant.id, payload, reason);
    if (!result.ok)
      return showNew(req, reply, g, kind, v, {
        [problemField[result.problem]]: `funding:change.problems.${result.problem}`,
      });
    if (result.status === 'requested') {
      const change = { payload };
      await mailPeople(
        await officersOf(g),
        'changeRequested',
        (t, lang) => ({ project: g.grant.title, change: summaryIn(t, lang, change) }),
        `/grants/${g.grant.id}/changes/${result.id}`,
      );
    }
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
    values: Values = {},
    errors?: FieldErrors,
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
          values={values}
          errors={errors && localized(ctx, errors)}
        />
      ),
      errors ? 400 : 200,
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
      const v = formValues(req.body);
      const note = (v.note ?? '').trim();
      const approve = v.action === 'approve';
      if (!approve && !note) return showChange(req, reply, g, change, v, { note: 'funding:change.reasonForRejection' });
      if (note.length > 3000) return showChange(req, reply, g, change, v, { note: 'common:validation.tooLong' });
      const result = await decideChange(db, actorOf(req), g.grant.id, change.id, { approve, note });
      if (!result.ok) {
        if (result.problem === 'notOpen') return renderError(req, reply, 409);
        return showChange(req, reply, g, change, v, { note: `funding:change.problems.${result.problem}` });
      }
      await mailPeople(
        await carrierStaffOf(g),
        'changeDecided',
        (t, lang) => ({
          project: g.grant.title,
          change: summaryIn(t, lang, change),
          outcome: t(`funding:change.statuses.${approve ? 'approved' : 'rejected'}`),
        }),
        `/grants/${g.grant.id}/changes/${change.id}`,
      );
      return seeOther(reply, `/${req.lang}/grants/${g.grant.id}/changes/${change.id}?notice=saved`);
    },
  );

  app.get<{ Params: Params & { changeId: string } }>(
    '/grants/:id/changes/:changeId/decision.pdf',
    guard,
    async (req, reply) => {
      const found = await visibleChange(req, reply);
      if (!found) return reply;
      const { g, change } = found;
      if (change.status !== 'approved' || !change.planVersion || !change.decidedAt) return renderError(req, reply, 404);
      const [versions, decision, org] = await Promise.all([
        listPlanVersions(db, g.grant.id),
        latestDecision(db, g.grant.applicationId),
        getOrganisation(db, g.grant.organisationId),
      ]);
      const version = versions.find((x) => x.version === change.planVersion);
      if (!version || !decision) return renderError(req, reply, 404);
      const t = translator('de');
      const pdf = await grantDecisionPdf(t, {
        grant: g.grant,
        decision,
        programme: g.programme,
        organisationName: org?.name ?? '',
        amendment: {
          decidedAt: change.decidedAt,
          summary: summaryIn(t, 'de', change),
          note: change.decisionNote,
          version,
        },
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="aenderungsbescheid-${change.planVersion}.pdf"`)
        .send(pdf);
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
      (ctx) => (
        <NewNotificationPage ctx={ctx} grant={g.grant} values={values} errors={errors && localized(ctx, errors)} />
      ),
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
    const v = formValues(req.body);
    const errors: FieldErrors = {};
    if (!(notificationKinds as readonly string[]).includes(v.kind ?? '')) errors.kind = 'common:validation.choose';
    if (!isCalendarDate(v.occurredOn ?? '') || v.occurredOn! > berlinDate(new Date()))
      errors.occurredOn = 'funding:notification.occurredOnPast';
    const description = (v.description ?? '').trim();
    if (!description) errors.description = 'common:validation.required';
    else if (description.length > 5000) errors.description = 'common:validation.tooLong';
    if (Object.keys(errors).length) return showNotificationForm(req, reply, g, v, errors);
    const kind = v.kind as NotificationKind;
    const id = await reportNotification(db, actorOf(req), g.grant.id, {
      kind,
      occurredOn: v.occurredOn!,
      description,
    });
    await mailPeople(
      await officersOf(g),
      'notificationReported',
      (t) => ({ project: g.grant.title, kind: t(`funding:notification.kinds.${kind}`) }),
      `/grants/${g.grant.id}/changes#n-${id}`,
    );
    return seeOther(reply, `/${req.lang}/grants/${g.grant.id}/changes?notice=notificationSent`);
  });

  app.post<{ Params: Params & { notificationId: string } }>(
    '/grants/:id/notifications/:notificationId/acknowledge',
    guard,
    async (req, reply) => {
      const g = await visibleGrant(req, reply);
      if (!g) return reply;
      if (!g.asOfficer) return renderError(req, reply, 403);
      const note = (formValues(req.body).note ?? '').trim().slice(0, 1000);
      if (!isUuid(req.params.notificationId)) return renderError(req, reply, 404);
      if (!(await acknowledgeNotification(db, actorOf(req), g.grant.id, req.params.notificationId, note)))
        return renderError(req, reply, 404);
      return seeOther(reply, `/${req.lang}/grants/${g.grant.id}/changes?notice=saved`);
    },
  );

  // ---- the officer's inbox ----
  app.get(
    '/funding/inbox',
    { preHandler: [staffLanguage, requireUser, requirePermission('funding.officerArea')] },
    async (req, reply) => {
      const items = await officerInbox(db, officerProgrammeIds(req.user));
      return sendPage(
        req,
        reply,
        (ctx) => ctx.t('funding:inbox.title'),
        (ctx) => <InboxPage ctx={ctx} items={items} />,
      );
    },
  );
}
