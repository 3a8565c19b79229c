// A project's consultations, for its staff (behind `project.view`): the list with the counts the
// report uses, recording one, and marking a follow-up done.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { type FieldErrors, failedForm, isUuid, readForm } from '../../../core/http/form';
import { actorOf, requireUser } from '../../../core/http/guards';
import type { AppDeps } from '../../../core/modules';
import { today } from '../../../core/time/clock';
import { renderPage } from '../../../core/ui/layout';
import { staffWorkspace } from '../workspace/project-access';
import { consultationForm } from './consultation-forms';
import { consultationCounts, consultationIssues } from './consultation-rules';
import { ConsultationFormPage, ConsultationsPage } from './consultation-views';
import { completeFollowUp, consultationsOf, recordConsultation } from './consultations.store';

type Params = { Params: { id: string } };

export function consultationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, now } = deps;
  const guard = { preHandler: [requireUser] };

  const projectFor = async (req: FastifyRequest, reply: FastifyReply) =>
    (await staffWorkspace(app, db, req, reply))?.project;

  app.get<Params>('/projects/:id/consultations', guard, async (req, reply) => {
    const project = await projectFor(req, reply);
    if (!project) return reply;
    const list = await consultationsOf(db, project.id);
    const done = (req.query as Record<string, unknown>)?.done;
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('activities:consultation.listTitle'),
        <ConsultationsPage
          ctx={ctx}
          project={project}
          consultations={list}
          counts={consultationCounts(list)}
          today={today(now)}
          done={done === 'recorded' || done === 'followUpDone' ? done : undefined}
        />,
      ),
    );
  });

  const showForm = async (
    req: FastifyRequest<Params>,
    reply: FastifyReply,
    project: NonNullable<Awaited<ReturnType<typeof projectFor>>>,
    form?: { values: Record<string, string | undefined>; errors: FieldErrors },
  ) => {
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('activities:consultation.newTitle'),
        <ConsultationFormPage
          ctx={ctx}
          project={project}
          values={form?.values ?? { heldOn: today(now) }}
          errors={form?.errors}
        />,
      ),
      form ? 400 : 200,
    );
  };

  app.get<Params>('/projects/:id/consultations/new', guard, async (req, reply) => {
    const project = await projectFor(req, reply);
    if (!project) return reply;
    return showForm(req, reply, project);
  });

  app.post<Params>('/projects/:id/consultations', guard, async (req, reply) => {
    const project = await projectFor(req, reply);
    if (!project) return reply;
    const form = readForm(consultationForm, req.body, { check: (d) => consultationIssues(d, today(now)) });
    if (!form.ok) return showForm(req, reply, project, form);
    const result = await recordConsultation(db, actorOf(req), project.id, form.data, { now: now(), today: today(now) });
    if (!result.ok) return showForm(req, reply, project, failedForm(req.body, result.issues));
    return seeOther(reply, `/${req.lang}/projects/${project.id}/consultations?done=recorded`);
  });

  app.post<{ Params: { id: string; cid: string } }>(
    '/projects/:id/consultations/:cid/follow-up-done',
    guard,
    async (req, reply) => {
      const project = await projectFor(req, reply);
      if (!project) return reply;
      // marking twice, or a consultation of another project, changes nothing and says nothing new
      if (isUuid(req.params.cid)) await completeFollowUp(db, actorOf(req), project.id, req.params.cid, now());
      return seeOther(reply, `/${req.lang}/projects/${project.id}/consultations?done=followUpDone`);
    },
  );
}
