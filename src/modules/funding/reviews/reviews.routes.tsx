// Reviewers declare, then score; officers assign reviewers, rank a call and decide.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listUsersWithRole } from '../../../core/auth/users';
import { seeOther, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { formValues, isUuid, pageParam } from '../../../core/http/form';
import { actorOf, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import { answerFromPageCache } from '../../../core/http/page-cache';
import { formatBerlinDateTime } from '../../../core/i18n/formats';
import { isLang, translator } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import type { AppDeps } from '../../../core/modules';
import { parseEuro } from '../../../core/money/money';
import { berlinDateTime, isCalendarDate } from '../../../core/time/calendar';
import type { FieldErrors } from '../../../core/ui/context';
import { getOrganisation } from '../../network/api';
import { getApplicationContext, inviteFullApplication, returnForChanges } from '../applications/applications.store';
import { budgetYears } from '../applications/financing-plan';
import { grantDecisionPdf } from '../decisions/grant-decision-pdf';
import { callRanking } from '../decisions/ranking.store';
import {
  getReviewerTopics,
  parseFields,
  setReviewerTopics,
  submittedWithFields,
  topicsOfReviewers,
} from '../programmes/fields-of-action';
import { getCall, getProgramme } from '../programmes/programmes.store';
import { balanceAssignments, weightedScore } from './review-scores';
import {
  assignReviewers,
  decide,
  declare,
  getAssignment,
  getGrantOfApplication,
  latestDecision,
  listAssignmentsOfApplications,
  listAssignmentsOfReviewer,
  saveScores,
} from './reviews.store';
import { DeclarationPage, OfficerApplicationPage, RankingPage, ReviewerHome, ReviewPage } from './reviews-views';

type Params = { id: string };

export function reviewRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, config } = deps;
  const guard = { preHandler: [staffLanguage, requireUser] };

  // ---- reviewers ----
  app.get('/reviews', guard, async (req, reply) => {
    if (!app.can(req.user, 'funding.reviewerArea')) return renderError(req, reply, 403);
    const [rows, topics] = await Promise.all([
      listAssignmentsOfReviewer(db, req.user!.id),
      getReviewerTopics(db, req.user!.id),
    ]);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:review.mine'),
      (ctx) => <ReviewerHome ctx={ctx} rows={rows} topics={topics} />,
    );
  });

  // the fields a reviewer knows, so automatic assignment can prefer them
  app.post('/reviews/topics', guard, async (req, reply) => {
    if (!app.can(req.user, 'funding.reviewerArea')) return renderError(req, reply, 403);
    const topics = parseFields((req.body as Record<string, unknown> | undefined)?.topics);
    if (!topics) return renderError(req, reply, 400);
    await setReviewerTopics(db, req.user!.id, topics);
    return seeOther(reply, `/${req.lang}/reviews?notice=saved`);
  });

  /** The reviewer's own assignment with its application; anyone else gets 404. */
  async function ownAssignment(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const a = isUuid(req.params.id) ? await getAssignment(db, req.params.id) : undefined;
    if (!a || a.reviewerId !== req.user?.id) {
      await renderError(req, reply, 404);
      return undefined;
    }
    const ctx = await getApplicationContext(db, a.applicationId);
    if (!ctx) {
      await renderError(req, reply, 404);
      return undefined;
    }
    const org = await getOrganisation(db, ctx.application.organisationId);
    return { assignment: a, ...ctx, organisationName: org?.name ?? '' };
  }

  async function showReview(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    a: NonNullable<Awaited<ReturnType<typeof ownAssignment>>>,
    form?: { values: Record<string, string>; errors: FieldErrors },
  ) {
    const { assignment } = a;
    if (assignment.declaration === 'pending')
      return sendPage(
        req,
        reply,
        (ctx) => ctx.t('funding:review.declareTitle'),
        (ctx) => (
          <DeclarationPage
            ctx={ctx}
            assignment={assignment}
            content={a.application.content}
            call={a.call}
            organisationName={a.organisationName}
            values={form?.values}
            errors={form?.errors}
          />
        ),
        form ? 400 : 200,
      );
    if (assignment.declaration === 'conflict')
      return sendPage(
        req,
        reply,
        (ctx) => ctx.t('funding:review.title'),
        (ctx) => <p class="kern-body">{ctx.t('funding:review.recused')}</p>,
      );
    // others' scores only after one's own are in
    const others = assignment.submittedAt
      ? (await listAssignmentsOfApplications(db, [assignment.applicationId]))
          .filter((x) => x.id !== assignment.id && x.submittedAt && x.declaration === 'none')
          .map((x) => ({ scores: x.scores, weighted: weightedScore(x.scores, a.call.rubric) }))
      : [];
    const values: Record<string, string> = form?.values ?? {};
    if (!form)
      for (const [id, s] of Object.entries(assignment.scores)) {
        values[`score-${id}`] = String(s.score);
        values[`comment-${id}`] = s.comment;
      }
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:review.title'),
      (ctx) => (
        <ReviewPage
          ctx={ctx}
          assignment={assignment}
          content={a.application.content}
          call={a.call}
          organisationName={a.organisationName}
          values={values}
          errors={form?.errors ? Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [k, v])) : undefined}
          others={others}
        />
      ),
      form ? 400 : 200,
    );
  }

  app.get<{ Params: Params }>('/reviews/:id', guard, async (req, reply) => {
    const a = await ownAssignment(req, reply);
    if (!a) return reply;
    return showReview(req, reply, a);
  });

  app.post<{ Params: Params }>('/reviews/:id/declaration', guard, async (req, reply) => {
    const a = await ownAssignment(req, reply);
    if (!a) return reply;
    const v = formValues(req.body);
    const errors: FieldErrors = {};
    if (v.declaration !== 'none' && v.declaration !== 'conflict') errors.declaration = 'common:validation.choose';
    if (v.declaration === 'conflict' && !v.reason) errors.reason = 'funding:review.reasonRequired';
    if ((v.reason ?? '').length > 2000) errors.reason = 'common:validation.tooLong';
    if (Object.keys(errors).length) return showReview(req, reply, a, { values: v, errors });
    if (!(await declare(db, actorOf(req), a.assignment.id, v.declaration as 'none' | 'conflict', v.reason ?? '')))
      return renderError(req, reply, 409);
    return seeOther(reply, `/${req.lang}/reviews/${a.assignment.id}`);
  });

  app.post<{ Params: Params }>('/reviews/:id/scores', guard, async (req, reply) => {
    const a = await ownAssignment(req, reply);
    if (!a) return reply;
    if (a.assignment.declaration !== 'none' || a.assignment.submittedAt) return renderError(req, reply, 409);
    const v = formValues(req.body);
    const submit = v.action === 'submit';
    const errors: FieldErrors = {};
    const scores: Record<string, { score: number; comment: string }> = {};
    for (const c of a.call.rubric) {
      const raw = v[`score-${c.id}`] ?? '';
      const score = Number(raw);
      const comment = (v[`comment-${c.id}`] ?? '').slice(0, 5000);
      if (raw === '') {
        if (submit) errors[`score-${c.id}`] = 'funding:review.scoreRequired';
        if (comment) scores[c.id] = { score: 0, comment };
      } else if (!Number.isInteger(score) || score < 1 || score > 5)
        errors[`score-${c.id}`] = 'common:validation.choose';
      else scores[c.id] = { score, comment };
    }
    if (Object.keys(errors).length) {
      const ctx = await viewContext(req, reply);
      return showReview(req, reply, a, {
        values: v,
        errors: Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, ctx.t(e)])),
      });
    }
    if (!(await saveScores(db, actorOf(req), a.assignment.id, scores, submit))) return renderError(req, reply, 409);
    return seeOther(reply, `/${req.lang}/reviews/${a.assignment.id}?notice=saved`);
  });

  // ---- officers: ranking, assignment, decision ----
  async function managedCall(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const call = isUuid(req.params.id) ? await getCall(db, req.params.id) : undefined;
    const programme = call ? await getProgramme(db, call.programmeId) : undefined;
    if (!call || !programme || !app.can(req.user, 'programme.manage', programme)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return { call, programme };
  }

  app.get<{ Params: Params }>('/funding/calls/:id/ranking', guard, async (req, reply) => {
    // the person, URL and database state decide the page, so a stored page needs no new checks
    if (await answerFromPageCache(req, reply, db)) return reply;
    const found = await managedCall(req, reply);
    if (!found) return reply;
    const pageNo = pageParam(req.query);
    const [ranking, reviewers] = await Promise.all([
      callRanking(db, found.call, pageNo),
      listUsersWithRole(db, 'reviewer'),
    ]);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:ranking.title'),
      (ctx) => (
        <RankingPage
          ctx={ctx}
          call={found.call}
          programme={found.programme}
          ranking={ranking}
          page={pageNo}
          reviewerCount={reviewers.length}
        />
      ),
    );
  });

  app.post<{ Params: Params }>('/funding/calls/:id/assign', guard, async (req, reply) => {
    const found = await managedCall(req, reply);
    if (!found) return reply;
    const per = Number(formValues(req.body).perApplication);
    if (!Number.isInteger(per) || per < 1 || per > 10) return renderError(req, reply, 400);
    const submitted = await submittedWithFields(db, found.call.id);
    const ids = submitted.map((a) => a.id);
    const existing = await listAssignmentsOfApplications(db, ids);
    const reviewers = await listUsersWithRole(db, 'reviewer');
    const pairs = balanceAssignments({
      applicationIds: ids,
      reviewerIds: reviewers.map((r) => r.id),
      existing: existing.filter((e) => e.declaration !== 'conflict'),
      excluded: existing.filter((e) => e.declaration === 'conflict'),
      perApplication: per,
      topics: {
        ofApplication: new Map(submitted.map((a) => [a.id, a.fields])),
        ofReviewer: await topicsOfReviewers(
          db,
          reviewers.map((r) => r.id),
        ),
      },
    });
    await assignReviewers(db, actorOf(req), pairs);
    return seeOther(reply, `/${req.lang}/funding/calls/${found.call.id}/ranking?notice=saved`);
  });

  async function managedApplication(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const found = isUuid(req.params.id) ? await getApplicationContext(db, req.params.id) : undefined;
    if (!found || !app.can(req.user, 'programme.manage', found.programme) || found.application.status === 'draft') {
      await renderError(req, reply, 404);
      return undefined;
    }
    return found;
  }

  async function officerPage(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof managedApplication>>>,
    form?: { values: Record<string, string>; errors: FieldErrors },
  ) {
    const [assignments, reviewers, org, decision, grant] = await Promise.all([
      listAssignmentsOfApplications(db, [found.application.id]),
      listUsersWithRole(db, 'reviewer'),
      getOrganisation(db, found.application.organisationId),
      latestDecision(db, found.application.id),
      getGrantOfApplication(db, found.application.id),
    ]);
    const rows = assignments.map((a) => ({
      ...a,
      reviewerName: reviewers.find((r) => r.id === a.reviewerId)?.name ?? '?',
      weighted: a.submittedAt && a.declaration === 'none' ? weightedScore(a.scores, found.call.rubric) : undefined,
    }));
    // reviewers who know one of the application's fields of action come first, with their fields named
    const fields = found.application.content.fieldsOfAction ?? [];
    const topics = await topicsOfReviewers(
      db,
      reviewers.map((r) => r.id),
    );
    const free = reviewers
      .filter((r) => !assignments.some((a) => a.reviewerId === r.id))
      .map((r) => ({
        ...r,
        topics: topics.get(r.id) ?? [],
        matches: (topics.get(r.id) ?? []).some((x) => fields.includes(x)),
      }))
      .sort((a, b) => Number(b.matches) - Number(a.matches) || a.name.localeCompare(b.name));
    return sendPage(
      req,
      reply,
      () => found.application.content.title,
      (ctx) => (
        <OfficerApplicationPage
          ctx={ctx}
          application={found.application}
          call={found.call}
          organisationName={org?.name ?? ''}
          assignments={rows}
          reviewers={free}
          decision={decision}
          grantId={grant?.id}
          values={form?.values ?? {}}
          errors={form?.errors}
        />
      ),
      form ? 400 : 200,
    );
  }

  app.get<{ Params: Params }>('/funding/applications/:id', guard, async (req, reply) => {
    const found = await managedApplication(req, reply);
    if (!found) return reply;
    return officerPage(req, reply, found);
  });

  app.post<{ Params: Params }>('/funding/applications/:id/reviewers', guard, async (req, reply) => {
    const found = await managedApplication(req, reply);
    if (!found) return reply;
    const reviewerId = formValues(req.body).reviewerId ?? '';
    const reviewers = await listUsersWithRole(db, 'reviewer');
    if (!reviewers.some((r) => r.id === reviewerId))
      return officerPage(req, reply, found, { values: {}, errors: { reviewerId: 'common:validation.choose' } });
    await assignReviewers(db, actorOf(req), [{ applicationId: found.application.id, reviewerId }]);
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=saved`);
  });

  app.post<{ Params: Params }>('/funding/applications/:id/decision', guard, async (req, reply) => {
    const found = await managedApplication(req, reply);
    if (!found) return reply;
    const v = formValues(req.body);
    const errors: FieldErrors = {};
    const outcome = v.outcome;
    if (outcome !== 'approved' && outcome !== 'rejected' && outcome !== 'waitlisted')
      errors.outcome = 'common:validation.choose';
    // an outline is invited to the full application, not approved
    if (found.application.stage === 'outline' && outcome !== 'rejected') errors.outcome = 'common:validation.choose';
    const c = found.application.content;
    const amounts: Record<string, number> = {};
    if (outcome === 'approved') {
      for (const y of budgetYears(c.startDate, c.endDate)) {
        const cents = parseEuro(v[`amount-${y}`] ?? '');
        if (cents === undefined || cents < 0) errors[`amount-${y}`] = 'funding:validation.money';
        else if (cents > found.programme.maxGrantPerYearCents) errors[`amount-${y}`] = 'funding:decision.aboveCap';
        else if (cents > 0) amounts[String(y)] = cents;
      }
      if (!errors.outcome && Object.keys(amounts).length === 0 && !Object.keys(errors).length)
        errors[`amount-${budgetYears(c.startDate, c.endDate)[0]}`] = 'funding:decision.amountRequired';
    }
    if (outcome === 'rejected' && !v.reasons) errors.reasons = 'funding:decision.reasonsRequired';
    for (const k of ['conditions', 'reasons']) if ((v[k] ?? '').length > 10000) errors[k] = 'common:validation.tooLong';
    if (Object.keys(errors).length) {
      const ctx = await viewContext(req, reply);
      return officerPage(req, reply, found, {
        values: v,
        errors: Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, ctx.t(e)])),
      });
    }
    const result = await decide(db, actorOf(req), {
      applicationId: found.application.id,
      programmeId: found.programme.id,
      outcome: outcome as 'approved',
      amountsPerYear: amounts,
      conditions: v.conditions ?? '',
      reasons: v.reasons ?? '',
    });
    if (!result) return renderError(req, reply, 409);
    const staff = await listUsersWithRole(db, 'carrierStaff', 'organisation', found.application.organisationId);
    for (const s of staff)
      await sendMail(db, config, {
        to: s.email,
        template: 'decisionMade',
        language: s.language,
        vars: {
          name: s.name,
          project: c.title,
          outcome: translator(s.language === 'en' ? 'en' : 'de')(`funding:decision.outcomes.${outcome}`),
          link: `${config.baseUrl}/${s.language === 'en' ? 'en' : 'de'}/applications/${found.application.id}`,
        },
      });
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=saved`);
  });

  /** Mails the carrier's staff; `vars` may depend on the language each one reads (dates do). */
  async function mailCarrier(
    organisationId: string,
    template: string,
    vars: Record<string, string> | ((language: string) => Record<string, string>),
    applicationId: string,
  ) {
    for (const s of await listUsersWithRole(db, 'carrierStaff', 'organisation', organisationId)) {
      const lang = s.language === 'en' ? 'en' : 'de';
      const own = typeof vars === 'function' ? vars(isLang(s.language) ? s.language : 'de') : vars;
      await sendMail(db, config, {
        to: s.email,
        template,
        language: s.language,
        vars: { ...own, name: s.name, link: `${config.baseUrl}/${lang}/applications/${applicationId}` },
      });
    }
  }

  app.post<{ Params: Params }>('/funding/applications/:id/return', guard, async (req, reply) => {
    const found = await managedApplication(req, reply);
    if (!found) return reply;
    const reason = formValues(req.body).returnReason ?? '';
    if (!reason || reason.length > 5000) {
      const ctx = await viewContext(req, reply);
      return officerPage(req, reply, found, {
        values: { returnReason: reason },
        errors: { returnReason: ctx.t(reason ? 'common:validation.tooLong' : 'common:validation.required') },
      });
    }
    if (!(await returnForChanges(db, actorOf(req), found.application.id, reason))) return renderError(req, reply, 409);
    await mailCarrier(
      found.application.organisationId,
      'applicationReturned',
      { project: found.application.content.title, reason },
      found.application.id,
    );
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=saved`);
  });

  app.post<{ Params: Params }>('/funding/applications/:id/invite', guard, async (req, reply) => {
    const found = await managedApplication(req, reply);
    if (!found) return reply;
    const v = formValues(req.body);
    const ctx = await viewContext(req, reply);
    const errors: FieldErrors = {};
    if (!isCalendarDate(v.dueDate ?? '')) errors.dueDate = ctx.t('common:validation.date');
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.dueTime ?? '')) errors.dueTime = ctx.t('funding:validation.time');
    const dueAt = Object.keys(errors).length ? undefined : berlinDateTime(v.dueDate!, v.dueTime!);
    if (dueAt && dueAt <= new Date()) errors.dueDate = ctx.t('funding:officer.dueInPast');
    if (Object.keys(errors).length || !dueAt) return officerPage(req, reply, found, { values: v, errors });
    const fullId = await inviteFullApplication(db, actorOf(req), found.application.id, dueAt);
    if (!fullId) return renderError(req, reply, 409);
    await mailCarrier(
      found.application.organisationId,
      'invitedToApply',
      (language) => ({ project: found.application.content.title, date: formatBerlinDateTime(language, dueAt) }),
      fullId,
    );
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=saved`);
  });

  // the grant decision, for the carrier and the officers
  app.get<{ Params: Params }>('/applications/:id/decision.pdf', guard, async (req, reply) => {
    const found = isUuid(req.params.id) ? await getApplicationContext(db, req.params.id) : undefined;
    if (!found || !app.can(req.user, 'application.view', found)) return renderError(req, reply, 404);
    const [grant, decision, org] = await Promise.all([
      getGrantOfApplication(db, found.application.id),
      latestDecision(db, found.application.id),
      getOrganisation(db, found.application.organisationId),
    ]);
    if (!grant || !decision || decision.outcome !== 'approved') return renderError(req, reply, 404);
    const pdf = await grantDecisionPdf(translator('de'), {
      grant,
      decision,
      programme: found.programme,
      organisationName: org?.name ?? '',
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', 'inline; filename="zuwendungsbescheid.pdf"')
      .send(pdf);
  });
}
