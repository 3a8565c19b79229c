// Running a grant: the carrier draws money and reports spending; officers decide on payments.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { formValues, pageParam } from '../../../core/http/form';
import { actorOf, requireUser, staffLanguage } from '../../../core/http/guards';
import type { AppDeps } from '../../../core/modules';
import { formatEuro, parseEuro } from '../../../core/money/money';
import { addDays, berlinDate, isCalendarDate } from '../../../core/time/calendar';
import type { FieldErrors } from '../../../core/ui/context';
import { renderPage } from '../../../core/ui/layout';
import { organisationIdsOf } from '../../network/api';
import { expenseLines } from '../applications/financing-plan';
import { berlinDate as formatDate } from '../format';
import { listReports } from '../reports/reports.store';
import { dashboardRows } from './dashboard.store';
import { grantAccess, type VisibleGrant } from './grant-access';
import { baseRateBp, decidePayment, listPayments, reportSpent, requestPayment } from './grants.store';
import { GrantPage, MyGrants } from './grants-views';
import { ledger, unspentFlags } from './ledger';

type Params = { id: string };

export function grantRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const guard = { preHandler: [staffLanguage, requireUser] };

  app.get('/grants', guard, async (req, reply) => {
    const page = pageParam(req.query);
    const dashboard = await dashboardRows(
      db,
      { organisationIds: organisationIdsOf(req.user) },
      berlinDate(new Date()),
      page,
    );
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(ctx, ctx.t('funding:grant.mine'), <MyGrants ctx={ctx} dashboard={dashboard} page={page} />),
    );
  });

  const visibleGrant = grantAccess(app, db);

  async function show(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    g: VisibleGrant,
    form?: { values: Record<string, string>; errors: FieldErrors },
  ) {
    const [payments, reports] = await Promise.all([listPayments(db, g.grant.id), listReports(db, g.grant.id)]);
    const { rows, grantByYear } = ledger(g.grant.plan, payments);
    const flags = unspentFlags(payments, berlinDate(new Date()), await baseRateBp(db));
    const ctx = await viewContext(req, reply);
    const errors = form
      ? Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [k, v.includes(':') ? ctx.t(v) : v]))
      : undefined;
    return sendHtml(
      reply,
      renderPage(
        ctx,
        g.grant.title,
        <GrantPage
          ctx={ctx}
          grant={g.grant}
          rows={rows}
          grantByYear={grantByYear}
          payments={payments}
          flags={flags}
          reports={reports}
          asCarrier={g.asCarrier}
          asOfficer={g.asOfficer}
          values={form?.values ?? {}}
          errors={errors}
        />,
      ),
      form ? 400 : 200,
    );
  }

  app.get<{ Params: Params }>('/grants/:id', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
    return show(req, reply, g);
  });

  app.post<{ Params: Params }>('/grants/:id/payments', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
    if (!g.asCarrier) return renderError(req, reply, 403);
    const v = formValues(req.body);
    const errors: FieldErrors = {};
    const year = Number(v.year);
    if (!g.grant.plan.grant.some((x) => x.year === year)) errors.year = 'common:validation.choose';
    if (!(expenseLines as readonly string[]).includes(v.line ?? '')) errors.line = 'common:validation.choose';
    const amount = parseEuro(v.amount ?? '');
    if (amount === undefined || amount <= 0) errors.amount = 'funding:validation.money';
    const today = berlinDate(new Date());
    if (!isCalendarDate(v.dueOn ?? '')) errors.dueOn = 'common:validation.date';
    else if (v.dueOn! < today || v.dueOn! > addDays(today, 42)) errors.dueOn = 'funding:payment.dueWithinSixWeeks';
    else if (v.dueOn! > g.grant.endDate) {
      const ctx = await viewContext(req, reply);
      errors.dueOn = ctx.t('funding:payment.afterProjectEnd', { date: formatDate(ctx.lang, g.grant.endDate) });
    }
    if (!v.purpose) errors.purpose = 'common:validation.required';
    else if (v.purpose.length > 300) errors.purpose = 'common:validation.tooLong';
    if (Object.keys(errors).length) return show(req, reply, g, { values: v, errors });
    const result = await requestPayment(db, actorOf(req), g.grant.id, {
      year,
      line: v.line!,
      requestedCents: amount!,
      dueOn: v.dueOn!,
      purpose: v.purpose!,
    });
    if (!result.ok) {
      const ctx = await viewContext(req, reply);
      return show(req, reply, g, {
        values: v,
        errors: {
          amount: ctx.t('funding:payment.aboveRemaining', { amount: formatEuro(result.remainingCents, ctx.lang) }),
        },
      });
    }
    return seeOther(reply, `/${req.lang}/grants/${g.grant.id}?notice=saved`);
  });

  app.post<{ Params: { id: string; paymentId: string } }>(
    '/grants/:id/payments/:paymentId/decision',
    guard,
    async (req, reply) => {
      const g = await visibleGrant(req, reply);
      if (!g) return reply;
      if (!g.asOfficer) return renderError(req, reply, 403);
      const payment = (await listPayments(db, g.grant.id)).find((x) => x.id === req.params.paymentId);
      if (!payment) return renderError(req, reply, 404);
      const v = formValues(req.body);
      const amount = parseEuro(v.amount ?? '');
      let decision: { status: 'approved' | 'reduced' | 'rejected'; approvedCents: number };
      if (v.action === 'reject') decision = { status: 'rejected', approvedCents: 0 };
      else if (amount === undefined || amount <= 0 || amount > payment.requestedCents)
        return show(req, reply, g, { values: v, errors: { [`amount-${payment.id}`]: 'funding:payment.approveRange' } });
      else
        decision =
          amount === payment.requestedCents
            ? { status: 'approved', approvedCents: amount }
            : { status: 'reduced', approvedCents: amount };
      if (!(await decidePayment(db, actorOf(req), payment.id, decision, berlinDate(new Date()))))
        return renderError(req, reply, 409);
      return seeOther(reply, `/${req.lang}/grants/${g.grant.id}?notice=saved`);
    },
  );

  app.post<{ Params: { id: string; paymentId: string } }>(
    '/grants/:id/payments/:paymentId/spent',
    guard,
    async (req, reply) => {
      const g = await visibleGrant(req, reply);
      if (!g) return reply;
      if (!g.asCarrier) return renderError(req, reply, 403);
      const payment = (await listPayments(db, g.grant.id)).find((x) => x.id === req.params.paymentId);
      if (!payment) return renderError(req, reply, 404);
      const v = formValues(req.body);
      const spent = parseEuro(v.spent ?? '');
      const errors: FieldErrors = {};
      if (spent === undefined || spent < 0 || spent > payment.approvedCents)
        errors[`spent-${payment.id}`] = 'funding:payment.spentRange';
      if (!isCalendarDate(v.spentOn ?? '')) errors[`spentOn-${payment.id}`] = 'common:validation.date';
      else if (v.spentOn! > berlinDate(new Date()) || v.spentOn! < g.grant.startDate || v.spentOn! > g.grant.endDate)
        errors[`spentOn-${payment.id}`] = 'funding:payment.spentOutsideProject';
      if (Object.keys(errors).length) return show(req, reply, g, { values: v, errors });
      if (!(await reportSpent(db, actorOf(req), payment.id, { spentCents: spent!, spentOn: v.spentOn! })))
        return renderError(req, reply, 409);
      return seeOther(reply, `/${req.lang}/grants/${g.grant.id}?notice=saved`);
    },
  );
}
