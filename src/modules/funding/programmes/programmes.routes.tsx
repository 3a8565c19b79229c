// Programme officers manage programmes and their calls; the public reads open calls.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { failedForm, isUuid, pageParam } from '../../../core/http/form';
import { actorOf, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import { answerFromPageCache } from '../../../core/http/page-cache';
import type { AppDeps } from '../../../core/modules';
import { today } from '../../../core/time/clock';
import type { FieldErrors } from '../../../core/ui/context';
import { dashboardRows } from '../grants/dashboard.store';
import { unreadThreads } from '../messages/messages.store';
import { officerCounts } from '../officer/officer.store';
import { officerProgrammeIds } from '../permissions';
import { callIsOpen, rubricLockIssues } from './call-rules';
import { outdatedTranslations, shownCallFor, shownTitlesFor } from './call-translations.store';
import { CallForm, callValues, PublicCallList, PublicCallPage } from './calls-views';
import { readCallForm, readProgrammeForm } from './programme-forms';
import {
  callHasSubmittedScores,
  createCall,
  createProgramme,
  getCall,
  getProgramme,
  listCallsOfProgramme,
  listOpenCalls,
  listProgrammes,
  updateCall,
  updateProgramme,
} from './programmes.store';
import { FundingHome, ProgrammeForm, ProgrammePage, programmeValues } from './programmes-views';

type Params = { id: string };

export function programmeRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, now } = deps;
  const staff = { preHandler: [staffLanguage, requireUser] };

  /** The programme named in the URL, if the person may manage it; otherwise a 404 (no hint that it exists). */
  async function managedProgramme(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const id = req.params.id;
    const programme = isUuid(id) ? await getProgramme(db, id) : undefined;
    if (!programme || !app.can(req.user, 'programme.manage', programme)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return programme;
  }

  app.get('/funding', staff, async (req, reply) => {
    if (!app.can(req.user, 'funding.officerArea')) return renderError(req, reply, 403);
    // "overdue" depends on the day as well as on the data
    const day = today(now);
    if (await answerFromPageCache(req, reply, db, { vary: day })) return reply;
    const ids = officerProgrammeIds(req.user);
    const pageNo = pageParam(req.query);
    const [programmes, projects, counts, threads] = await Promise.all([
      listProgrammes(db, ids),
      dashboardRows(db, { programmeIds: ids }, day, pageNo),
      officerCounts(db, ids, day),
      req.user ? unreadThreads(db, req.user.id, ids) : [],
    ]);
    const unreadMessages = threads.reduce((n, x) => n + x.unread, 0);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:home.title'),
      (ctx) => (
        <FundingHome
          ctx={ctx}
          programmes={programmes}
          projects={projects}
          counts={counts}
          page={pageNo}
          unreadMessages={unreadMessages}
        />
      ),
    );
  });

  app.get('/funding/programmes/new', staff, async (req, reply) => {
    if (!app.can(req.user, 'programme.create')) return renderError(req, reply, 403);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:programme.new'),
      (ctx) => (
        <ProgrammeForm
          ctx={ctx}
          action={`/${ctx.lang}/funding/programmes/new`}
          heading={ctx.t('funding:programme.new')}
          values={{ maxDurationMonths: '36', cooperationForms: [] }}
        />
      ),
    );
  });

  app.post('/funding/programmes/new', staff, async (req, reply) => {
    if (!app.can(req.user, 'programme.create')) return renderError(req, reply, 403);
    const form = readProgrammeForm(req.body);
    if (!form.ok)
      return sendPage(
        req,
        reply,
        (ctx) => ctx.t('funding:programme.new'),
        (ctx) => (
          <ProgrammeForm
            ctx={ctx}
            action={`/${ctx.lang}/funding/programmes/new`}
            heading={ctx.t('funding:programme.new')}
            values={req.body as Record<string, string>}
            errors={form.errors}
          />
        ),
        400,
      );
    const id = await createProgramme(db, actorOf(req), form.data);
    return seeOther(reply, `/${req.lang}/funding/programmes/${id}?notice=saved`);
  });

  app.get<{ Params: Params }>('/funding/programmes/:id', staff, async (req, reply) => {
    const programme = await managedProgramme(req, reply);
    if (!programme) return reply;
    const calls = await listCallsOfProgramme(db, programme.id);
    const outdated = await outdatedTranslations(db, calls);
    return sendPage(
      req,
      reply,
      () => programme.title,
      (ctx) => <ProgrammePage ctx={ctx} programme={programme} calls={calls} outdated={outdated} />,
    );
  });

  app.get<{ Params: Params }>('/funding/programmes/:id/edit', staff, async (req, reply) => {
    const programme = await managedProgramme(req, reply);
    if (!programme) return reply;
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:programme.edit'),
      (ctx) => (
        <ProgrammeForm
          ctx={ctx}
          action={`/${ctx.lang}/funding/programmes/${programme.id}/edit`}
          heading={ctx.t('funding:programme.edit')}
          values={programmeValues(ctx.lang, programme)}
        />
      ),
    );
  });

  app.post<{ Params: Params }>('/funding/programmes/:id/edit', staff, async (req, reply) => {
    const programme = await managedProgramme(req, reply);
    if (!programme) return reply;
    const form = readProgrammeForm(req.body);
    if (!form.ok)
      return sendPage(
        req,
        reply,
        (ctx) => ctx.t('funding:programme.edit'),
        (ctx) => (
          <ProgrammeForm
            ctx={ctx}
            action={`/${ctx.lang}/funding/programmes/${programme.id}/edit`}
            heading={ctx.t('funding:programme.edit')}
            values={req.body as Record<string, string>}
            errors={form.errors}
          />
        ),
        400,
      );
    await updateProgramme(db, actorOf(req), programme.id, form.data, now());
    return seeOther(reply, `/${req.lang}/funding/programmes/${programme.id}?notice=saved`);
  });

  app.get<{ Params: Params }>('/funding/programmes/:id/calls/new', staff, async (req, reply) => {
    const programme = await managedProgramme(req, reply);
    if (!programme) return reply;
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:call.new'),
      (ctx) => (
        <CallForm
          ctx={ctx}
          action={`/${ctx.lang}/funding/programmes/${programme.id}/calls/new`}
          heading={ctx.t('funding:call.new')}
          values={{ stages: '1', opensTime: '00:00', closesTime: '12:00' }}
        />
      ),
    );
  });

  app.post<{ Params: Params }>('/funding/programmes/:id/calls/new', staff, async (req, reply) => {
    const programme = await managedProgramme(req, reply);
    if (!programme) return reply;
    const form = readCallForm(req.body, programme.id);
    if (!form.ok)
      return sendPage(
        req,
        reply,
        (ctx) => ctx.t('funding:call.new'),
        (ctx) => (
          <CallForm
            ctx={ctx}
            action={`/${ctx.lang}/funding/programmes/${programme.id}/calls/new`}
            heading={ctx.t('funding:call.new')}
            values={form.values}
            errors={form.errors}
          />
        ),
        400,
      );
    await createCall(db, actorOf(req), form.data);
    return seeOther(reply, `/${req.lang}/funding/programmes/${programme.id}?notice=saved`);
  });

  async function managedCall(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const call = isUuid(req.params.id) ? await getCall(db, req.params.id) : undefined;
    const programme = call ? await getProgramme(db, call.programmeId) : undefined;
    if (!call || !programme || !app.can(req.user, 'programme.manage', programme)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return call;
  }

  /** The call's edit form; a rubric locked by submitted scores is shown read-only with the reason. */
  async function editPage(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    call: NonNullable<Awaited<ReturnType<typeof managedCall>>>,
    form?: { values: Record<string, string>; errors: FieldErrors },
    status = 400,
  ) {
    const locked = await callHasSubmittedScores(db, call.id);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:call.edit'),
      (ctx) => (
        <CallForm
          ctx={ctx}
          action={`/${ctx.lang}/funding/calls/${call.id}/edit`}
          heading={ctx.t('funding:call.edit')}
          values={form?.values ?? callValues(call)}
          errors={form?.errors}
          lockedRubric={locked ? call.rubric : undefined}
        />
      ),
      form ? status : 200,
    );
  }

  app.get<{ Params: Params }>('/funding/calls/:id/edit', staff, async (req, reply) => {
    const call = await managedCall(req, reply);
    if (!call) return reply;
    return editPage(req, reply, call);
  });

  app.post<{ Params: Params }>('/funding/calls/:id/edit', staff, async (req, reply) => {
    const call = await managedCall(req, reply);
    if (!call) return reply;
    const form = readCallForm(req.body, call.programmeId);
    if (!form.ok) return editPage(req, reply, call, form);
    // the read-only rubric of a locked call sends no criteria: it stays as it is
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const rubricSent = Object.keys(body).some((k) => k.startsWith('criterion-'));
    const scoresSubmitted = await callHasSubmittedScores(db, call.id);
    const input = scoresSubmitted && !rubricSent ? { ...form.data, rubric: call.rubric } : form.data;
    const issues = rubricLockIssues({ scoresSubmitted, before: call.rubric, after: input.rubric ?? [] });
    if (issues.length) return editPage(req, reply, call, failedForm(req.body, issues), 422);
    const result = await updateCall(db, actorOf(req), call.id, input, now());
    if (!result.ok) return editPage(req, reply, call, failedForm(req.body, result.issues), 422);
    return seeOther(reply, `/${req.lang}/funding/programmes/${call.programmeId}?notice=saved`);
  });

  // ---- public, in every language ----
  app.get('/calls', async (req, reply) => {
    const calls = await listOpenCalls(db, now());
    const titles = await shownTitlesFor(
      db,
      calls.map((c) => c.call),
      req.lang,
    );
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:public.title'),
      (ctx) => <PublicCallList ctx={ctx} calls={calls} titles={titles} />,
    );
  });

  app.get<{ Params: Params }>('/calls/:id', async (req, reply) => {
    const call = isUuid(req.params.id) ? await getCall(db, req.params.id) : undefined;
    const programme = call?.published ? await getProgramme(db, call.programmeId) : undefined;
    const at = now();
    if (!call || !programme || call.opensAt > at) return renderError(req, reply, 404);
    const shown = await shownCallFor(db, call, req.lang);
    return sendPage(
      req,
      reply,
      () => shown.title.text,
      (ctx) => <PublicCallPage ctx={ctx} call={call} shown={shown} programme={programme} open={callIsOpen(call, at)} />,
    );
  });
}
