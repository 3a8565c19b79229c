// Money back: the officer records a reclaim on a grant and the repayments received, and issues
// interest notices; the carrier sees what it owes and where to pay. Officers and administrators keep
// the base rate table current, administrators the funder's account. Forms are read by readForm;
// the rules are money-back-rules.ts and interest-rules.ts, checked again by the store.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { isUuid, readForm, toErrors } from '../../../core/http/form';
import { actorOf, requireUser, staffLanguage } from '../../../core/http/guards';
import type { AppDeps } from '../../../core/modules';
import { today } from '../../../core/time/clock';
import { renderPage } from '../../../core/ui/layout';
import { getGrantContext } from '../grants/grants.store';
import { nextHalfYear } from './interest-rules';
import {
  addBaseRate,
  getPaymentAccount,
  getReclaim,
  interestNoticeFile,
  issueInterestNotice,
  listBaseRates,
  recordReclaim,
  recordRepayment,
  savePaymentAccount,
} from './money-back.store';
import { baseRateForm, noticeForm, paymentAccountForm, reclaimForm, repaymentForm } from './money-back-forms';
import { compactIban, paymentAccountIssues, reclaimBalance, reclaimIssues, repaymentIssues } from './money-back-rules';
import { BaseRatesPage, type Failed, ReclaimFormPage, ReclaimPage } from './money-back-views';

type Params = { id: string };
type ReclaimParams = { id: string; reclaimId: string };

export function moneyBackRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  // the officer's forms and pages are staff pages; what the carrier reads (the reclaim with where to
  // pay, the notices as issued) opens in every language
  const guard = { preHandler: [staffLanguage, requireUser] };
  const shared = { preHandler: [requireUser] };

  /** The grant, if the person may see its money back; 404 otherwise (a guessed id confirms nothing). */
  async function visibleGrant(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const found = isUuid(req.params.id) ? await getGrantContext(db, req.params.id) : undefined;
    const resource = found && { grant: found.grant, programme: found.programme };
    if (!found || !resource || !app.can(req.user, 'moneyBack.view', resource)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return { ...found, asOfficer: app.can(req.user, 'moneyBack.record', resource) };
  }

  async function visibleReclaim(req: FastifyRequest<{ Params: ReclaimParams }>, reply: FastifyReply) {
    const g = await visibleGrant(req, reply);
    if (!g) return undefined;
    const row = isUuid(req.params.reclaimId) ? await getReclaim(db, g.grant.id, req.params.reclaimId) : undefined;
    if (!row) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return { ...g, row };
  }
  type Visible = NonNullable<Awaited<ReturnType<typeof visibleReclaim>>>;

  async function showReclaim(
    req: FastifyRequest,
    reply: FastifyReply,
    v: Visible,
    failed?: Failed & { form: 'repayment' | 'notice' },
  ) {
    const day = today(deps.now);
    const [rates, account] = await Promise.all([listBaseRates(db), getPaymentAccount(db)]);
    const balance = reclaimBalance(v.row.reclaim, v.row.repayments, rates, day);
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('funding:moneyBack.reclaimTitle', { reference: v.row.reclaim.reference }),
        <ReclaimPage
          ctx={ctx}
          grant={v.grant}
          row={{ ...v.row, balance }}
          account={account}
          asOfficer={v.asOfficer}
          today={day}
          failed={failed}
        />,
      ),
      failed ? 400 : 200,
    );
  }

  app.post<{ Params: Params }>('/grants/:id/reclaims', guard, async (req, reply) => {
    const g = await visibleGrant(req, reply);
    if (!g) return reply;
    if (!g.asOfficer) return renderError(req, reply, 403);
    const form = readForm(reclaimForm, req.body, {
      check: (d) => reclaimIssues({ amountCents: d.amount, effectiveOn: d.effectiveOn, dueOn: d.dueOn }),
    });
    const fail = async (failed: Failed) => {
      const ctx = await viewContext(req, reply);
      return sendHtml(
        reply,
        renderPage(
          ctx,
          ctx.t('funding:moneyBack.new'),
          <ReclaimFormPage ctx={ctx} grant={g.grant} today={today(deps.now)} failed={failed} />,
        ),
        400,
      );
    };
    if (!form.ok) return fail(form);
    const { amount, reason, effectiveOn, dueOn } = form.data;
    const result = await recordReclaim(
      db,
      actorOf(req),
      g.grant.id,
      { amountCents: amount, reason, effectiveOn, dueOn },
      deps.now(),
    );
    if (!result.ok) return fail({ values: form.values, errors: toErrors(result.issues) });
    return seeOther(reply, `/${req.lang}/grants/${g.grant.id}/reclaims/${result.value.id}?notice=saved`);
  });

  app.get<{ Params: ReclaimParams }>('/grants/:id/reclaims/:reclaimId', shared, async (req, reply) => {
    const v = await visibleReclaim(req, reply);
    if (!v) return reply;
    return showReclaim(req, reply, v);
  });

  app.post<{ Params: ReclaimParams }>('/grants/:id/reclaims/:reclaimId/repayments', guard, async (req, reply) => {
    const v = await visibleReclaim(req, reply);
    if (!v) return reply;
    if (!v.asOfficer) return renderError(req, reply, 403);
    const form = readForm(repaymentForm, req.body, {
      check: (d) => repaymentIssues({ paidOn: d.paidOn, amountCents: d.amount }, { today: today(deps.now) }),
    });
    if (!form.ok) return showReclaim(req, reply, v, { form: 'repayment', ...form });
    const result = await recordRepayment(
      db,
      actorOf(req),
      v.row.reclaim.id,
      { paidOn: form.data.paidOn, amountCents: form.data.amount },
      deps.now(),
    );
    if (!result.ok)
      return showReclaim(req, reply, v, { form: 'repayment', values: form.values, errors: toErrors(result.issues) });
    return seeOther(reply, `/${req.lang}/grants/${v.grant.id}/reclaims/${v.row.reclaim.id}?notice=saved`);
  });

  app.post<{ Params: ReclaimParams }>('/grants/:id/reclaims/:reclaimId/notices', guard, async (req, reply) => {
    const v = await visibleReclaim(req, reply);
    if (!v) return reply;
    if (!v.asOfficer) return renderError(req, reply, 403);
    const form = readForm(noticeForm, req.body);
    if (!form.ok) return showReclaim(req, reply, v, { form: 'notice', ...form });
    const result = await issueInterestNotice(db, actorOf(req), v.row.reclaim.id, deps.now());
    if (!result.ok)
      return showReclaim(req, reply, v, { form: 'notice', values: form.values, errors: toErrors(result.issues) });
    return seeOther(reply, `/${req.lang}/grants/${v.grant.id}/reclaims/${v.row.reclaim.id}?notice=saved`);
  });

  // the interest notice as issued, byte for byte
  app.get<{ Params: ReclaimParams & { noticeId: string } }>(
    '/grants/:id/reclaims/:reclaimId/notices/:noticeId.pdf',
    shared,
    async (req, reply) => {
      const v = await visibleReclaim(req, reply);
      if (!v) return reply;
      const file = isUuid(req.params.noticeId)
        ? await interestNoticeFile(db, v.row.reclaim.id, req.params.noticeId)
        : undefined;
      if (!file) return renderError(req, reply, 404);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'inline; filename="zinsbescheid.pdf"')
        .send(file.content);
    },
  );

  // ---- the base rate table and the funder's account ----
  async function showRates(req: FastifyRequest, reply: FastifyReply, failed?: Failed & { form: 'rate' | 'account' }) {
    const [rates, account] = await Promise.all([listBaseRates(db), getPaymentAccount(db)]);
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('funding:baseRate.title'),
        <BaseRatesPage
          ctx={ctx}
          rates={rates}
          next={nextHalfYear(rates)}
          account={account}
          mayEditAccount={app.can(req.user, 'paymentAccount.edit')}
          failed={failed}
        />,
      ),
      failed ? 400 : 200,
    );
  }

  app.get('/funding/money-back', guard, async (req, reply) => {
    if (!app.can(req.user, 'baseRate.add')) return renderError(req, reply, 403);
    return showRates(req, reply);
  });

  app.post('/funding/money-back/rates', guard, async (req, reply) => {
    if (!app.can(req.user, 'baseRate.add')) return renderError(req, reply, 403);
    const form = readForm(baseRateForm, req.body);
    if (!form.ok) return showRates(req, reply, { form: 'rate', ...form });
    const result = await addBaseRate(db, actorOf(req), { validFrom: form.data.validFrom, rateBp: form.data.rate });
    if (!result.ok)
      return showRates(req, reply, { form: 'rate', values: form.values, errors: toErrors(result.issues) });
    return seeOther(reply, `/${req.lang}/funding/money-back?notice=saved`);
  });

  app.post('/funding/money-back/account', guard, async (req, reply) => {
    if (!app.can(req.user, 'paymentAccount.edit')) return renderError(req, reply, 403);
    const form = readForm(paymentAccountForm, req.body, { check: paymentAccountIssues });
    if (!form.ok) return showRates(req, reply, { form: 'account', ...form });
    const d = form.data;
    await savePaymentAccount(db, actorOf(req), {
      ...d,
      iban: compactIban(d.iban),
      bic: d.bic.replace(/\s+/g, '').toUpperCase(),
    });
    return seeOther(reply, `/${req.lang}/funding/money-back?notice=saved`);
  });
}
