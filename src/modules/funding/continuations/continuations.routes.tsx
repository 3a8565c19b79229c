// Continuation applications (Fortsetzungsanträge): the carrier files the next budget year's from the
// grant page (prefilled from the binding plan, saved as a draft or submitted), the programme's
// officers find the waiting ones in their list and decide each; both read the decision and the
// notice as issued. Forms are read by readForm with the rules of continuation-rules.ts; the store
// checks them again in its transaction.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { isUuid, readForm, toErrors } from '../../../core/http/form';
import { actorOf, requirePermission, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import type { AppDeps } from '../../../core/modules';
import { today } from '../../../core/time/clock';
import type { FieldErrors } from '../../../core/ui/context';
import { rulesOf } from '../applications/application-rules';
import { getApplicationContext } from '../applications/applications.store';
import { expenseLines } from '../applications/financing-plan';
import { euroInput } from '../format';
import { grantAccess, type VisibleGrant } from '../grants/grant-access';
import { officerProgrammeIds } from '../permissions';
import type { ContinuationContent } from '../schema';
import { contentOf, continuationDecisionForm, continuationForm } from './continuation-forms';
import {
  continuationDecision,
  continuationIssues,
  filingIssues,
  grantInYear,
  lineField,
  nextContinuationYear,
} from './continuation-rules';
import {
  type Continuation,
  continuationNotice,
  continuationOfYear,
  decideContinuation,
  getContinuation,
  prefilled,
  saveContinuation,
  spendingSoFar,
  waitingContinuations,
} from './continuations.store';
import { ContinuationFormPage, ContinuationPage, WaitingContinuationsPage } from './continuations-views';

type Params = { id: string };
type Values = Record<string, string | string[] | undefined>;

/** The milestones ticked in a sent form. */
function ticked(body: unknown): string[] {
  const v = (body as Record<string, unknown> | null)?.milestone;
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
}

/** The form's values for a content (a draft, or the plan's year): amounts typed the reader's way. */
function valuesOf(lang: string, year: number, c: ContinuationContent): Values {
  const sumOf = (list: { amountCents: number }[]) => list.reduce((s, x) => s + x.amountCents, 0);
  const cents = (n: number) => (n ? euroInput(lang, n) : '');
  return {
    year: String(year),
    ...Object.fromEntries(
      expenseLines.map((l) => [lineField(l), cents(sumOf(c.plan.expenses.filter((e) => e.line === l)))]),
    ),
    own: cents(sumOf(c.plan.ownFunds)),
    third: cents(sumOf(c.plan.thirdPartyFunds)),
    thirdSource: c.plan.thirdPartyFunds.map((x) => x.source).join(', '),
    grant: cents(sumOf(c.plan.grant)),
    progress: c.progress,
    milestone: c.milestonesReached,
    changesWished: c.changesWished,
  };
}

export function continuationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  // carrier pages (the officers see them too): in every language
  const guard = { preHandler: [requireUser] };
  const visibleGrant = grantAccess(app, db);

  // ---- the carrier's form for the next year ----
  async function showForm(
    req: FastifyRequest,
    reply: FastifyReply,
    g: VisibleGrant,
    year: number,
    values: Values | ((lang: string) => Values),
    errors?: FieldErrors,
    status = errors ? 400 : 200,
  ) {
    const [application, spending] = [
      await getApplicationContext(db, g.grant.applicationId),
      await spendingSoFar(db, g.grant),
    ];
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:continuation.formTitle', { year }),
      (ctx) => (
        <ContinuationFormPage
          ctx={ctx}
          grant={g.grant}
          year={year}
          intendedCents={grantInYear(g.grant.plan, year)}
          milestones={application?.application.content.milestones ?? []}
          spending={spending}
          values={typeof values === 'function' ? values(ctx.lang) : values}
          errors={errors}
        />
      ),
      status,
    );
  }

  /** The year the form is for, when the carrier may file it today; otherwise the refusal shown. */
  async function fileable(req: FastifyRequest, reply: FastifyReply, g: VisibleGrant) {
    if (!g.asCarrier) {
      await renderError(req, reply, 403);
      return undefined;
    }
    const year = nextContinuationYear(g.grant);
    if (year === undefined) {
      await renderError(req, reply, 404);
      return undefined;
    }
    const existing = await continuationOfYear(db, g.grant.id, year);
    return { year, existing };
  }

  app.get<{ Params: Params }>('/grants/:id/continuation', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
    const found = await fileable(req, reply, g);
    if (!found) return reply;
    const { year, existing } = found;
    if (existing && existing.status !== 'draft')
      return seeOther(reply, `/${req.lang}/grants/${g.grant.id}/continuations/${existing.id}`);
    const refused = filingIssues(year, { today: today(deps.now), grant: g.grant });
    const content = existing?.content ?? prefilled(g.grant.plan, year);
    // before the filing opens (or after it closed) the form says why, and its submission is refused
    return showForm(
      req,
      reply,
      g,
      year,
      (lang) => valuesOf(lang, year, content),
      refused.length ? toErrors(refused) : undefined,
      200,
    );
  });

  app.post<{ Params: Params }>('/grants/:id/continuation', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
    const found = await fileable(req, reply, g);
    if (!found) return reply;
    const { year } = found;
    const context = {
      year,
      intendedCents: grantInYear(g.grant.plan, year),
      binding: g.grant.plan,
      rules: rulesOf(g.programme),
      project: { start: g.grant.startDate, end: g.grant.endDate },
    };
    const form = readForm(continuationForm, req.body, {
      lists: ['milestone'],
      check: (d) => {
        // the form was for another year (decided meanwhile) or the filing is closed: say so
        const filing = filingIssues(d.year, { today: today(deps.now), grant: g.grant });
        if (filing.length) return filing;
        const content = contentOf(d);
        return continuationIssues(
          { plan: content.plan, progress: content.progress, submit: d.intent === 'submit' },
          { ...context, year: d.year },
        );
      },
    });
    // the ticked milestones come back as ticked (the form's values keep one value per field)
    const typed = (values: Record<string, string>): Values => ({ ...values, milestone: ticked(req.body) });
    if (!form.ok) return showForm(req, reply, g, year, typed(form.values), form.errors);
    const submit = form.data.intent === 'submit';
    const result = await saveContinuation(
      db,
      actorOf(req),
      g.grant.id,
      { year: form.data.year, content: contentOf(form.data), submit },
      deps.now(),
    );
    if (!result.ok) return showForm(req, reply, g, year, typed(form.values), toErrors(result.issues));
    return submit
      ? seeOther(reply, `/${req.lang}/grants/${g.grant.id}/continuations/${result.id}?notice=continuationSubmitted`)
      : seeOther(reply, `/${req.lang}/grants/${g.grant.id}/continuation?notice=draftKept`);
  });

  // ---- one continuation: details, decision, notice ----
  async function visibleContinuation(
    req: FastifyRequest<{ Params: Params & { continuationId: string } }>,
    reply: FastifyReply,
  ) {
    const g = await visibleGrant(req, reply);
    if (!g) return undefined;
    const c = isUuid(req.params.continuationId)
      ? await getContinuation(db, g.grant.id, req.params.continuationId)
      : undefined;
    // a draft is the carrier's own until submitted: its page is the form
    if (!c || (c.status === 'draft' && !g.asCarrier)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return { g, c };
  }

  const showContinuation = (
    req: FastifyRequest,
    reply: FastifyReply,
    g: VisibleGrant,
    c: Continuation,
    failed?: { values: Values; errors: FieldErrors },
  ) =>
    sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:continuation.pageTitle', { year: c.budgetYear }),
      (ctx) => (
        <ContinuationPage
          ctx={ctx}
          grant={g.grant}
          continuation={c}
          intendedCents={grantInYear(g.grant.plan, c.budgetYear)}
          asOfficer={g.asOfficer}
          values={failed?.values ?? {}}
          errors={failed?.errors}
        />
      ),
      failed ? 400 : 200,
    );

  app.get<{ Params: Params & { continuationId: string } }>(
    '/grants/:id/continuations/:continuationId',
    guard,
    async (req, reply) => {
      const found = await visibleContinuation(req, reply);
      if (!found) return reply;
      if (found.c.status === 'draft') return seeOther(reply, `/${req.lang}/grants/${found.g.grant.id}/continuation`);
      return showContinuation(req, reply, found.g, found.c);
    },
  );

  app.post<{ Params: Params & { continuationId: string } }>(
    '/grants/:id/continuations/:continuationId/decision',
    guard,
    async (req, reply) => {
      const found = await visibleContinuation(req, reply);
      if (!found) return reply;
      const { g, c } = found;
      if (!g.asOfficer) return renderError(req, reply, 403);
      if (c.status !== 'submitted' || !c.submitted) return renderError(req, reply, 409);
      const ctx = {
        year: c.budgetYear,
        requested: c.submitted.plan,
        binding: g.grant.plan,
        rules: rulesOf(g.programme),
        project: { start: g.grant.startDate, end: g.grant.endDate },
      };
      const form = readForm(continuationDecisionForm, req.body, {
        check: (d) => continuationDecision(d, ctx).issues,
      });
      if (!form.ok) return showContinuation(req, reply, g, c, form);
      const result = await decideContinuation(db, actorOf(req), g.grant.id, c.id, form.data, deps.now());
      if (!result.ok) {
        if ('problem' in result) return renderError(req, reply, 409);
        return showContinuation(req, reply, g, c, { values: form.values, errors: toErrors(result.issues) });
      }
      return seeOther(reply, `/${req.lang}/grants/${g.grant.id}/continuations/${c.id}?notice=saved`);
    },
  );

  // the notice as issued at the decision, byte for byte
  app.get<{ Params: Params & { continuationId: string } }>(
    '/grants/:id/continuations/:continuationId/notice.pdf',
    guard,
    async (req, reply) => {
      const found = await visibleContinuation(req, reply);
      if (!found) return reply;
      const issued = await continuationNotice(db, found.g.grant.id, found.c.id);
      if (!issued) return renderError(req, reply, 404);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="fortsetzungsbescheid-${issued.year}.pdf"`)
        .send(issued.content);
    },
  );

  // ---- the officers' list of continuations waiting for a decision ----
  app.get(
    '/funding/continuations',
    { preHandler: [staffLanguage, requireUser, requirePermission('funding.officerArea')] },
    async (req, reply) => {
      const rows = await waitingContinuations(db, officerProgrammeIds(req.user));
      return sendPage(
        req,
        reply,
        (ctx) => ctx.t('funding:continuation.waitingTitle'),
        (ctx) => <WaitingContinuationsPage ctx={ctx} rows={rows} />,
      );
    },
  );
}
