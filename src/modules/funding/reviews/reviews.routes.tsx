// The reviewer's side: reviewers name their fields, declare conflicts, then score; officers assign
// reviewers while an application is under review (evenly for a call on the call's review page, or
// one by hand on the application's page, ../decisions/decisions.routes.tsx).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listUsersWithRole } from '../../../core/auth/users';
import { seeOther } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { failedForm, intParam, issue, isUuid, readForm } from '../../../core/http/form';
import { actorOf, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import type { AppDeps } from '../../../core/modules';
import { getOrganisation } from '../../network/api';
import { getApplicationContext } from '../applications/applications.store';
import { officerPages, type ShownForm } from '../decisions/decisions.routes';
import {
  getReviewerTopics,
  setReviewerTopics,
  submittedWithFields,
  topicsOfReviewers,
} from '../programmes/fields-of-action';
import { balanceForm, declarationForm, reviewerForm, scoresForm, topicsForm } from './review-forms';
import {
  assignmentReport,
  assignmentStatusIssues,
  balanceAssignments,
  declarationIssues,
  scoreIssues,
  scoresOf,
  weightedScore,
} from './review-scores';
import {
  assignReviewers,
  declare,
  getAssignment,
  listAssignmentsOfApplications,
  listAssignmentsOfCall,
  listAssignmentsOfReviewer,
  saveScores,
} from './reviews.store';
import { CallReviewsPage, DeclarationPage, ReviewerHome, ReviewPage } from './reviews-views';

type Params = { id: string };

export function reviewRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const guard = { preHandler: [staffLanguage, requireUser] };
  const officer = officerPages(app, deps);

  // ---- reviewers ----
  async function reviewerHome(req: FastifyRequest, reply: FastifyReply, form?: ShownForm & { topics: string[] }) {
    const [rows, topics] = await Promise.all([
      listAssignmentsOfReviewer(db, req.user!.id),
      form ? form.topics : getReviewerTopics(db, req.user!.id),
    ]);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:review.mine'),
      (ctx) => <ReviewerHome ctx={ctx} rows={rows} topics={topics} errors={form?.errors} />,
      form ? 400 : 200,
    );
  }

  app.get('/reviews', guard, async (req, reply) => {
    if (!app.can(req.user, 'funding.reviewerArea')) return renderError(req, reply, 403);
    return reviewerHome(req, reply);
  });

  // the fields a reviewer knows, so automatic assignment can prefer them
  app.post('/reviews/topics', guard, async (req, reply) => {
    if (!app.can(req.user, 'funding.reviewerArea')) return renderError(req, reply, 403);
    const form = readForm(topicsForm, req.body, { lists: ['topics'] });
    if (!form.ok) return reviewerHome(req, reply, { ...form, topics: await getReviewerTopics(db, req.user!.id) });
    await setReviewerTopics(db, req.user!.id, form.data.topics);
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
    form?: ShownForm,
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
          errors={form?.errors}
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
    const form = readForm(declarationForm, req.body, { check: declarationIssues });
    if (!form.ok) return showReview(req, reply, a, form);
    const { declaration, reason } = form.data;
    if (!(await declare(db, actorOf(req), a.assignment.id, declaration, reason, deps.now())))
      return renderError(req, reply, 409);
    return seeOther(reply, `/${req.lang}/reviews/${a.assignment.id}`);
  });

  app.post<{ Params: Params }>('/reviews/:id/scores', guard, async (req, reply) => {
    const a = await ownAssignment(req, reply);
    if (!a) return reply;
    if (a.assignment.declaration !== 'none' || a.assignment.submittedAt) return renderError(req, reply, 409);
    const rubric = a.call.rubric;
    const form = readForm(scoresForm(rubric), req.body, {
      check: (d) => scoreIssues(d, { rubric, submit: d.action === 'submit' }),
    });
    if (!form.ok) return showReview(req, reply, a, form);
    const submit = form.data.action === 'submit';
    if (!(await saveScores(db, actorOf(req), a.assignment.id, scoresOf(form.data, rubric), submit, deps.now())))
      return renderError(req, reply, 409);
    return seeOther(
      reply,
      `/${req.lang}/reviews/${a.assignment.id}?notice=${submit ? 'reviewSubmitted' : 'draftKept'}`,
    );
  });

  // ---- officers: assigning reviewers ----

  /** What automatic assignment works with: the call's applications under review, the reviewers, who is assigned or recused, their fields. */
  async function assignmentSituation(callId: string, perApplication: number) {
    const submitted = await submittedWithFields(db, callId);
    const ids = submitted.map((a) => a.id);
    const [existing, reviewers] = await Promise.all([
      listAssignmentsOfApplications(db, ids),
      listUsersWithRole(db, 'reviewer'),
    ]);
    const input = {
      applicationIds: ids,
      reviewerIds: reviewers.map((r) => r.id),
      existing: existing.filter((e) => e.declaration !== 'conflict'),
      excluded: existing.filter((e) => e.declaration === 'conflict'),
      perApplication,
      topics: {
        ofApplication: new Map(submitted.map((a) => [a.id, a.fields])),
        ofReviewer: await topicsOfReviewers(
          db,
          reviewers.map((r) => r.id),
        ),
      },
    };
    return { submitted, reviewers, input };
  }

  /** The call's reviews: the automatic assignment with what it did, and every assignment with its state and conflict reason. */
  async function callReviewsPage(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof officer.managedCall>>>,
    form?: ShownForm,
  ) {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const assigned = intParam(query.assigned, { min: 0, max: 1_000_000 });
    const per = intParam(query.per, { min: 1, max: 10 });
    const [situation, assignments] = await Promise.all([
      assignmentSituation(found.call.id, per ?? 2),
      listAssignmentsOfCall(db, found.call.id),
    ]);
    // after an automatic assignment (the redirect names how many it made and for how many reviewers
    // each): what is still missing, as things stand now
    const report =
      !form && assigned !== undefined && per !== undefined
        ? { ...assignmentReport(situation.input, []), assigned }
        : undefined;
    const names = new Map(situation.reviewers.map((r) => [r.id, r.name]));
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:assign.title'),
      (ctx) => (
        <CallReviewsPage
          ctx={ctx}
          call={found.call}
          underReview={situation.submitted}
          reviewerCount={situation.reviewers.length}
          report={report}
          assignments={assignments.map((a) => ({ ...a, reviewerName: names.get(a.assignment.reviewerId) ?? '?' }))}
          values={form?.values}
          errors={form?.errors}
        />
      ),
      form ? 422 : 200,
    );
  }

  app.get<{ Params: Params }>('/funding/calls/:id/reviews', guard, async (req, reply) => {
    const found = await officer.managedCall(req, reply);
    if (!found) return reply;
    return callReviewsPage(req, reply, found);
  });

  app.post<{ Params: Params }>('/funding/calls/:id/assign', guard, async (req, reply) => {
    const found = await officer.managedCall(req, reply);
    if (!found) return reply;
    const form = readForm(balanceForm, req.body);
    if (!form.ok) return callReviewsPage(req, reply, found, form);
    const { input } = await assignmentSituation(found.call.id, form.data.perApplication);
    if (input.applicationIds.length === 0)
      return callReviewsPage(
        req,
        reply,
        found,
        failedForm(req.body, [issue('perApplication', 'funding:assign.noneUnderReview')]),
      );
    const result = await assignReviewers(db, actorOf(req), balanceAssignments(input), 'perApplication');
    if (!result.ok) return callReviewsPage(req, reply, found, failedForm(req.body, result.issues));
    return seeOther(
      reply,
      `/${req.lang}/funding/calls/${found.call.id}/reviews?assigned=${result.assigned}&per=${form.data.perApplication}`,
    );
  });

  app.post<{ Params: Params }>('/funding/applications/:id/reviewers', guard, async (req, reply) => {
    const found = await officer.managedApplication(req, reply);
    if (!found) return reply;
    const reviewers = await listUsersWithRole(db, 'reviewer');
    const form = readForm(reviewerForm(reviewers.map((r) => r.id)), req.body, {
      check: () => assignmentStatusIssues([found.application], 'reviewerId'),
    });
    if (!form.ok) return officer.applicationPage(req, reply, found, { ...form, status: 422 });
    const result = await assignReviewers(db, actorOf(req), [
      { applicationId: found.application.id, reviewerId: form.data.reviewerId },
    ]);
    if (!result.ok)
      return officer.applicationPage(req, reply, found, { ...failedForm(req.body, result.issues), status: 422 });
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=saved`);
  });
}
