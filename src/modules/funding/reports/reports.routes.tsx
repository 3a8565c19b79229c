// Interim and final reports: narrative by goal, receipts imported from CSV, officer review.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { isUuid, str } from '../../../core/http/form';
import { actorOf, requireUser, staffLanguage } from '../../../core/http/guards';
import { acceptsUploads, readUploads, refuseUpload, uploadedText } from '../../../core/http/uploads';
import type { AppDeps } from '../../../core/modules';
import { berlinDate } from '../../../core/time/calendar';
import type { FieldErrors } from '../../../core/ui/context';
import { renderPage } from '../../../core/ui/layout';
import { getApplication } from '../applications/applications.store';
import { berlinDate as formatDate } from '../format';
import { getGrantContext } from '../grants/grants.store';
import { financialStatement, parseReceipts, type ReceiptError } from './receipts';
import {
  getReport,
  importReceipts,
  listReceipts,
  type Report,
  reviewReport,
  saveNarrative,
  submitReport,
} from './reports.store';
import { ReportPage } from './reports-views';

type Params = { id: string; reportId: string };

/** The dates receipts of a report may carry: its budget year, or the whole project for the final report. */
export function reportPeriod(
  report: Pick<Report, 'kind' | 'budgetYear'>,
  grant: { startDate: string; endDate: string },
) {
  if (report.kind === 'interim' && report.budgetYear) {
    const start = `${report.budgetYear}-01-01`;
    const end = `${report.budgetYear}-12-31`;
    return { start: start < grant.startDate ? grant.startDate : start, end: end > grant.endDate ? grant.endDate : end };
  }
  return { start: grant.startDate, end: grant.endDate };
}

export function reportRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const guard = { preHandler: [staffLanguage, requireUser] };

  async function visible(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const g = isUuid(req.params.id) ? await getGrantContext(db, req.params.id) : undefined;
    const report = g && isUuid(req.params.reportId) ? await getReport(db, req.params.reportId) : undefined;
    const resource = g && { application: { organisationId: g.grant.organisationId }, programme: g.programme };
    if (
      !g ||
      !resource ||
      !report ||
      report.grantId !== g.grant.id ||
      !app.can(req.user, 'application.view', resource)
    ) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return {
      ...g,
      report,
      asCarrier: app.can(req.user, 'application.edit', resource),
      asOfficer: app.can(req.user, 'programme.manage', g.programme),
    };
  }

  async function show(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    v: NonNullable<Awaited<ReturnType<typeof visible>>>,
    extra: { importErrors?: ReceiptError[]; errors?: FieldErrors } = {},
  ) {
    const [application, list] = await Promise.all([
      getApplication(db, v.grant.applicationId),
      listReceipts(db, v.report.id),
    ]);
    const goals = (application?.content.goals ?? '')
      .split(/\r?\n/)
      .map((g) => g.trim())
      .filter(Boolean);
    const planned = v.grant.plan.expenses.filter((e) => v.report.kind === 'final' || e.year === v.report.budgetYear);
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        v.grant.title,
        <ReportPage
          ctx={ctx}
          grant={v.grant}
          report={v.report}
          goals={goals.length ? goals : [ctx.t('funding:report.overall')]}
          receipts={list}
          statement={financialStatement(planned, list)}
          asCarrier={v.asCarrier}
          asOfficer={v.asOfficer}
          submittableFrom={reportPeriod(v.report, v.grant).end}
          {...extra}
        />,
      ),
      extra.importErrors || extra.errors ? 400 : 200,
    );
  }

  app.get<{ Params: Params }>('/grants/:id/reports/:reportId', guard, async (req, reply) => {
    const v = await visible(req, reply);
    if (!v) return reply;
    return show(req, reply, v);
  });

  app.post<{ Params: Params }>('/grants/:id/reports/:reportId/narrative', guard, async (req, reply) => {
    const v = await visible(req, reply);
    if (!v) return reply;
    if (!v.asCarrier) return renderError(req, reply, 403);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const narrative = Object.keys(body)
      .filter((k) => /^goal-\d{1,2}$/.test(k))
      .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))
      .map((k) => str(body[k]).slice(0, 20000));
    if (!(await saveNarrative(db, actorOf(req), v.report.id, narrative))) return renderError(req, reply, 409);
    return seeOther(reply, `/${req.lang}/grants/${v.grant.id}/reports/${v.report.id}?notice=saved`);
  });

  // receipts arrive as one CSV file of at most 10,000 rows (receipts.ts): 5 MB is ample
  const csvMax = 5 * 1024 * 1024;
  const withCsv = { ...guard, ...acceptsUploads({ maxFileBytes: csvMax, maxFiles: 1 }) };
  app.post<{ Params: Params }>('/grants/:id/reports/:reportId/receipts', withCsv, async (req, reply) => {
    const v = await visible(req, reply);
    if (!v) return reply;
    if (!v.asCarrier) return renderError(req, reply, 403);
    const upload = await readUploads(req, (field) => (field === 'csv' ? csvMax : undefined));
    if (!upload.ok) return refuseUpload(req, reply, upload);
    const file = upload.files.find((f) => f.field === 'csv');
    const read = file ? uploadedText(file.content) : { ok: true as const, text: '' };
    if (!read.ok) {
      const code = read.key === 'badCharacters' ? 'common:validation.badCharacters' : 'funding:receipts.unreadable';
      return show(req, reply, v, { importErrors: [{ row: read.line, column: '', code }] });
    }
    const parsed = parseReceipts(read.text, reportPeriod(v.report, v.grant));
    if (!parsed.ok) return show(req, reply, v, { importErrors: parsed.errors });
    if (!(await importReceipts(db, actorOf(req), v.report.id, parsed.receipts))) return renderError(req, reply, 409);
    return seeOther(reply, `/${req.lang}/grants/${v.grant.id}/reports/${v.report.id}?notice=saved`);
  });

  app.post<{ Params: Params }>('/grants/:id/reports/:reportId/submit', guard, async (req, reply) => {
    const v = await visible(req, reply);
    if (!v) return reply;
    if (!v.asCarrier) return renderError(req, reply, 403);
    // a report covers a finished period: from its last day on, not before
    const from = reportPeriod(v.report, v.grant).end;
    if (berlinDate(new Date()) < from) {
      const ctx = await viewContext(req, reply);
      return show(req, reply, v, {
        errors: { submit: ctx.t('funding:report.tooEarly', { date: formatDate(ctx.lang, from) }) },
      });
    }
    if (!(await submitReport(db, actorOf(req), v.report.id))) return renderError(req, reply, 409);
    return seeOther(reply, `/${req.lang}/grants/${v.grant.id}/reports/${v.report.id}?notice=reportSubmitted`);
  });

  app.post<{ Params: Params }>('/grants/:id/reports/:reportId/review', guard, async (req, reply) => {
    const v = await visible(req, reply);
    if (!v) return reply;
    if (!v.asOfficer) return renderError(req, reply, 403);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const action = str(body.action);
    const note = str(body.note).slice(0, 10000);
    if (action === 'corrections' && !note) {
      const ctx = await viewContext(req, reply);
      return show(req, reply, v, { errors: { note: ctx.t('funding:report.noteRequired') } });
    }
    const outcome = action === 'accept' ? 'accepted' : 'correctionsRequested';
    if (!(await reviewReport(db, actorOf(req), v.report.id, outcome, note))) return renderError(req, reply, 409);
    return seeOther(reply, `/${req.lang}/grants/${v.grant.id}/reports/${v.report.id}?notice=saved`);
  });
}
