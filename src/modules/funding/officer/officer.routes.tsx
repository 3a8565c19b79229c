// The officer's tools: all applications across calls (GET filter, sorting, pages), the exports of
// applications, decisions and payments (CSV and XLSX, with the same filters and only what the
// officer may see), and the payments by budget year and programme. Officers see the programmes they
// are assigned to, administrators all (permissions.ts officerProgrammeIds).
import type { FastifyInstance } from 'fastify';
import { seeOther } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { requirePermission, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import { translator } from '../../../core/i18n/i18n';
import type { AppDeps } from '../../../core/modules';
import { today } from '../../../core/time/clock';
import { officerProgrammeIds } from '../permissions';
import { listProgrammes } from '../programmes/programmes.store';
import { exactCaseNumberHit, readApplicationQuery, readPaymentQuery } from './list-query';
import {
  callsInScope,
  exportApplications,
  exportDecisions,
  exportPayments,
  listApplications,
  listPayments,
  paymentGroups,
  paymentYears,
} from './officer.store';
import { ApplicationListPage, PaymentsOverviewPage } from './officer-views';
import { type ExportTable, toCsv, toXlsx } from './table-export';

const exportFiles = /^(applications|decisions|payments)\.(csv|xlsx)$/;

/** A day as ISO text, in the Berlin calendar, from a stored instant. */
const isoDay = (d: Date | null) =>
  d ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d) : null;

export function officerRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const officer = { preHandler: [staffLanguage, requireUser, requirePermission('funding.officerArea')] };

  app.get('/funding/applications', officer, async (req, reply) => {
    const scope = officerProgrammeIds(req.user);
    const filter = readApplicationQuery(req.query);
    const [calls, list] = await Promise.all([callsInScope(db, scope), listApplications(db, scope, filter)]);
    // a whole case number typed into the search opens its application, as a file number does at the registry
    const exact = exactCaseNumberHit(filter, list.rows);
    if (exact) return seeOther(reply, `/${req.lang}/funding/applications/${exact}`);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:officerTools.applications.title'),
      (ctx) => <ApplicationListPage ctx={ctx} filter={filter} calls={calls} rows={list.rows} total={list.total} />,
    );
  });

  app.get('/funding/payments', officer, async (req, reply) => {
    const scope = officerProgrammeIds(req.user);
    const filter = readPaymentQuery(req.query);
    const day = today(deps.now);
    const [programmes, years, groups, list] = await Promise.all([
      listProgrammes(db, scope),
      paymentYears(db, scope),
      paymentGroups(db, scope, filter, day),
      listPayments(db, scope, filter, day),
    ]);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:officerTools.payments.title'),
      (ctx) => (
        <PaymentsOverviewPage
          ctx={ctx}
          filter={filter}
          programmes={programmes.map((p) => ({ id: p.id, title: p.title }))}
          years={years}
          groups={groups}
          rows={list.rows}
          total={list.total}
        />
      ),
    );
  });

  app.get<{ Params: { file: string } }>('/funding/exports/:file', officer, async (req, reply) => {
    const m = exportFiles.exec(req.params.file);
    if (!m) return renderError(req, reply, 404);
    const [, what, format] = m as unknown as [string, 'applications' | 'decisions' | 'payments', 'csv' | 'xlsx'];
    const scope = officerProgrammeIds(req.user);
    const t = translator(req.lang);
    const h = (key: string) => t(`funding:officerTools.columns.${key}`);
    let table: ExportTable;
    if (what === 'applications') {
      const rows = await exportApplications(db, scope, readApplicationQuery(req.query));
      table = {
        sheet: t('funding:officerTools.exports.applicationsSheet'),
        columns: [
          { header: h('caseNumber'), kind: 'text' },
          { header: h('id'), kind: 'text' },
          { header: h('title'), kind: 'text' },
          { header: h('carrier'), kind: 'text' },
          { header: h('programme'), kind: 'text' },
          { header: h('call'), kind: 'text' },
          { header: h('status'), kind: 'text' },
          { header: h('requested'), kind: 'money' },
          { header: h('submitted'), kind: 'date' },
          { header: h('region'), kind: 'text' },
          { header: h('fields'), kind: 'text' },
          { header: h('cooperation'), kind: 'text' },
        ],
        rows: rows.map((r) => [
          r.caseNumber ?? '',
          r.id,
          r.title,
          r.organisationName,
          r.programmeTitle,
          r.callTitle,
          t(`funding:status.${r.status}`),
          r.requestedCents,
          isoDay(r.submittedAt),
          r.region,
          r.fieldsOfAction.map((f) => t(`funding:fieldOfAction.${f}`)).join(', '),
          r.cooperationForm ? t(`funding:cooperationForm.${r.cooperationForm}`) : '',
        ]),
      };
    } else if (what === 'decisions') {
      const rows = await exportDecisions(db, scope, readApplicationQuery(req.query));
      table = {
        sheet: t('funding:officerTools.exports.decisionsSheet'),
        columns: [
          { header: h('caseNumber'), kind: 'text' },
          { header: h('id'), kind: 'text' },
          { header: h('title'), kind: 'text' },
          { header: h('carrier'), kind: 'text' },
          { header: h('call'), kind: 'text' },
          { header: h('outcome'), kind: 'text' },
          { header: h('decided'), kind: 'date' },
          { header: h('requested'), kind: 'money' },
          { header: h('approved'), kind: 'money' },
          { header: h('conditions'), kind: 'text' },
        ],
        rows: rows.map((r) => [
          r.caseNumber ?? '',
          r.applicationId,
          r.title,
          r.organisationName,
          r.callTitle,
          t(`funding:status.${r.outcome}`),
          isoDay(r.decidedAt),
          r.requestedCents,
          r.approvedCents,
          r.conditions,
        ]),
      };
    } else {
      const rows = await exportPayments(db, scope, readPaymentQuery(req.query), today(deps.now));
      table = {
        sheet: t('funding:officerTools.exports.paymentsSheet'),
        columns: [
          { header: h('caseNumber'), kind: 'text' },
          { header: h('id'), kind: 'text' },
          { header: h('grant'), kind: 'text' },
          { header: h('carrier'), kind: 'text' },
          { header: h('programme'), kind: 'text' },
          { header: h('year'), kind: 'number' },
          { header: h('line'), kind: 'text' },
          { header: h('status'), kind: 'text' },
          { header: h('requested'), kind: 'money' },
          { header: h('approved'), kind: 'money' },
          { header: h('spent'), kind: 'money' },
          { header: h('dueOn'), kind: 'date' },
          { header: h('paidOn'), kind: 'date' },
        ],
        rows: rows.map((r) => [
          r.caseNumber ?? '',
          r.id,
          r.grantTitle,
          r.organisationName,
          r.programmeTitle,
          r.year,
          t(`funding:line.${r.line}`),
          t(`funding:officerTools.payments.statuses.${r.status}`),
          r.requestedCents,
          r.approvedCents,
          r.spentCents,
          r.dueOn,
          r.paidOn,
        ]),
      };
    }
    const name = `${what}-${today(deps.now)}.${format}`;
    const body = format === 'csv' ? toCsv(table) : await toXlsx(table);
    return reply
      .header(
        'content-type',
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  });
}
