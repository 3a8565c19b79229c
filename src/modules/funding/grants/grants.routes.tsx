// Running a grant: the carrier draws money and reports spending; officers decide on payments.
// Each form is read by readForm; what needs the grant or today is checked by payment-rules.ts.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { pageParam, readForm, toErrors } from '../../../core/http/form';
import { actorOf, requireUser } from '../../../core/http/guards';
import type { AppDeps } from '../../../core/modules';
import { today } from '../../../core/time/clock';
import { renderPage } from '../../../core/ui/layout';
import { organisationIdsOf } from '../../network/api';
import { continuationsOfGrant } from '../continuations/continuation-section';
import { unreadCount } from '../messages/messages.store';
import { MessagesLink } from '../messages/messages-views';
import { reclaimedCentsOf } from '../money-back/money-back.store';
import { moneyBackOfGrant } from '../money-back/money-back-section';
import { listGrantReceipts, listReports } from '../reports/reports.store';
import { withdrawalsOfGrant } from '../withdrawals/withdrawals.routes';
import { dashboardRows } from './dashboard.store';
import { grantAccess, type VisibleGrant } from './grant-access';
import { projectEnded } from './grant-period';
import { baseRateBp, decidePayment, listPayments, reportSpent, requestPayment } from './grants.store';
import { type FailedForm, GrantPage, MyGrants } from './grants-views';
import { ledger, unspentFlags } from './ledger';
import { paymentDecisionForm, paymentRequestForm, spentForm } from './payment-forms';
import {
  paymentDecision,
  paymentDecisionIssues,
  paymentRequestIssues,
  projectEndedPaymentIssues,
  spentIssues,
} from './payment-rules';

type Params = { id: string };

export function grantRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  // carrier pages (the officers see them too): in every language
  const guard = { preHandler: [requireUser] };

  app.get('/grants', guard, async (req, reply) => {
    const page = pageParam(req.query);
    const dashboard = await dashboardRows(db, { organisationIds: organisationIdsOf(req.user) }, today(deps.now), page);
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
    failed?: FailedForm,
  ) {
    const [payments, reports, receipts] = await Promise.all([
      listPayments(db, g.grant.id),
      listReports(db, g.grant.id),
      listGrantReceipts(db, g.grant.id),
    ]);
    const { rows, grantByYear } = ledger(g.grant.plan, payments, receipts);
    const flags = unspentFlags(payments, today(deps.now), await baseRateBp(db), await reclaimedCentsOf(db, g.grant.id));
    const ctx = await viewContext(req, reply);
    const moneyBack = await moneyBackOfGrant(db, ctx, g, today(deps.now));
    const withdrawals = await withdrawalsOfGrant(app, deps, ctx, g);
    const unread = req.user ? await unreadCount(db, req.user.id, { kind: 'grant', id: g.grant.id }) : 0;
    const continuations = await continuationsOfGrant(db, ctx, g, today(deps.now));
    return sendHtml(
      reply,
      renderPage(
        ctx,
        g.grant.title,
        <GrantPage
          moneyBack={moneyBack}
          withdrawals={withdrawals}
          continuations={continuations}
          messages={<MessagesLink ctx={ctx} kind="grant" id={g.grant.id} unread={unread} />}
          ctx={ctx}
          grant={g.grant}
          rows={rows}
          grantByYear={grantByYear}
          payments={payments}
          flags={flags}
          reports={reports}
          asCarrier={g.asCarrier}
          asOfficer={g.asOfficer}
          ended={projectEnded(g.grant, today(deps.now)) || g.grant.withdrawnOn !== null}
          failed={failed}
        />,
      ),
      failed ? 400 : 200,
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
    // after the project's end the form is not offered; a request sent anyway hears why, whatever it holds
    const ended = projectEndedPaymentIssues(g.grant, today(deps.now));
    if (ended.length) return show(req, reply, g, { form: 'request', values: {}, errors: toErrors(ended) });
    const form = readForm(paymentRequestForm, req.body, {
      check: (d) => paymentRequestIssues(d, { today: today(deps.now), grant: g.grant }),
    });
    if (!form.ok) return show(req, reply, g, { form: 'request', values: form.values, errors: form.errors });
    const { year, line, amount, dueOn, purpose } = form.data;
    const result = await requestPayment(
      db,
      actorOf(req),
      g.grant.id,
      { year, line, requestedCents: amount, dueOn, purpose },
      deps.now(),
    );
    if (!result.ok)
      return show(req, reply, g, { form: 'request', values: form.values, errors: toErrors(result.issues) });
    return seeOther(reply, `/${req.lang}/grants/${g.grant.id}?notice=paymentRequested`);
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
      const form = readForm(paymentDecisionForm, req.body, { check: (d) => paymentDecisionIssues(d, payment) });
      if (!form.ok)
        return show(req, reply, g, {
          form: 'decision',
          paymentId: payment.id,
          values: form.values,
          errors: form.errors,
        });
      if (!(await decidePayment(db, actorOf(req), payment.id, paymentDecision(form.data, payment), deps.now())))
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
      const form = readForm(spentForm, req.body, {
        check: (d) => spentIssues(d, { today: today(deps.now), grant: g.grant, payment }),
      });
      if (!form.ok)
        return show(req, reply, g, { form: 'spent', paymentId: payment.id, values: form.values, errors: form.errors });
      const { spent, spentOn } = form.data;
      if (!(await reportSpent(db, actorOf(req), payment.id, { spentCents: spent, spentOn })))
        return renderError(req, reply, 409);
      return seeOther(reply, `/${req.lang}/grants/${g.grant.id}?notice=saved`);
    },
  );
}
