// The issuing authority's settings page: administrators keep the name, address, unit, contact
// person, phone and e-mail that every notice issued from now on names. Issued notices keep theirs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { readForm } from '../../../core/http/form';
import { actorOf, requireUser, staffLanguage } from '../../../core/http/guards';
import type { AppDeps } from '../../../core/modules';
import { renderPage } from '../../../core/ui/layout';
import { authorityIssues } from './authority';
import { getAuthority, saveAuthority } from './authority.store';
import { authorityForm } from './authority-forms';
import { AuthorityPage, type Failed } from './authority-views';

export function authorityRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const guard = { preHandler: [staffLanguage, requireUser] };

  async function show(req: FastifyRequest, reply: FastifyReply, failed?: Failed) {
    const authority = await getAuthority(db);
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('funding:notices.title'),
        <AuthorityPage ctx={ctx} authority={authority} failed={failed} />,
      ),
      failed ? 400 : 200,
    );
  }

  app.get('/funding/authority', guard, async (req, reply) => {
    if (!app.can(req.user, 'authority.edit')) return renderError(req, reply, 403);
    return show(req, reply);
  });

  app.post('/funding/authority', guard, async (req, reply) => {
    if (!app.can(req.user, 'authority.edit')) return renderError(req, reply, 403);
    const form = readForm(authorityForm, req.body, { check: authorityIssues });
    if (!form.ok) return show(req, reply, form);
    await saveAuthority(db, actorOf(req), form.data);
    return seeOther(reply, `/${req.lang}/funding/authority?notice=saved`);
  });
}
