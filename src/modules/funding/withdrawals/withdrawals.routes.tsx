// Withdrawing an issued grant decision: the programme's officer fills in the form, sees what remains
// and what will be reclaimed, confirms and issues; the grant page shows the withdrawal with its
// notice to officer and carrier. The form is read by readForm with withdrawal-rules.ts, checked again
// by the store in its transaction.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { type FieldIssue, issue, isUuid, readForm, toErrors } from '../../../core/http/form';
import { actorOf, requireUser } from '../../../core/http/guards';
import { formatDate } from '../../../core/i18n/formats';
import { translator } from '../../../core/i18n/i18n';
import type { AppDeps } from '../../../core/modules';
import { today } from '../../../core/time/clock';
import type { ViewContext } from '../../../core/ui/context';
import { renderPage } from '../../../core/ui/layout';
import { grantAccess, type VisibleGrant } from '../grants/grant-access';
import { remainingOf, withdrawalForm } from './withdrawal-forms';
import { grantPerYear, withdrawalBlockers, withdrawalIssues, type YearAmount } from './withdrawal-rules';
import { WithdrawalPage, type WithdrawalPreview, WithdrawalSection } from './withdrawal-views';
import {
  listWithdrawals,
  type WithdrawalBasisOf,
  type WithdrawalInput,
  withdrawalBasis,
  withdrawalNoticeFile,
  withdrawalOutcome,
  withdrawDecision,
} from './withdrawals.store';

type Params = { id: string };

const paidPerYear = (basis: WithdrawalBasisOf): YearAmount[] =>
  grantPerYear(basis.paid.map((p) => ({ year: p.year, amountCents: p.amountCents })));

const blockersOf = (g: VisibleGrant, basis: WithdrawalBasisOf): FieldIssue[] =>
  withdrawalBlockers({ withdrawnOn: g.grant.withdrawnOn, openPayments: basis.openPayments, grant: g.grant.plan.grant });

/** The grant page's part on withdrawals, read here so the grant page's route adds one line. */
export async function withdrawalsOfGrant(app: FastifyInstance, deps: AppDeps, ctx: ViewContext, g: VisibleGrant) {
  const asOfficer = app.can(ctx.user, 'decision.withdraw', { grant: g.grant, programme: g.programme });
  const list = await listWithdrawals(deps.db, g.grant.id);
  if (list.length === 0 && !asOfficer) return null;
  const blockers = asOfficer ? blockersOf(g, await withdrawalBasis(deps.db, g.grant)) : [];
  return <WithdrawalSection ctx={ctx} grant={g.grant} withdrawals={list} asOfficer={asOfficer} blockers={blockers} />;
}

export function withdrawalRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  // the officer's form, like the grant page it starts from, and the notice as issued open in every
  // language (the notice itself is German, as the legal document is)
  const guard = { preHandler: [requireUser] };
  const shared = guard;
  const visibleGrant = grantAccess(app, db);

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    g: VisibleGrant,
    basis: WithdrawalBasisOf,
    form: { values: Record<string, string>; errors?: Record<string, { key: string }>; preview?: WithdrawalPreview },
    status = 200,
  ) {
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('funding:withdrawal.formTitle'),
        <WithdrawalPage
          ctx={ctx}
          grant={g.grant}
          decisionDay={basis.decisionDay}
          current={grantPerYear(g.grant.plan.grant)}
          paid={paidPerYear(basis)}
          values={form.values}
          errors={form.errors}
          preview={form.preview}
          blockers={blockersOf(g, basis)}
        />,
      ),
      status,
    );
  }

  /** The grant, if the person may withdraw its decision: 404 for who may not see it, 403 for its carrier. */
  async function officersGrant(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const g = await visibleGrant(req, reply);
    if (!g) return undefined;
    if (!app.can(req.user, 'decision.withdraw', { grant: g.grant, programme: g.programme })) {
      await renderError(req, reply, 403);
      return undefined;
    }
    return g;
  }

  app.get<{ Params: Params }>('/grants/:id/withdrawal', guard, async (req, reply) => {
    const g = await officersGrant(req, reply);
    if (!g) return reply;
    const basis = await withdrawalBasis(db, g.grant);
    return show(req, reply, g, basis, { values: {} });
  });

  app.post<{ Params: Params }>('/grants/:id/withdrawal', guard, async (req, reply) => {
    const g = await officersGrant(req, reply);
    if (!g) return reply;
    const basis = await withdrawalBasis(db, g.grant);
    const blockers = blockersOf(g, basis);
    if (blockers.length) return show(req, reply, g, basis, { values: {} }, 400);
    const years = grantPerYear(g.grant.plan.grant).map((y) => y.year);
    const day = today(deps.now);
    const inputOf = (d: ReturnType<ReturnType<typeof withdrawalForm>['parse']>): WithdrawalInput => ({
      basis: d.basis,
      extent: d.extent,
      effect: d.effect,
      effectiveOn: d.effectiveOn,
      reason: d.reason,
      reasonText: d.reasonText,
      remaining: remainingOf(d, years),
    });
    const form = readForm(withdrawalForm(years), req.body, {
      check: (d) => {
        const input = inputOf(d);
        const issues = withdrawalIssues(input, {
          decisionDay: basis.decisionDay,
          today: day,
          withdrawnOn: g.grant.withdrawnOn,
          openPayments: basis.openPayments,
          grant: g.grant.plan.grant,
        });
        if (issues.length || d.step === 'preview') return issues;
        // issuing: the officer has checked the amount the preview showed, and it still holds
        const { reclaimCents } = withdrawalOutcome(input, g.grant, basis);
        if (!d.confirm) return [issue('confirm', 'funding:withdrawal.confirmRequired')];
        if (d.previewed !== String(reclaimCents))
          return [issue('confirm', 'funding:withdrawal.amountChanged', { amount: { euro: reclaimCents } })];
        return [];
      },
    });
    const previewOf = (input: WithdrawalInput): WithdrawalPreview => ({
      ...withdrawalOutcome(input, g.grant, basis),
      paid: paidPerYear(basis),
    });
    if (!form.ok) {
      // a form that reads but was not confirmed keeps its preview, so what is checked stays in view
      const again = readForm(withdrawalForm(years), req.body);
      const preview = again.ok && form.errors.confirm ? previewOf(inputOf(again.data)) : undefined;
      return show(req, reply, g, basis, { values: form.values, errors: form.errors, preview }, 400);
    }
    const input = inputOf(form.data);
    if (form.data.step === 'preview')
      return show(req, reply, g, basis, { values: form.values, preview: previewOf(input) });
    const de = translator('de');
    const reason = de('funding:withdrawal.reclaimReason', {
      basis: de(`funding:withdrawal.nouns.${input.basis}`),
      date: formatDate('de', basis.decisionDay),
      reason: de(`funding:withdrawal.reasons.${input.reason}`),
    });
    const confirmed = Number(form.data.previewed); // checked against the preview by the form's rule above
    const result = await withdrawDecision(db, actorOf(req), g.grant.id, input, reason, deps.now(), confirmed);
    if (!result.ok) return show(req, reply, g, basis, { values: form.values, errors: toErrors(result.issues) }, 400);
    return seeOther(reply, `/${req.lang}/grants/${g.grant.id}?notice=saved`);
  });

  // the notice as issued, byte for byte
  app.get<{ Params: Params & { withdrawalId: string } }>(
    '/grants/:id/withdrawals/:withdrawalId.pdf',
    shared,
    async (req, reply) => {
      const g = await visibleGrant(req, reply);
      if (!g) return reply;
      const file = isUuid(req.params.withdrawalId)
        ? await withdrawalNoticeFile(db, g.grant.id, req.params.withdrawalId)
        : undefined;
      if (!file) return renderError(req, reply, 404);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'inline; filename="widerrufsbescheid.pdf"')
        .send(file.content);
    },
  );
}
