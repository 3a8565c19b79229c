// The reviewer's side: reviewers name their fields, declare conflicts, then score; officers assign
// reviewers (evenly for a call, or one by hand). The officer's decision routes are in
// ../decisions/decisions.routes.tsx, whose pages hold the assignment forms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listUsersWithRole } from '../../../core/auth/users';
import { seeOther } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { isUuid, readForm } from '../../../core/http/form';
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
import { balanceAssignments, declarationIssues, scoreIssues, scoresOf, weightedScore } from './review-scores';
import {
  assignReviewers,
  declare,
  getAssignment,
  listAssignmentsOfApplications,
  listAssignmentsOfReviewer,
  saveScores,
} from './reviews.store';
import { DeclarationPage, ReviewerHome, ReviewPage } from './reviews-views';

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
    return seeOther(reply, `/${req.lang}/reviews/${a.assignment.id}?notice=saved`);
  });

  // ---- officers: assigning reviewers ----

  app.post<{ Params: Params }>('/funding/calls/:id/assign', guard, async (req, reply) => {
    const found = await officer.managedCall(req, reply);
    if (!found) return reply;
    const form = readForm(balanceForm, req.body);
    if (!form.ok) return officer.rankingPage(req, reply, found, form);
    const submitted = await submittedWithFields(db, found.call.id);
    const ids = submitted.map((a) => a.id);
    const existing = await listAssignmentsOfApplications(db, ids);
    const reviewers = await listUsersWithRole(db, 'reviewer');
    const pairs = balanceAssignments({
      applicationIds: ids,
      reviewerIds: reviewers.map((r) => r.id),
      existing: existing.filter((e) => e.declaration !== 'conflict'),
      excluded: existing.filter((e) => e.declaration === 'conflict'),
      perApplication: form.data.perApplication,
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

  app.post<{ Params: Params }>('/funding/applications/:id/reviewers', guard, async (req, reply) => {
    const found = await officer.managedApplication(req, reply);
    if (!found) return reply;
    const reviewers = await listUsersWithRole(db, 'reviewer');
    const form = readForm(reviewerForm(reviewers.map((r) => r.id)), req.body);
    if (!form.ok) return officer.applicationPage(req, reply, found, form);
    await assignReviewers(db, actorOf(req), [
      { applicationId: found.application.id, reviewerId: form.data.reviewerId },
    ]);
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=saved`);
  });
}
