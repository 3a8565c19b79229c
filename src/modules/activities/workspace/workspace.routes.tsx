// The project workspaces: the list of one's organisation's projects and one project's page. For
// carriers' and migrant organisations' staff, so in all six languages.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { requireUser } from '../../../core/http/guards';
import type { AppDeps } from '../../../core/modules';
import { renderPage } from '../../../core/ui/layout';
import { organisationIdsOf, organisationNames } from '../../network/api';
import { projectActivityCounts, seminarsOfProject } from '../seminars/seminars.store';
import { staffWorkspace } from './project-access';
import { workspacesOf } from './workspace.store';
import { eyeLevel } from './workspace-rules';
import { WorkspacePage, WorkspacesPage } from './workspace-views';

export function workspaceRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const guard = { preHandler: [requireUser] };

  app.get('/projects', guard, async (req, reply) => {
    if (!app.can(req.user, 'project.list')) return renderError(req, reply, 403);
    const ctx = await viewContext(req, reply);
    const projects = await workspacesOf(db, organisationIdsOf(req.user));
    return sendHtml(
      reply,
      renderPage(ctx, ctx.t('activities:workspace.listTitle'), <WorkspacesPage ctx={ctx} projects={projects} />),
    );
  });

  app.get('/projects/:id', guard, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    // a project of another organisation answers as one that does not exist
    const found = await staffWorkspace(app, db, req, reply);
    if (!found) return reply;
    const ctx = await viewContext(req, reply);
    const [names, seminars, counts] = await Promise.all([
      organisationNames(db, [found.project.organisationId]),
      seminarsOfProject(db, found.project.id),
      projectActivityCounts(db, found.project.id, deps.now()),
    ]);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        found.project.title,
        <WorkspacePage
          ctx={ctx}
          project={found.project}
          carrier={names.get(found.project.organisationId) ?? ''}
          partners={found.partners}
          eyeLevel={eyeLevel(found.partners)}
          seminars={seminars}
          counts={counts}
          now={deps.now()}
        />,
      ),
    );
  });
}
