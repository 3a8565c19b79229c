// The reviewer's pages: their assignments and fields, the declaration of conflicts, the scores.
import { formatPeriod, numberFormat } from '../../../core/i18n/formats';
import {
  ChoiceGroup,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  Message,
  Notice,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { type FinancingPlan, totals } from '../applications/financing-plan';
import { euro } from '../format';
import { fieldsOfAction } from '../programmes/fields-of-action';
import type { Application, ApplicationContent, Call } from '../types';
import { type AssignmentReport, underReview } from './review-scores';
import type { Assignment } from './reviews.store';

type Values = Record<string, string | undefined>;
/** A score with two decimals in the reader's language, or a dash. */
export const num = (lang: string, x: number | undefined, digits = 2) =>
  x === undefined
    ? '–'
    : numberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

export function ReviewerHome({
  ctx,
  rows,
  topics,
  errors,
}: {
  ctx: ViewContext;
  rows: { assignment: Assignment; title: ApplicationContent; callTitle: string }[];
  topics: string[];
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('funding:review.mine')}</h1>
      <DataTable
        caption={t('funding:review.mine')}
        empty={t('funding:review.none')}
        rows={rows}
        columns={[
          {
            header: t('funding:application.project'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/reviews/${r.assignment.id}`)}>
                {r.title.title ? <Written ctx={ctx}>{r.title.title}</Written> : t('funding:application.untitled')}
              </a>
            ),
          },
          { header: t('funding:call.title'), cell: (r) => <Written ctx={ctx}>{r.callTitle}</Written> },
          { header: t('funding:review.state'), cell: (r) => t(`funding:review.states.${stateOf(r.assignment)}`) },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, '/reviews/topics')}>
        <ChoiceGroup
          ctx={ctx}
          type="checkbox"
          name="topics"
          label={t('funding:review.topics')}
          hint={t('funding:review.topicsHint')}
          value={topics}
          errors={errors}
          choices={fieldsOfAction.map((x) => ({ value: x, label: t(`funding:fieldOfAction.${x}`) }))}
        />
        <SubmitButton kind="secondary" label={t('funding:review.saveTopics')} />
      </Form>
    </div>
  );
}

export const stateOf = (a: Assignment) =>
  a.declaration === 'pending'
    ? 'pending'
    : a.declaration === 'conflict'
      ? 'conflict'
      : a.submittedAt
        ? 'submitted'
        : 'open';

/** What a reviewer reads: blind review leaves out everything that names the carrier or partners. */
function ApplicationSummary({
  ctx,
  content,
  blind,
  organisationName,
}: {
  ctx: ViewContext;
  content: ApplicationContent;
  blind: boolean;
  organisationName: string;
}) {
  const { t, lang } = ctx;
  const plan = content.plan as FinancingPlan;
  const sums = totals(plan);
  return (
    <section class="kern-stack" aria-labelledby="application-title">
      <h2 class="kern-heading-medium" id="application-title">
        <Written ctx={ctx}>{content.title}</Written>
      </h2>
      <DefinitionList
        items={[
          ...(blind
            ? []
            : [{ key: t('funding:apply.organisation'), value: <Written ctx={ctx}>{organisationName}</Written> }]),
          { key: t('funding:project.summary'), value: <Written ctx={ctx}>{content.summary}</Written> },
          { key: t('funding:project.goals'), value: <Written ctx={ctx}>{content.goals}</Written> },
          { key: t('funding:project.targetGroups'), value: <Written ctx={ctx}>{content.targetGroups}</Written> },
          { key: t('funding:project.region'), value: <Written ctx={ctx}>{content.region}</Written> },
          { key: t('funding:pdf.period'), value: formatPeriod(lang, content.startDate, content.endDate) },
          ...(content.cooperationForm
            ? [
                {
                  key: t('funding:programme.cooperationForms'),
                  value: t(`funding:cooperationForm.${content.cooperationForm}`),
                },
              ]
            : []),
          {
            key: t('funding:section.partners'),
            value: content.partners.map((p, i) => (
              <>
                {i > 0 && '; '}
                {blind ? t('funding:review.partnerHidden') : <Written ctx={ctx}>{p.name}</Written>}
                {p.isMigrantOrganisation ? ` (${t('funding:partner.isMigrantOrganisationShort')})` : ''}:{' '}
                <Written ctx={ctx}>{p.tasks}</Written>
              </>
            )),
          },
          { key: t('funding:plan.totalExpenses'), value: euro(lang, sums.overall.expenses) },
          { key: t('funding:plan.grant'), value: euro(lang, sums.overall.grant) },
          { key: t('funding:plan.ownFunds'), value: euro(lang, sums.overall.own) },
        ]}
      />
    </section>
  );
}

export function DeclarationPage(p: {
  ctx: ViewContext;
  assignment: Assignment;
  content: ApplicationContent;
  call: Call;
  organisationName: string;
  errors?: FieldErrors;
  values?: Values;
}) {
  const { ctx, call } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:review.declareTitle')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{call.title}</Written>
        </p>
      </hgroup>
      <p class="kern-body">{t('funding:review.declareIntro')}</p>
      <DefinitionList
        items={[
          { key: t('funding:project.title'), value: <Written ctx={ctx}>{p.content.title}</Written> },
          ...(call.blindReview
            ? []
            : [{ key: t('funding:apply.organisation'), value: <Written ctx={ctx}>{p.organisationName}</Written> }]),
          {
            key: t('funding:section.partners'),
            value: call.blindReview ? (
              t('funding:review.partnerHidden')
            ) : (
              <Written ctx={ctx}>{p.content.partners.map((x) => x.name).join(', ')}</Written>
            ),
          },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={href(ctx, `/reviews/${p.assignment.id}/declaration`)}>
        <ChoiceGroup
          ctx={ctx}
          type="radio"
          name="declaration"
          required
          label={t('funding:review.declareQuestion')}
          value={p.values?.declaration}
          errors={p.errors}
          choices={[
            { value: 'none', label: t('funding:review.noConflict') },
            { value: 'conflict', label: t('funding:review.conflict'), hint: t('funding:review.conflictHint') },
          ]}
        />
        <TextField
          ctx={ctx}
          name="reason"
          multiline
          rows={3}
          label={t('funding:review.reason')}
          hint={t('funding:review.reasonHint')}
          value={p.values?.reason}
          errors={p.errors}
        />
        <SubmitButton label={t('funding:review.declareSubmit')} />
      </Form>
    </div>
  );
}

export function ReviewPage(p: {
  ctx: ViewContext;
  assignment: Assignment;
  content: ApplicationContent;
  call: Call;
  organisationName: string;
  values: Values;
  errors?: FieldErrors;
  others: { scores: Assignment['scores']; weighted: number | undefined }[];
}) {
  const { ctx, assignment: a, call } = p;
  const { t, lang } = ctx;
  const submitted = Boolean(a.submittedAt);
  return (
    <div class="kern-stack prose-wide">
      <h1 class="kern-heading-large">{t('funding:review.title')}</h1>
      {call.blindReview && <Notice kind="info" title={t('funding:review.blind')} />}
      <ApplicationSummary
        ctx={ctx}
        content={p.content}
        blind={call.blindReview}
        organisationName={p.organisationName}
      />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {submitted ? (
        <>
          <Notice kind="success" title={t('funding:review.submittedNotice')} />
          <DataTable
            caption={t('funding:review.yourScores')}
            empty=""
            rows={call.rubric}
            columns={[
              { header: t('funding:call.criterionShort'), cell: (c) => <Written ctx={ctx}>{c.title}</Written> },
              { header: t('funding:review.score'), cell: (c) => String(a.scores[c.id]?.score ?? '–'), numeric: true },
              {
                header: t('funding:review.comment'),
                cell: (c) => <Written ctx={ctx}>{a.scores[c.id]?.comment ?? ''}</Written>,
              },
            ]}
          />
          <DataTable
            caption={t('funding:review.othersScores')}
            empty={t('funding:review.noOthers')}
            rows={p.others.map((o, i) => ({ ...o, n: i + 1 }))}
            columns={[
              { header: t('funding:review.reviewer'), cell: (o) => t('funding:review.reviewerN', { n: o.n }) },
              { header: t('funding:review.weighted'), cell: (o) => num(lang, o.weighted), numeric: true },
            ]}
          />
        </>
      ) : (
        <Form ctx={ctx} action={href(ctx, `/reviews/${a.id}/scores`)}>
          {call.rubric.map((c) => (
            <fieldset class="kern-fieldset row-group">
              <legend class="kern-label">
                <Message
                  ctx={ctx}
                  k="funding:review.criterionLegend"
                  parts={{ title: <Written ctx={ctx}>{c.title}</Written> }}
                  values={{ weight: c.weight }}
                />
              </legend>
              <ChoiceGroup
                ctx={ctx}
                type="radio"
                name={`score-${c.id}`}
                required
                // the error summary names the criterion; the page shows it in the legend above
                label={`${c.title} – ${t('funding:review.score')}`}
                shownLabel={t('funding:review.score')}
                value={p.values[`score-${c.id}`]}
                errors={p.errors}
                choices={c.anchors.map((anchor, i) => ({ value: String(i + 1), label: `${i + 1} – ${anchor}` }))}
              />
              <TextField
                ctx={ctx}
                name={`comment-${c.id}`}
                multiline
                rows={3}
                label={`${c.title} – ${t('funding:review.comment')}`}
                shownLabel={t('funding:review.comment')}
                value={p.values[`comment-${c.id}`]}
                errors={p.errors}
              />
            </fieldset>
          ))}
          <div class="button-row">
            <button type="submit" name="action" value="save" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('funding:review.save')}</span>
            </button>
            <button type="submit" name="action" value="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('funding:review.submit')}</span>
            </button>
          </div>
          <p class="kern-hint">{t('funding:review.submitHint')}</p>
        </Form>
      )}
    </div>
  );
}

type OfficerAssignment = Assignment & { reviewerName: string; weighted: number | undefined };

/**
 * The reviews of one application on the officer's page: each reviewer's state, weighted score and
 * the reason given for a conflict of interest; a reviewer is added only while it is under review.
 */
export function ReviewOverview(p: {
  ctx: ViewContext;
  application: Application;
  assignments: OfficerAssignment[];
  reviewers: { id: string; name: string; topics: string[]; matches: boolean }[];
  errors?: FieldErrors;
}) {
  const { ctx, application: a } = p;
  const { t, lang } = ctx;
  return (
    <>
      <DataTable
        caption={t('funding:officer.reviews')}
        empty={t('funding:officer.noReviews')}
        rows={p.assignments}
        columns={[
          { header: t('funding:review.reviewer'), cell: (r) => r.reviewerName },
          { header: t('funding:review.state'), cell: (r) => t(`funding:review.states.${stateOf(r)}`) },
          { header: t('funding:review.weighted'), cell: (r) => num(lang, r.weighted), numeric: true },
          {
            header: t('funding:review.conflictReason'),
            cell: (r) => (r.declaration === 'conflict' ? <Written ctx={ctx}>{r.conflictReason}</Written> : ''),
          },
        ]}
      />
      {!underReview(a.status) ? (
        <p class="kern-body">{t('funding:assign.closed', { status: t(`funding:status.${a.status}`) })}</p>
      ) : (
        p.reviewers.length > 0 && (
          <Form ctx={ctx} action={href(ctx, `/funding/applications/${a.id}/reviewers`)}>
            <SelectField
              ctx={ctx}
              name="reviewerId"
              required
              label={t('funding:officer.addReviewer')}
              hint={t('funding:officer.reviewerTopicsHint')}
              choices={p.reviewers.map((r) => ({
                value: r.id,
                label:
                  r.topics.length > 0
                    ? `${r.matches ? '★ ' : ''}${r.name} (${r.topics.map((x) => t(`funding:fieldOfAction.${x}`)).join(', ')})`
                    : r.name,
              }))}
              errors={p.errors}
            />
            <SubmitButton kind="secondary" label={t('funding:officer.assign')} />
          </Form>
        )
      )}
    </>
  );
}

/**
 * A call's reviews for the officer: what the last automatic assignment did and what is still
 * missing, the form for it while applications are under review, and every assignment with its
 * state and the reason a reviewer gave for a conflict of interest.
 */
export function CallReviewsPage(p: {
  ctx: ViewContext;
  call: Call;
  underReview: { id: string; title: string }[];
  reviewerCount: number;
  report?: AssignmentReport;
  assignments: { assignment: Assignment; title: string; status: string; reviewerName: string }[];
  values?: Values;
  errors?: FieldErrors;
}) {
  const { ctx, call, report } = p;
  const { t } = ctx;
  const titleOf = new Map(p.underReview.map((a) => [a.id, a.title]));
  const application = (id: string) => (
    <a class="kern-link" href={href(ctx, `/funding/applications/${id}`)}>
      {titleOf.get(id) ? <Written ctx={ctx}>{titleOf.get(id)}</Written> : t('funding:application.untitled')}
    </a>
  );
  return (
    <div class="kern-stack prose-wide">
      <p>
        <a class="kern-link" href={href(ctx, `/funding/calls/${call.id}/ranking`)}>
          {t('funding:ranking.back')}
        </a>
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:assign.title')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{call.title}</Written>
        </p>
      </hgroup>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {report && (
        <section class="kern-stack" aria-labelledby="report-title" id="report">
          <h2 class="kern-heading-medium" id="report-title">
            {t('funding:assign.reportTitle')}
          </h2>
          <Notice
            kind={report.short.length ? 'warning' : 'success'}
            role="status"
            title={
              report.short.length
                ? t('funding:assign.madeShort', {
                    count: report.assigned,
                    short: t('funding:assign.stillShort', { count: report.short.length }),
                  })
                : t('funding:assign.made', { count: report.assigned })
            }
          >
            {report.short.length > 0 && (
              <ul class="kern-list kern-list--bullet">
                {report.short.map((s) => (
                  <li>
                    {application(s.applicationId)}: {t('funding:assign.have', { count: s.have, needed: s.needed })} –{' '}
                    {s.reason === 'noReviewers'
                      ? t('funding:assign.reason.noReviewers')
                      : s.withoutConflict === 0
                        ? t('funding:assign.reason.allConflict', { count: s.conflicts })
                        : s.conflicts > 0
                          ? t('funding:assign.reason.fewWithoutConflict', {
                              count: s.withoutConflict,
                              conflicts: s.conflicts,
                            })
                          : t('funding:assign.reason.fewReviewers', { count: s.withoutConflict })}
                  </li>
                ))}
              </ul>
            )}
          </Notice>
          {report.topics.length > 0 && (
            <Notice kind="info" title={t('funding:assign.topicsTitle', { count: report.topics.length })}>
              <ul class="kern-list kern-list--bullet">
                {report.topics.map((m) => (
                  <li>
                    {application(m.applicationId)}: {t(`funding:assign.topics.${m.reason}`)}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
        </section>
      )}
      <section class="kern-stack" aria-labelledby="balance-title">
        <h2 class="kern-heading-medium" id="balance-title">
          {t('funding:ranking.balanceTitle')}
        </h2>
        {p.underReview.length === 0 ? (
          <p class="kern-body">{t('funding:assign.noneUnderReview')}</p>
        ) : (
          <>
            <p class="kern-body">
              {t('funding:assign.underReview', { count: p.underReview.length })}{' '}
              {t('funding:ranking.balanceText', { count: p.reviewerCount })}
            </p>
            <Form ctx={ctx} action={href(ctx, `/funding/calls/${call.id}/assign`)}>
              <TextField
                ctx={ctx}
                name="perApplication"
                inputmode="numeric"
                required
                label={t('funding:ranking.perApplication')}
                value={p.values?.perApplication ?? '2'}
                errors={p.errors}
              />
              <SubmitButton kind="secondary" label={t('funding:ranking.balance')} />
            </Form>
          </>
        )}
      </section>
      <DataTable
        caption={t('funding:assign.list')}
        empty={t('funding:officer.noReviews')}
        rows={p.assignments}
        columns={[
          {
            header: t('funding:application.project'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/funding/applications/${r.assignment.applicationId}`)}>
                {r.title ? <Written ctx={ctx}>{r.title}</Written> : t('funding:application.untitled')}
              </a>
            ),
          },
          { header: t('funding:application.status'), cell: (r) => t(`funding:status.${r.status}`) },
          { header: t('funding:review.reviewer'), cell: (r) => r.reviewerName },
          { header: t('funding:review.state'), cell: (r) => t(`funding:review.states.${stateOf(r.assignment)}`) },
          {
            header: t('funding:review.conflictReason'),
            cell: (r) =>
              r.assignment.declaration === 'conflict' ? <Written ctx={ctx}>{r.assignment.conflictReason}</Written> : '',
          },
        ]}
      />
    </div>
  );
}
