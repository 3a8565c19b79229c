// Interim and final reports: narrative by goal, receipts imported from CSV, officer review. Forms
// are read by readForm; the report's period and the day it may be submitted are report-rules.ts.
// The figures shown are the store's figuresOf: a submitted report's snapshot, an open one's live figures.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { isUuid, readForm, toErrors } from '../../../core/http/form';
import { actorOf, requireUser } from '../../../core/http/guards';
import { acceptsUploads, readUploads, refuseUpload } from '../../../core/http/uploads';
import { translator } from '../../../core/i18n/i18n';
import type { AppDeps } from '../../../core/modules';
import { today } from '../../../core/time/clock';
import type { FieldErrors } from '../../../core/ui/context';
import { renderPage } from '../../../core/ui/layout';
import { getApplication } from '../applications/applications.store';
import { getGrantContext } from '../grants/grants.store';
import { acceptanceIssues } from '../money-back/money-back-rules';
import { type ReceiptError, readReceiptFile } from './receipts';
import { narrativeForm, reviewForm, submitForm } from './report-forms';
import { reportPeriod, reportReviewIssues, reportSubmitIssues } from './report-rules';
import {
  figuresOf,
  getReport,
  importReceipts,
  listReceipts,
  reviewReport,
  saveNarrative,
  submitReport,
  uncoveredOfReport,
} from './reports.store';
import { ReportPage } from './reports-views';

type Params = { id: string; reportId: string };

/** The project's goals, one a line, which the narrative answers one by one. */
const goalsOf = (application: { content: { goals: string } } | undefined) =>
  (application?.content.goals ?? '')
    .split(/\r?\n/)
    .map((g) => g.trim())
    .filter(Boolean);

export function reportRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  // carrier pages (the officers see them too): in every language
  const guard = { preHandler: [requireUser] };

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

  type Visible = NonNullable<Awaited<ReturnType<typeof visible>>>;
  /** What failed on the page: the receipt file by line, or a form's fields with what was typed. */
  type Failed = { importErrors: ReceiptError[] } | { values: Record<string, string>; errors: FieldErrors };

  async function show(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, v: Visible, failed?: Failed) {
    const [application, list, figures, uncovered] = await Promise.all([
      getApplication(db, v.grant.applicationId),
      listReceipts(db, v.report.id),
      figuresOf(db, v.report, deps.now()),
      uncoveredOfReport(db, v.report),
    ]);
    const goals = goalsOf(application);
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
          figures={figures}
          asCarrier={v.asCarrier}
          asOfficer={v.asOfficer}
          submittableFrom={reportPeriod(v.report, v.grant).end}
          uncoveredCents={uncovered}
          {...failed}
        />,
      ),
      failed ? 400 : 200,
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
    // one field per goal; a project without goals answers for the project as a whole
    const goals = Math.max(1, goalsOf(await getApplication(db, v.grant.applicationId)).length);
    const form = readForm(narrativeForm(goals), req.body);
    if (!form.ok) return show(req, reply, v, { values: form.values, errors: form.errors });
    if (!(await saveNarrative(db, actorOf(req), v.report.id, form.data))) return renderError(req, reply, 409);
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
    // the form holds nothing but the file; its other fields are read like any form's
    const form = readForm(submitForm, upload.fields);
    if (!form.ok) return show(req, reply, v, { values: form.values, errors: form.errors });
    const file = upload.files.find((f) => f.field === 'csv');
    const parsed = readReceiptFile(file?.content ?? Buffer.alloc(0), reportPeriod(v.report, v.grant));
    if (!parsed.ok) return show(req, reply, v, { importErrors: parsed.errors });
    const imported = await importReceipts(db, actorOf(req), v.report.id, parsed.receipts);
    if (!imported.ok) return show(req, reply, v, { values: {}, errors: toErrors(imported.issues) });
    return seeOther(reply, `/${req.lang}/grants/${v.grant.id}/reports/${v.report.id}?notice=saved`);
  });

  app.post<{ Params: Params }>('/grants/:id/reports/:reportId/submit', guard, async (req, reply) => {
    const v = await visible(req, reply);
    if (!v) return reply;
    if (!v.asCarrier) return renderError(req, reply, 403);
    const form = readForm(submitForm, req.body, {
      check: () => reportSubmitIssues(v.report, { today: today(deps.now), grant: v.grant }),
    });
    if (!form.ok) return show(req, reply, v, { values: form.values, errors: form.errors });
    if (!(await submitReport(db, actorOf(req), v.report.id, deps.now()))) return renderError(req, reply, 409);
    return seeOther(reply, `/${req.lang}/grants/${v.grant.id}/reports/${v.report.id}?notice=reportSubmitted`);
  });

  app.post<{ Params: Params }>('/grants/:id/reports/:reportId/review', guard, async (req, reply) => {
    const v = await visible(req, reply);
    if (!v) return reply;
    if (!v.asOfficer) return renderError(req, reply, 403);
    if (v.report.status !== 'submitted') return renderError(req, reply, 409);
    const [figures, uncoveredCents] = await Promise.all([
      figuresOf(db, v.report, deps.now()),
      uncoveredOfReport(db, v.report),
    ]);
    const form = readForm(reviewForm, req.body, {
      check: (d) => [
        ...reportReviewIssues(
          { note: d.note, action: d.action === 'corrections' ? 'corrections' : 'accept' },
          { report: v.report, figures },
        ),
        ...acceptanceIssues({ kind: v.report.kind, action: d.action, uncoveredCents }),
      ],
    });
    if (!form.ok) return show(req, reply, v, { values: form.values, errors: form.errors });
    const { action, note } = form.data;
    const outcome = action === 'corrections' ? 'correctionsRequested' : 'accepted';
    // the reclaim's reason is part of the notices, which are German
    const reclaimReason =
      action === 'acceptReclaim' ? note || translator('de')('funding:moneyBack.acceptanceReason') : undefined;
    const reviewed = await reviewReport(db, actorOf(req), v.report.id, outcome, note, deps.now(), { reclaimReason });
    if (!reviewed.ok) {
      if ('problem' in reviewed) return renderError(req, reply, 409);
      return show(req, reply, v, { values: form.values, errors: toErrors(reviewed.issues) });
    }
    return seeOther(reply, `/${req.lang}/grants/${v.grant.id}/reports/${v.report.id}?notice=saved`);
  });
}
