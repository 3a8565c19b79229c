// Mentoring rounds, for the project's staff (behind `project.view`): the rounds, a round in its
// matching phase with suggestions and the optimal pairing, and its forms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { type FieldErrors, failedForm, isUuid, listOf, readForm } from '../../../core/http/form';
import { actorOf, requireUser } from '../../../core/http/guards';
import type { AppDeps } from '../../../core/modules';
import { renderPage } from '../../../core/ui/layout';
import { compareAssignment, optimalAssignment } from '../../network/api';
import { staffWorkspace } from '../workspace/project-access';
import {
  addPerson,
  adoptOptimalPairing,
  createRound,
  finishMatching,
  getRound,
  pairByHand,
  roundsOf,
  scorer,
} from './mentoring.store';
import { pairForm, personForm, personFormOptions, roundForm } from './mentoring-forms';
import { suggestMentors } from './mentoring-rules';
import { RoundPage, RoundsPage, type RoundView } from './mentoring-views';

type ProjectParams = { Params: { id: string } };
type RoundParams = { Params: { id: string; rid: string } };
const doneKeys = ['created', 'added', 'paired', 'adopted', 'finished'];

export function mentoringRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, now } = deps;
  const guard = { preHandler: [requireUser] };

  const projectFor = async (req: FastifyRequest, reply: FastifyReply) =>
    (await staffWorkspace(app, db, req, reply))?.project;

  async function roundFor(req: FastifyRequest<RoundParams>, reply: FastifyReply) {
    const project = await projectFor(req, reply);
    if (!project) return undefined;
    const found = isUuid(req.params.rid) ? await getRound(db, req.params.rid) : undefined;
    if (!found || found.round.projectId !== project.id) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return { project, ...found };
  }

  const showRounds = async (
    req: FastifyRequest<ProjectParams>,
    reply: FastifyReply,
    project: NonNullable<Awaited<ReturnType<typeof projectFor>>>,
    form?: { values: Record<string, string | undefined>; errors: FieldErrors },
  ) => {
    const rounds = await roundsOf(db, project.id);
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('activities:mentoring.listTitle'),
        <RoundsPage ctx={ctx} project={project} rounds={rounds} values={form?.values} errors={form?.errors} />,
      ),
      form ? 400 : 200,
    );
  };

  app.get<ProjectParams>('/projects/:id/mentoring', guard, async (req, reply) => {
    const project = await projectFor(req, reply);
    if (!project) return reply;
    return showRounds(req, reply, project);
  });

  app.post<ProjectParams>('/projects/:id/mentoring', guard, async (req, reply) => {
    const project = await projectFor(req, reply);
    if (!project) return reply;
    const form = readForm(roundForm, req.body);
    if (!form.ok) return showRounds(req, reply, project, form);
    const id = await createRound(db, actorOf(req), project.id, form.data, now());
    return seeOther(reply, `/${req.lang}/projects/${project.id}/mentoring/${id}?done=created`);
  });

  const showRound = async (
    req: FastifyRequest<RoundParams>,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof roundFor>>>,
    form?: { which: 'person' | 'pair'; values: Record<string, string | undefined>; errors: FieldErrors },
  ) => {
    const score = scorer(found.mentees, found.mentors);
    const profile = (p: (typeof found.mentors)[number]) => ({
      id: p.id,
      languages: p.languages,
      topics: p.topics,
      region: p.region,
    });
    const optimal = optimalAssignment(
      found.mentees.map((m) => m.id),
      found.mentors.map((m) => m.id),
      score,
    );
    const comparison = compareAssignment(
      found.pairs.map((p) => ({ left: p.menteeId, right: p.mentorId })),
      optimal,
      score,
    );
    const view: RoundView = {
      round: found.round,
      mentors: found.mentors,
      mentees: found.mentees,
      pairs: found.pairs,
      suggestions: new Map(found.mentees.map((e) => [e.id, suggestMentors(profile(e), found.mentors.map(profile))])),
      optimal,
      currentTotal: comparison.current.total,
      changed: comparison.changed,
    };
    const done = (req.query as Record<string, unknown>)?.done;
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        found.round.title,
        <RoundPage
          ctx={ctx}
          project={found.project}
          view={view}
          done={typeof done === 'string' && doneKeys.includes(done) ? done : undefined}
          form={form}
        />,
      ),
      form ? 400 : 200,
    );
  };

  app.get<RoundParams>('/projects/:id/mentoring/:rid', guard, async (req, reply) => {
    const found = await roundFor(req, reply);
    if (!found) return reply;
    return showRound(req, reply, found);
  });

  const back = (req: FastifyRequest<RoundParams>, reply: FastifyReply, done: string) =>
    seeOther(reply, `/${req.lang}/projects/${req.params.id}/mentoring/${req.params.rid}?done=${done}`);

  app.post<RoundParams>('/projects/:id/mentoring/:rid/people', guard, async (req, reply) => {
    const found = await roundFor(req, reply);
    if (!found) return reply;
    const body = req.body as Record<string, unknown> | undefined;
    const shown = (values: Record<string, string | undefined>) => ({
      ...values,
      languages: listOf(body?.languages).join(','),
      topics: listOf(body?.topics).join(','),
    });
    const form = readForm(personForm, req.body, personFormOptions);
    if (!form.ok)
      return showRound(req, reply, found, { which: 'person', values: shown(form.values), errors: form.errors });
    const result = await addPerson(db, actorOf(req), found.round.id, form.data, now());
    if (!result.ok) {
      const failed = failedForm(req.body, result.issues);
      return showRound(req, reply, found, { which: 'person', values: shown(failed.values), errors: failed.errors });
    }
    return back(req, reply, 'added');
  });

  app.post<RoundParams>('/projects/:id/mentoring/:rid/pairs', guard, async (req, reply) => {
    const found = await roundFor(req, reply);
    if (!found) return reply;
    const form = readForm(pairForm, req.body);
    if (!form.ok) return showRound(req, reply, found, { which: 'pair', ...form });
    const result = await pairByHand(db, actorOf(req), found.round.id, form.data, now());
    if (!result.ok) return showRound(req, reply, found, { which: 'pair', ...failedForm(req.body, result.issues) });
    return back(req, reply, 'paired');
  });

  app.post<RoundParams>('/projects/:id/mentoring/:rid/optimal', guard, async (req, reply) => {
    const found = await roundFor(req, reply);
    if (!found) return reply;
    const result = await adoptOptimalPairing(db, actorOf(req), found.round.id, now());
    if (!result.ok) return showRound(req, reply, found, { which: 'pair', ...failedForm(req.body, result.issues) });
    return back(req, reply, 'adopted');
  });

  app.post<RoundParams>('/projects/:id/mentoring/:rid/finish', guard, async (req, reply) => {
    const found = await roundFor(req, reply);
    if (!found) return reply;
    await finishMatching(db, actorOf(req), found.round.id, now());
    return back(req, reply, 'finished');
  });
}
