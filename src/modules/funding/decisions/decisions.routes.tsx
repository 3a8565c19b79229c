// The officer decides: a call's ranking, one application with its reviews, and the forms that
// decide it, return it for changes or invite an outline to the full application; and the decision
// notice as issued, for the carrier and the officers. Mails follow from the stores' events
// (decision-mails.ts).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findUserById, listUsersWithRole } from '../../../core/auth/users';
import { seeOther } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { failedForm, isUuid, pageParam, readForm } from '../../../core/http/form';
import { actorOf, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import { answerFromPageCache } from '../../../core/http/page-cache';
import type { AppDeps } from '../../../core/modules';
import type { FieldErrors } from '../../../core/ui/context';
import { getOrganisation } from '../../network/api';
import { neverSubmitted } from '../applications/application-rules';
import { getApplicationContext } from '../applications/applications.store';
import { unreadCount } from '../messages/messages.store';
import { MessagesLink } from '../messages/messages-views';
import { needsConfirmations, partnerStates } from '../partner-confirmations/partner-confirmation-rules';
import { ConfirmationsOverview } from '../partner-confirmations/partner-confirmation-views';
import { listConfirmations } from '../partner-confirmations/partner-confirmations.store';
import { topicsOfReviewers } from '../programmes/fields-of-action';
import { getCall, getProgramme } from '../programmes/programmes.store';
import { weightedScore } from '../reviews/review-scores';
import { listAssignmentsOfApplications } from '../reviews/reviews.store';
import { decisionForm, invitationForm, returnForm } from './decision-forms';
import { checkDecision, decisionContext, dueAtOf, invitationIssues, proposalOf } from './decision-rules';
import {
  cosignDecision,
  decisionNotice,
  draftOf,
  getGrantOfApplication,
  inviteFullApplication,
  issueDecision,
  latestDecision,
  noticeFilename,
  previewNotice,
  rejectionNoticeFilename,
  returnForChanges,
  saveDraftDecision,
} from './decisions.store';
import { OfficerApplicationPage, RankingPage } from './decisions-views';
import { callRanking } from './ranking.store';

type Params = { id: string };
type Req = FastifyRequest<{ Params: Params }>;
/** A form shown again: what was typed and what is wrong (400 unless `status` says otherwise). */
export type ShownForm = { values: Record<string, string>; errors: FieldErrors; status?: number };

/**
 * The officer's pages of a call and of an application, for the routes here and for the reviewer
 * assignments (reviews.routes.tsx), whose forms sit on these pages.
 */
export function officerPages(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;

  /** A call of a programme the officer manages; anyone else gets 404. */
  async function managedCall(req: Req, reply: FastifyReply) {
    const call = isUuid(req.params.id) ? await getCall(db, req.params.id) : undefined;
    const programme = call ? await getProgramme(db, call.programmeId) : undefined;
    if (!call || !programme || !app.can(req.user, 'programme.manage', programme)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return { call, programme };
  }

  async function rankingPage(
    req: Req,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof managedCall>>>,
  ) {
    const pageNo = pageParam(req.query);
    const ranking = await callRanking(db, found.call, pageNo);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:ranking.title'),
      (ctx) => <RankingPage ctx={ctx} call={found.call} programme={found.programme} ranking={ranking} page={pageNo} />,
    );
  }

  /** A submitted (or later) application of a programme the officer manages; anyone else gets 404. */
  async function managedApplication(req: Req, reply: FastifyReply) {
    const found = isUuid(req.params.id) ? await getApplicationContext(db, req.params.id) : undefined;
    if (!found || !app.can(req.user, 'programme.manage', found.programme) || neverSubmitted(found.application)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return found;
  }

  /** The officer's page of an application: reviews, reviewers to add, and the forms to decide. */
  async function applicationPage(
    req: Req,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof managedApplication>>>,
    form?: ShownForm,
  ) {
    const [assignments, reviewers, org, decision, grant, draft, carrierStaff] = await Promise.all([
      listAssignmentsOfApplications(db, [found.application.id]),
      listUsersWithRole(db, 'reviewer'),
      getOrganisation(db, found.application.organisationId),
      latestDecision(db, found.application.id),
      getGrantOfApplication(db, found.application.id),
      draftOf(db, found.application.id),
      listUsersWithRole(db, 'carrierStaff', 'organisation', found.application.organisationId),
    ]);
    const unread = req.user ? await unreadCount(db, req.user.id, { kind: 'application', id: found.application.id }) : 0;
    const confirmations = needsConfirmations(found.application.stage)
      ? partnerStates(
          found.application.content,
          org?.name ?? '',
          await listConfirmations(db, found.application.id),
          deps.now(),
        )
      : undefined;
    const nameOf = async (id: string | null | undefined) => (id ? (await findUserById(db, id))?.name : undefined);
    const [draftedByName, cosignedByName] = await Promise.all([nameOf(draft?.draftedBy), nameOf(draft?.cosignedBy)]);
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
          programme={found.programme}
          organisationName={org?.name ?? ''}
          carrierReachable={carrierStaff.length > 0}
          assignments={rows}
          reviewers={free}
          decision={decision}
          draft={draft}
          {...(draftedByName ? { draftedByName } : {})}
          {...(cosignedByName ? { cosignedByName } : {})}
          grantId={grant?.id}
          messages={<MessagesLink ctx={ctx} kind="application" id={found.application.id} unread={unread} />}
          partnerConfirmations={
            confirmations && (
              <ConfirmationsOverview ctx={ctx} partners={found.application.content.partners} states={confirmations} />
            )
          }
          values={form?.values ?? {}}
          errors={form?.errors}
        />
      ),
      form ? (form.status ?? 400) : 200,
    );
  }

  return { managedCall, rankingPage, managedApplication, applicationPage };
}

export function decisionRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const guard = { preHandler: [staffLanguage, requireUser] };
  // the carrier's own copy of the notice: in every language
  const carrier = { preHandler: [requireUser] };
  const pages = officerPages(app, deps);

  app.get<{ Params: Params }>('/funding/calls/:id/ranking', guard, async (req, reply) => {
    // the person, URL and database state decide the page, so a stored page needs no new checks
    if (await answerFromPageCache(req, reply, db)) return reply;
    const found = await pages.managedCall(req, reply);
    if (!found) return reply;
    return pages.rankingPage(req, reply, found);
  });

  app.get<{ Params: Params }>('/funding/applications/:id', guard, async (req, reply) => {
    const found = await pages.managedApplication(req, reply);
    if (!found) return reply;
    return pages.applicationPage(req, reply, found);
  });

  // The officer's proposal is saved as a draft with a preview of its notice; only issuing it
  // decides (and creates the grant). The rules run on the form here and again in the store.
  app.post<{ Params: Params }>('/funding/applications/:id/decision', guard, async (req, reply) => {
    const found = await pages.managedApplication(req, reply);
    if (!found) return reply;
    const ctx = decisionContext(found.application, found.programme);
    const form = readForm(decisionForm, req.body, { check: (d) => checkDecision(d, ctx).issues });
    if (!form.ok) return pages.applicationPage(req, reply, found, form);
    const { proposal } = proposalOf(form.data, ctx);
    const result = await saveDraftDecision(
      db,
      actorOf(req),
      { applicationId: found.application.id, proposal },
      deps.now(),
    );
    if (!result) return renderError(req, reply, 409);
    if ('issues' in result) return pages.applicationPage(req, reply, found, failedForm(req.body, result.issues));
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=draftSaved#draft-title`);
  });

  app.post<{ Params: Params }>('/funding/applications/:id/decision/cosign', guard, async (req, reply) => {
    const found = await pages.managedApplication(req, reply);
    if (!found) return reply;
    const result = await cosignDecision(db, actorOf(req), found.application.id, deps.now());
    if (!result) return renderError(req, reply, 409);
    if ('issues' in result) return pages.applicationPage(req, reply, found, failedForm({}, result.issues));
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=cosigned#draft-title`);
  });

  app.post<{ Params: Params }>('/funding/applications/:id/decision/issue', guard, async (req, reply) => {
    const found = await pages.managedApplication(req, reply);
    if (!found) return reply;
    const result = await issueDecision(db, actorOf(req), found.application.id, deps.now());
    if (!result) return renderError(req, reply, 409);
    if ('issues' in result) return pages.applicationPage(req, reply, found, failedForm({}, result.issues));
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=saved`);
  });

  // the draft's notice as it would be issued, marked as a draft; rendered on each request, stored never
  app.get<{ Params: Params }>('/funding/applications/:id/decision/preview.pdf', guard, async (req, reply) => {
    const found = await pages.managedApplication(req, reply);
    if (!found) return reply;
    const content = await previewNotice(db, found.application.id, deps.now());
    if (!content) return renderError(req, reply, 404);
    const draft = await draftOf(db, found.application.id);
    const filename =
      draft?.outcome === 'rejected' ? 'ablehnungsbescheid-entwurf.pdf' : 'zuwendungsbescheid-entwurf.pdf';
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(content);
  });

  app.post<{ Params: Params }>('/funding/applications/:id/return', guard, async (req, reply) => {
    const found = await pages.managedApplication(req, reply);
    if (!found) return reply;
    const form = readForm(returnForm, req.body);
    if (!form.ok) return pages.applicationPage(req, reply, found, form);
    if (!(await returnForChanges(db, actorOf(req), found.application.id, form.data.returnReason, deps.now())))
      return renderError(req, reply, 409);
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=saved`);
  });

  app.post<{ Params: Params }>('/funding/applications/:id/invite', guard, async (req, reply) => {
    const found = await pages.managedApplication(req, reply);
    if (!found) return reply;
    const now = deps.now();
    const form = readForm(invitationForm, req.body, { check: (d) => invitationIssues(d, { now }) });
    if (!form.ok) return pages.applicationPage(req, reply, found, form);
    const fullId = await inviteFullApplication(db, actorOf(req), found.application.id, dueAtOf(form.data), now);
    if (!fullId) return renderError(req, reply, 409);
    return seeOther(reply, `/${req.lang}/funding/applications/${found.application.id}?notice=saved`);
  });

  // the grant decision as issued, for the carrier and the officers: the stored bytes, never re-rendered
  app.get<{ Params: Params }>('/applications/:id/decision.pdf', carrier, async (req, reply) => {
    const found = isUuid(req.params.id) ? await getApplicationContext(db, req.params.id) : undefined;
    if (!found || !app.can(req.user, 'application.view', found)) return renderError(req, reply, 404);
    const notice = await decisionNotice(db, found.application.id);
    if (!notice) return renderError(req, reply, 404);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${noticeFilename}"`)
      .send(notice.content);
  });

  // the rejection notice as issued, likewise
  app.get<{ Params: Params }>('/applications/:id/rejection.pdf', carrier, async (req, reply) => {
    const found = isUuid(req.params.id) ? await getApplicationContext(db, req.params.id) : undefined;
    if (!found || !app.can(req.user, 'application.view', found)) return renderError(req, reply, 404);
    const notice = await decisionNotice(db, found.application.id, 'rejected');
    if (!notice) return renderError(req, reply, 404);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${rejectionNoticeFilename}"`)
      .send(notice.content);
  });
}
