// Finding an application by its case number (Aktenzeichen): officers and administrators type all
// or part of it; one exact hit opens the application, otherwise the hits they may see are listed.
import type { FastifyInstance } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { str } from '../../../core/http/form';
import { requireUser, staffLanguage } from '../../../core/http/guards';
import type { AppDeps } from '../../../core/modules';
import { renderPage } from '../../../core/ui/layout';
import { getApplicationContext } from '../applications/applications.store';
import { findByCaseNumber } from './case-number.store';
import { CaseSearchPage } from './case-search-views';

export function caseSearchRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  app.get('/funding/case-numbers', { preHandler: [staffLanguage, requireUser] }, async (req, reply) => {
    if (!app.can(req.user, 'funding.officerArea')) return renderError(req, reply, 403);
    const q = str((req.query as Record<string, unknown>).q)
      .trim()
      .slice(0, 100);
    const hits = [];
    for (const row of q ? await findByCaseNumber(db, q) : []) {
      const found = await getApplicationContext(db, row.id);
      if (found && app.can(req.user, 'application.view', found))
        hits.push({ id: row.id, caseNumber: row.caseNumber ?? '', title: found.application.content.title });
    }
    const exact = hits.filter((h) => h.caseNumber.toLowerCase() === q.toLowerCase());
    if (exact.length === 1 && exact[0]) return seeOther(reply, `/${req.lang}/funding/applications/${exact[0].id}`);
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(ctx, ctx.t('funding:notices.searchTitle'), <CaseSearchPage ctx={ctx} q={q} hits={hits} />),
    );
  });
}
