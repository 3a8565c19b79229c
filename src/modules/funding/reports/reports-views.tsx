import {
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  Message,
  Notice,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import type { Grant } from '../decisions/decisions.store';
import { berlinDate, berlinDateTime, euro } from '../format';
import type { ReportFigures } from '../schema';
import type { ReceiptError } from './receipts';
import type { Report, StoredReceipt } from './reports.store';

/** Plan against actual per line and year; the comparison column is actual minus plan. */
function Statement({ ctx, figures }: { ctx: ViewContext; figures: ReportFigures }) {
  const { t, lang } = ctx;
  return (
    <DataTable
      caption={t('funding:report.statement')}
      empty=""
      rows={figures.lines}
      columns={[
        { header: t('funding:plan.line'), cell: (l) => `${t(`funding:line.${l.line}`)} ${l.year}` },
        { header: t('funding:grant.planned'), cell: (l) => euro(lang, l.plannedCents), numeric: true },
        { header: t('funding:report.actual'), cell: (l) => euro(lang, l.actualCents), numeric: true },
        {
          header: t('funding:report.actualMinusPlan'),
          cell: (l) => euro(lang, l.actualCents - l.plannedCents),
          numeric: true,
        },
        { header: t('funding:report.basis'), cell: (l) => t(`funding:report.bases.${l.basis}`) },
      ]}
    />
  );
}

/** The totals of a report's figures: plan, actual, what receipts prove, what was reported, what was paid out. */
function Totals({ ctx, figures }: { ctx: ViewContext; figures: ReportFigures }) {
  const { t, lang } = ctx;
  const f = figures.totals;
  return (
    <DefinitionList
      items={[
        { key: t('funding:report.plannedTotal'), value: euro(lang, f.plannedCents) },
        { key: t('funding:report.actualTotal'), value: euro(lang, f.actualCents) },
        { key: t('funding:report.receiptsTotal', { count: figures.receiptCount }), value: euro(lang, f.receiptsCents) },
        { key: t('funding:report.reportedTotal'), value: euro(lang, f.reportedCents) },
        { key: t('funding:report.paidOut'), value: euro(lang, f.paidOutCents) },
      ]}
    />
  );
}

export function ReportsTable({ ctx, grant, reports }: { ctx: ViewContext; grant: Grant; reports: Report[] }) {
  const { t, lang } = ctx;
  return (
    <DataTable
      caption={t('funding:report.list')}
      empty=""
      rows={reports}
      columns={[
        {
          header: t('funding:report.kind'),
          cell: (r) => (
            <a class="kern-link" href={href(ctx, `/grants/${grant.id}/reports/${r.id}`)}>
              {r.kind === 'interim' ? t('funding:report.interim', { year: r.budgetYear }) : t('funding:report.final')}
            </a>
          ),
        },
        { header: t('funding:report.dueOn'), cell: (r) => berlinDate(lang, r.dueOn) },
        { header: t('funding:application.status'), cell: (r) => t(`funding:report.statuses.${r.status}`) },
      ]}
    />
  );
}

export function ReportPage(p: {
  ctx: ViewContext;
  grant: Grant;
  report: Report;
  goals: string[];
  receipts: StoredReceipt[];
  /** the snapshot of a submitted or accepted report, the live figures of an open one */
  figures: ReportFigures;
  asCarrier: boolean;
  asOfficer: boolean;
  importErrors?: ReceiptError[];
  /** a failed form: what was typed and what is wrong */
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** the last day of the report's period: submitting is possible from then on */
  submittableFrom: string;
  /** money paid out that the receipts do not cover: accepted only as a reclaim (money-back/) */
  uncoveredCents?: number;
}) {
  const { ctx, grant, report: r } = p;
  const { t, lang } = ctx;
  const base = `/grants/${grant.id}/reports/${r.id}`;
  const open = r.status === 'open' || r.status === 'correctionsRequested';
  const editable = p.asCarrier && open;
  const narrative = open ? r.narrative : p.figures.narrative;
  /** The errors of one of the page's forms (only one is sent at a time), by its fields' names. */
  const errorsOf = (fields: (name: string) => boolean): FieldErrors | undefined => {
    const own = Object.entries(p.errors ?? {}).filter(([name]) => fields(name));
    return own.length ? Object.fromEntries(own) : undefined;
  };
  const title = r.kind === 'interim' ? t('funding:report.interim', { year: r.budgetYear }) : t('funding:report.final');
  return (
    <div class="kern-stack prose-wide">
      <p>
        <a class="kern-link" href={href(ctx, `/grants/${grant.id}`)}>
          {t('funding:report.back')}
        </a>
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{title}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{grant.title}</Written>
        </p>
      </hgroup>
      <DefinitionList
        items={[
          { key: t('funding:report.dueOn'), value: berlinDate(lang, r.dueOn) },
          { key: t('funding:application.status'), value: t(`funding:report.statuses.${r.status}`) },
          ...(r.officerNote
            ? [{ key: t('funding:report.officerNote'), value: <Written ctx={ctx}>{r.officerNote}</Written> }]
            : []),
        ]}
      />
      {!open && (
        <Notice
          kind="info"
          title={t('funding:report.frozen', { date: berlinDateTime(lang, new Date(p.figures.takenAt)) })}
        />
      )}
      <section class="kern-stack" aria-labelledby="narrative-title">
        <h2 class="kern-heading-medium" id="narrative-title">
          {t('funding:report.narrative')}
        </h2>
        {editable ? (
          <Form ctx={ctx} action={href(ctx, `${base}/narrative`)}>
            <ErrorSummary ctx={ctx} errors={errorsOf((name) => name.startsWith('goal-'))} />
            {p.goals.map((goal, i) => (
              <TextField
                ctx={ctx}
                name={`goal-${i}`}
                multiline
                rows={5}
                label={t('funding:report.goal', { goal })}
                shownLabel={
                  <Message ctx={ctx} k="funding:report.goal" parts={{ goal: <Written ctx={ctx}>{goal}</Written> }} />
                }
                value={p.values ? p.values[`goal-${i}`] : (r.narrative[i] ?? '')}
                errors={p.errors}
              />
            ))}
            <SubmitButton kind="secondary" label={t('common:form.save')} />
          </Form>
        ) : (
          <DefinitionList
            items={p.goals.map((goal, i) => ({
              key: <Written ctx={ctx}>{goal}</Written>,
              value: narrative[i] ? <Written ctx={ctx}>{narrative[i]}</Written> : '–',
            }))}
          />
        )}
      </section>
      <section class="kern-stack" aria-labelledby="receipts-title">
        <h2 class="kern-heading-medium" id="receipts-title">
          {t('funding:report.receipts')}
        </h2>
        {p.importErrors && (
          // each line of the file is fixed in the file, which is chosen again in the upload field
          <ErrorSummary
            ctx={ctx}
            title={t('funding:receipts.failed', { count: p.importErrors.length })}
            items={p.importErrors.map((e) => ({
              href: editable ? '#f-csv' : undefined,
              text: t('common:form.summaryItem', {
                label: `${t('funding:receipts.row', { row: e.row })}${
                  e.column ? ` (${t(`funding:receipts.columns.${e.column}`)})` : ''
                }`,
                message: t(e.code),
              }),
            }))}
          />
        )}
        <ErrorSummary ctx={ctx} errors={errorsOf((name) => name === 'csv')} />
        {editable && (
          <Form ctx={ctx} action={href(ctx, `${base}/receipts`)} enctype="multipart/form-data">
            <div class="kern-form-input">
              <label class="kern-label" for="f-csv">
                {t('funding:receipts.file')}
              </label>
              <div class="kern-hint" id="f-csv-hint">
                {t('funding:receipts.fileHint')}
              </div>
              <input
                class="kern-form-input__input"
                type="file"
                id="f-csv"
                name="csv"
                accept=".csv,text/csv"
                aria-describedby="f-csv-hint"
              />
            </div>
            <SubmitButton kind="secondary" label={t('funding:receipts.import')} />
          </Form>
        )}
        <DataTable
          caption={t('funding:report.receiptList')}
          empty={t('funding:receipts.none')}
          rows={p.receipts}
          columns={[
            { header: t('funding:receipts.columns.date'), cell: (x) => berlinDate(lang, x.date) },
            { header: t('funding:receipts.columns.payee'), cell: (x) => <Written ctx={ctx}>{x.payee}</Written> },
            { header: t('funding:receipts.columns.reason'), cell: (x) => <Written ctx={ctx}>{x.reason}</Written> },
            { header: t('funding:receipts.columns.line'), cell: (x) => t(`funding:line.${x.line}`) },
            { header: t('funding:receipts.columns.amount'), cell: (x) => euro(lang, x.amountCents), numeric: true },
          ]}
        />
        <Statement ctx={ctx} figures={p.figures} />
        <p class="kern-body">{t('funding:report.statementHint')}</p>
        <Totals ctx={ctx} figures={p.figures} />
        {r.earlierFigures.length > 0 && (
          <DataTable
            caption={t('funding:report.earlier')}
            empty=""
            rows={r.earlierFigures}
            columns={[
              { header: t('funding:report.takenAt'), cell: (f) => berlinDateTime(lang, new Date(f.takenAt)) },
              { header: t('funding:report.actualTotal'), cell: (f) => euro(lang, f.totals.actualCents), numeric: true },
              {
                header: t('funding:report.receiptsSum'),
                cell: (f) => euro(lang, f.totals.receiptsCents),
                numeric: true,
              },
            ]}
          />
        )}
      </section>
      {editable && (
        <>
          <ErrorSummary ctx={ctx} errors={errorsOf((name) => name === 'submit')} />
          <Form ctx={ctx} action={href(ctx, `${base}/submit`)} id="f-submit">
            <p class="kern-body">{t('funding:report.submitFrom', { date: berlinDate(lang, p.submittableFrom) })}</p>
            <SubmitButton label={t('funding:report.submit')} />
          </Form>
        </>
      )}
      {p.asOfficer && r.status === 'submitted' && (
        <Form ctx={ctx} action={href(ctx, `${base}/review`)} class="kern-stack row-group">
          <ErrorSummary ctx={ctx} errors={errorsOf((name) => name === 'note' || name === 'action')} />
          <TextField
            ctx={ctx}
            name="note"
            multiline
            rows={3}
            label={t('funding:report.officerNote')}
            hint={t('funding:report.noteHint')}
            value={p.values?.note}
            errors={p.errors}
          />
          {(p.uncoveredCents ?? 0) > 0 && (
            <p class="kern-body">
              {t('funding:moneyBack.acceptReclaimHint', { amount: euro(lang, p.uncoveredCents ?? 0) })}
            </p>
          )}
          <div class="button-row">
            {(p.uncoveredCents ?? 0) > 0 ? (
              <button type="submit" name="action" value="acceptReclaim" class="kern-btn kern-btn--primary">
                <span class="kern-label">
                  {t('funding:moneyBack.acceptReclaim', { amount: euro(lang, p.uncoveredCents ?? 0) })}
                </span>
              </button>
            ) : (
              <button type="submit" name="action" value="accept" class="kern-btn kern-btn--primary">
                <span class="kern-label">{t('funding:report.accept')}</span>
              </button>
            )}
            <button type="submit" name="action" value="corrections" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('funding:report.askCorrections')}</span>
            </button>
          </div>
        </Form>
      )}
      {r.status === 'accepted' && <Notice kind="success" title={t('funding:report.acceptedNotice')} />}
    </div>
  );
}
