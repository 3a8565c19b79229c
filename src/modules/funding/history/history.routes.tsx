// The case history of an application (officer pages, /funding/…) and of a grant (/grants/…, beside
// the grant's other pages), with the internal notes. Only the programme's officers and the
// administrators open them; a carrier, though allowed on the grant's pages, gets 404 here, so
// neither a note nor that there are notes is ever shown to them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { type FieldErrors, readForm } from '../../../core/http/form';
import { actorOf, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import type { AppDeps } from '../../../core/modules';
import { officerPages } from '../decisions/decisions.routes';
import { getGrantOfApplication } from '../decisions/decisions.store';
import { grantAccess, type VisibleGrant } from '../grants/grant-access';
import { addNote, applicationHistory, grantHistory } from './history.store';
import { noteForm } from './history-forms';
import { HistoryPage } from './history-views';

type Params = { id: string };
type Req = FastifyRequest<{ Params: Params }>;
type Shown = { values: Record<string, string>; errors: FieldErrors };

export function historyRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const pages = officerPages(app, deps);
  const visibleGrant = grantAccess(app, db);
  const staff = { preHandler: [staffLanguage, requireUser] };
  // the grant's pages exist in every language
  const guard = { preHandler: [requireUser] };

  type Found = NonNullable<Awaited<ReturnType<typeof pages.managedApplication>>>;
  async function applicationPage(req: Req, reply: FastifyReply, found: Found, form?: Shown) {
    const id = found.application.id;
    const [entries, grant] = await Promise.all([applicationHistory(db, id), getGrantOfApplication(db, id)]);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:history.title', { title: found.application.content.title }),
      (ctx) => (
        <HistoryPage
          ctx={ctx}
          title={found.application.content.title}
          casePath={`/funding/applications/${id}`}
          notePath={`/funding/applications/${id}/notes`}
          {...(grant
            ? { related: { path: `/grants/${grant.id}/history`, label: ctx.t('funding:history.grantLink') } }
            : {})}
          entries={entries}
          values={form?.values ?? {}}
          errors={form?.errors}
        />
      ),
      form ? 400 : 200,
    );
  }

  app.get<{ Params: Params }>('/funding/applications/:id/history', staff, async (req, reply) => {
    const found = await pages.managedApplication(req, reply);
    if (!found) return reply;
    return applicationPage(req, reply, found);
  });

  app.post<{ Params: Params }>('/funding/applications/:id/notes', staff, async (req, reply) => {
    const found = await pages.managedApplication(req, reply);
    if (!found) return reply;
    const form = readForm(noteForm, req.body);
    if (!form.ok) return applicationPage(req, reply, found, form);
    const id = found.application.id;
    await addNote(db, actorOf(req), 'application', id, form.data.note, deps.now());
    return seeOther(reply, `/${req.lang}/funding/applications/${id}/history`);
  });

  /** The grant for its officers; the carrier and everyone else get 404. */
  async function officersGrant(req: Req, reply: FastifyReply) {
    const g = await visibleGrant(req, reply);
    if (!g) return undefined;
    if (!g.asOfficer) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return g;
  }

  async function grantPage(req: Req, reply: FastifyReply, g: VisibleGrant, form?: Shown) {
    const entries = await grantHistory(db, g.grant);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:history.title', { title: g.grant.title }),
      (ctx) => (
        <HistoryPage
          ctx={ctx}
          title={g.grant.title}
          casePath={`/grants/${g.grant.id}`}
          notePath={`/grants/${g.grant.id}/notes`}
          related={{
            path: `/funding/applications/${g.grant.applicationId}/history`,
            label: ctx.t('funding:history.applicationLink'),
          }}
          entries={entries}
          values={form?.values ?? {}}
          errors={form?.errors}
        />
      ),
      form ? 400 : 200,
    );
  }

  app.get<{ Params: Params }>('/grants/:id/history', guard, async (req, reply) => {
    const g = await officersGrant(req, reply);
    if (!g) return reply;
    return grantPage(req, reply, g);
  });

  app.post<{ Params: Params }>('/grants/:id/notes', guard, async (req, reply) => {
    const g = await officersGrant(req, reply);
    if (!g) return reply;
    const form = readForm(noteForm, req.body);
    if (!form.ok) return grantPage(req, reply, g, form);
    await addNote(db, actorOf(req), 'grant', g.grant.id, form.data.note, deps.now());
    return seeOther(reply, `/${req.lang}/grants/${g.grant.id}/history`);
  });
}
