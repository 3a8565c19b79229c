// The officer's deadline calendar (/funding/calendar) and its iCalendar feed. The feed needs no
// session: its address carries a secret (stored as its sha-256) that opens only that officer's
// programmes' dates; a renewed secret makes the old address answer 404.
import type { FastifyInstance } from 'fastify';
import { loadCurrentUser } from '../../../core/auth/users';
import { renderError } from '../../../core/http/errors';
import { actorOf, requirePermission, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import { translator } from '../../../core/i18n/i18n';
import type { AppDeps } from '../../../core/modules';
import { berlinDate } from '../../../core/time/calendar';
import { today } from '../../../core/time/clock';
import { officerProgrammeIds } from '../permissions';
import { deadlinesOf, feedOf, feedOwner, renewFeed } from './calendar.store';
import { calendarFeed, type Deadline, isFeedToken, splitByDay } from './calendar-rules';
import { CalendarPage, reportLabel } from './calendar-views';

export function calendarRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const officer = { preHandler: [staffLanguage, requireUser, requirePermission('funding.officerArea')] };

  async function page(req: Parameters<typeof actorOf>[0], reply: Parameters<typeof renderError>[1], feedUrl?: string) {
    const day = today(deps.now);
    const [d, feed] = await Promise.all([
      deadlinesOf(db, officerProgrammeIds(req.user), day),
      feedOf(db, req.user!.id),
    ]);
    const { overdue, upcoming } = splitByDay(d.reports, day);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:history.calendar.title'),
      (ctx) => (
        <CalendarPage
          ctx={ctx}
          overdue={overdue}
          upcoming={upcoming}
          payments={d.payments}
          changes={d.changes}
          feedSince={feed?.createdAt}
          {...(feedUrl ? { feedUrl } : {})}
        />
      ),
    );
  }

  app.get('/funding/calendar', officer, (req, reply) => page(req, reply));

  // the new address is shown once, on the answer to the renewal; only its hash is kept
  app.post('/funding/calendar/feed', officer, async (req, reply) => {
    const actor = actorOf(req);
    const token = await renewFeed(db, { ...actor, id: req.user!.id }, deps.now());
    return page(req, reply, `${deps.config.baseUrl}/${req.lang}/funding/calendar/feed/${token}`);
  });

  app.get<{ Params: { token: string } }>('/funding/calendar/feed/:token', async (req, reply) => {
    const token = req.params.token;
    const owner = isFeedToken(token) ? await feedOwner(db, token) : undefined;
    const user = owner ? await loadCurrentUser(db, owner) : null;
    if (!user || !app.can(user, 'funding.officerArea')) return renderError(req, reply, 404);
    const t = translator(req.lang);
    const base = `${deps.config.baseUrl}/${req.lang}`;
    const d = await deadlinesOf(db, officerProgrammeIds(user), today(deps.now));
    const host = new URL(deps.config.baseUrl).hostname;
    const events: Deadline[] = [
      ...d.reports.map((r) => ({
        uid: `report-${r.reportId}@${host}`,
        kind: 'report' as const,
        day: r.dueOn,
        summary: `${t('funding:history.calendar.event.report', { project: r.title })} (${reportLabel(t, r)})`,
        url: `${base}/grants/${r.grantId}/reports/${r.reportId}`,
      })),
      ...d.payments.map((p) => ({
        uid: `payment-${p.paymentId}@${host}`,
        kind: 'payment' as const,
        day: p.dueOn,
        summary: t('funding:history.calendar.event.payment', { project: p.title }),
        url: `${base}/grants/${p.grantId}`,
      })),
      ...d.changes.map((c) => ({
        uid: `change-${c.changeId}@${host}`,
        kind: 'change' as const,
        day: berlinDate(c.requestedAt),
        summary: t('funding:history.calendar.event.change', { project: c.title }),
        url: `${base}/grants/${c.grantId}/changes/${c.changeId}`,
      })),
    ];
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(calendarFeed(t('funding:history.calendar.feedName'), events, deps.now()));
  });
}
