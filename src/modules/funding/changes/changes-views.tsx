// Changes to a running grant: the carrier's requests and notifications, the officer's decisions,
// and the history of plan versions.
import {
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  issueText,
  Message,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { PartnerFields } from '../applications/applications-views';
import { expenseLines } from '../applications/financing-plan';
import type { Grant } from '../decisions/decisions.store';
import { berlinDate, berlinDateTime, euro } from '../format';
import type { UnreadThread } from '../messages/messages.store';
import { UnreadThreads } from '../messages/messages-views';
import { latestEnd } from './change-rules';
import { changeSummary } from './change-summary';
import type { ChangeRequest, InboxItem, Notification, PlanVersion } from './changes.store';
import { notificationKinds } from './changes.store';

type Values = Record<string, string | undefined>;
export const changeKinds = ['shift', 'extension', 'partners'] as const;
export type ChangeKind = (typeof changeKinds)[number];

/** The same line on a page, where the partners' names are marked as written in German. */
function ChangeSummary({ ctx, change }: { ctx: ViewContext; change: Pick<ChangeRequest, 'payload'> }) {
  const p = change.payload;
  if (p.kind !== 'partners') return <>{changeSummary(ctx, change)}</>;
  const names = p.partners.map((x) => x.name).join(', ');
  return (
    <Message ctx={ctx} k="funding:change.partnersSummary" parts={{ names: <Written ctx={ctx}>{names}</Written> }} />
  );
}

export function ChangesPage(p: {
  ctx: ViewContext;
  grant: Grant;
  changes: ChangeRequest[];
  versions: PlanVersion[];
  notifications: Notification[];
  asCarrier: boolean;
  asOfficer: boolean;
  /** the project has ended: no more changes, only notifications (grants/grant-period.ts) */
  ended: boolean;
  /** an acknowledgement that failed: of which notification, what was typed, what is wrong */
  failed?: { notificationId: string; values: Record<string, string>; errors: FieldErrors };
}) {
  const { ctx, grant } = p;
  const { t, lang } = ctx;
  const base = `/grants/${grant.id}`;
  return (
    <div class="kern-stack prose-wide">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:change.title')}</h1>
        <p class="kern-subline">
          <a class="kern-link" href={href(ctx, base)}>
            <Written ctx={ctx}>{grant.title}</Written>
          </a>
        </p>
      </hgroup>
      {p.asCarrier && (
        <section class="kern-stack" aria-labelledby="new-change">
          <h2 class="kern-heading-medium" id="new-change">
            {t('funding:change.new')}
          </h2>
          <p class="kern-body">{p.ended ? closedText(ctx, grant) : t('funding:change.ruleHint')}</p>
          <ul class="kern-list">
            {!p.ended &&
              changeKinds.map((k) => (
                <li>
                  <a class="kern-link" href={href(ctx, `${base}/changes/new/${k}`)}>
                    {t(`funding:change.kinds.${k}`)}
                  </a>
                </li>
              ))}
            <li>
              <a class="kern-link" href={href(ctx, `${base}/notifications/new`)}>
                {t('funding:notification.new')}
              </a>
            </li>
          </ul>
        </section>
      )}
      <DataTable
        caption={t('funding:change.list')}
        empty={t('funding:change.none')}
        rows={p.changes}
        columns={[
          {
            header: t('funding:change.what'),
            cell: (c) => (
              <a class="kern-link" href={href(ctx, `${base}/changes/${c.id}`)}>
                <ChangeSummary ctx={ctx} change={c} />
              </a>
            ),
          },
          { header: t('funding:change.requestedAt'), cell: (c) => berlinDateTime(lang, c.requestedAt) },
          { header: t('funding:application.status'), cell: (c) => t(`funding:change.statuses.${c.status}`) },
          {
            header: t('funding:change.planVersion'),
            cell: (c) => (c.planVersion ? String(c.planVersion) : '–'),
          },
        ]}
      />
      <DataTable
        caption={t('funding:change.versions')}
        empty=""
        rows={p.versions}
        columns={[
          { header: t('funding:change.planVersion'), cell: (v) => String(v.version) },
          {
            header: t('funding:change.basis'),
            cell: (v) =>
              v.basis === 'withdrawal' ? t('funding:withdrawal.planBasis') : t(`funding:change.bases.${v.basis}`),
          },
          { header: t('funding:change.endDate'), cell: (v) => berlinDate(lang, v.endDate) },
          {
            header: t('funding:plan.totalExpenses'),
            cell: (v) =>
              euro(
                lang,
                v.plan.expenses.reduce((s, e) => s + e.amountCents, 0),
              ),
            numeric: true,
          },
          { header: t('funding:change.since'), cell: (v) => berlinDateTime(lang, v.createdAt) },
        ]}
      />
      <section class="kern-stack" aria-labelledby="notifications">
        <h2 class="kern-heading-medium" id="notifications">
          {t('funding:notification.list')}
        </h2>
        {p.notifications.length === 0 && <p class="kern-body">{t('funding:notification.none')}</p>}
        {p.notifications.map((n) => (
          <article class="kern-stack row-group" aria-labelledby={`n-${n.id}`}>
            <h3 class="kern-heading-small" id={`n-${n.id}`}>
              {t(`funding:notification.kinds.${n.kind}`)} · {berlinDate(lang, n.occurredOn)}
            </h3>
            <p class="kern-body pre-line">
              <Written ctx={ctx}>{n.description}</Written>
            </p>
            <p class="kern-body">
              {n.acknowledgedAt
                ? t('funding:notification.acknowledgedOn', { date: berlinDateTime(lang, n.acknowledgedAt) })
                : t('funding:notification.unread')}
              {n.officerNote && (
                <>
                  {' '}
                  – <Written ctx={ctx}>{n.officerNote}</Written>
                </>
              )}
            </p>
            {p.asOfficer && !n.acknowledgedAt && (
              <Form ctx={ctx} action={href(ctx, `${base}/notifications/${n.id}/acknowledge`)}>
                <ErrorSummary ctx={ctx} errors={p.failed?.notificationId === n.id ? p.failed.errors : undefined} />
                <TextField
                  ctx={ctx}
                  id={`f-note-${n.id}`}
                  name="note"
                  label={t('funding:notification.officerNote')}
                  value={p.failed?.notificationId === n.id ? p.failed.values.note : undefined}
                  errors={p.failed?.notificationId === n.id ? p.failed.errors : undefined}
                />
                <SubmitButton kind="secondary" label={t('funding:notification.acknowledge')} />
              </Form>
            )}
          </article>
        ))}
      </section>
    </div>
  );
}

export function NewChangePage(p: {
  ctx: ViewContext;
  grant: Grant;
  programme: { maxDurationMonths: number };
  kind: ChangeKind;
  /** the project has ended: the page says so instead of offering the form */
  ended: boolean;
  values: Values;
  errors?: FieldErrors;
}) {
  const { ctx, grant, values, errors } = p;
  const { t } = ctx;
  if (p.ended)
    return (
      <div class="kern-stack prose">
        <hgroup class="kern-hgroup">
          <h1 class="kern-heading-large">{t(`funding:change.kinds.${p.kind}`)}</h1>
          <p class="kern-subline">
            <Written ctx={ctx}>{grant.title}</Written>
          </p>
        </hgroup>
        {/* a request sent anyway: its refusal, without links to fields the page no longer has */}
        <ErrorSummary ctx={ctx} items={Object.values(errors ?? {}).map((e) => ({ text: issueText(ctx, e) }))} />
        <p class="kern-body">{closedText(ctx, grant)}</p>
        <p class="kern-body">
          <a class="kern-link" href={href(ctx, `/grants/${grant.id}/changes`)}>
            {t('funding:change.title')}
          </a>
        </p>
      </div>
    );
  const years = grant.plan.grant.map((g) => g.year);
  const lineChoices = expenseLines.map((l) => ({ value: l, label: t(`funding:line.${l}`) }));
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t(`funding:change.kinds.${p.kind}`)}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{grant.title}</Written>
        </p>
      </hgroup>
      <p class="kern-body">{t(`funding:change.intro.${p.kind}`)}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, `/grants/${grant.id}/changes/new/${p.kind}`)}>
        {p.kind === 'shift' && (
          <>
            <SelectField
              ctx={ctx}
              name="year"
              required
              label={t('funding:ranking.year')}
              value={values.year}
              errors={errors}
              choices={years.map((y) => ({ value: String(y), label: String(y) }))}
            />
            <SelectField
              ctx={ctx}
              name="fromLine"
              required
              label={t('funding:change.fromLine')}
              value={values.fromLine}
              errors={errors}
              choices={lineChoices}
            />
            <SelectField
              ctx={ctx}
              name="toLine"
              required
              label={t('funding:change.toLine')}
              value={values.toLine}
              errors={errors}
              choices={lineChoices}
            />
            <TextField
              ctx={ctx}
              name="amount"
              inputmode="decimal"
              required
              label={t('funding:change.amount')}
              value={values.amount}
              errors={errors}
            />
          </>
        )}
        {p.kind === 'extension' && (
          <TextField
            ctx={ctx}
            name="endDate"
            type="date"
            required
            label={t('funding:change.newEnd')}
            hint={`${t('funding:change.currentEnd', { date: berlinDate(ctx.lang, grant.endDate) })} ${t(
              'funding:change.latestEnd',
              {
                maximum: p.programme.maxDurationMonths,
                date: berlinDate(ctx.lang, latestEnd(grant.startDate, p.programme.maxDurationMonths)),
              },
            )}`}
            value={values.endDate}
            errors={errors}
          />
        )}
        {p.kind === 'partners' && <PartnerFields ctx={ctx} values={values} errors={errors} />}
        <TextField
          ctx={ctx}
          name="reason"
          multiline
          rows={4}
          required
          label={t('funding:change.reason')}
          value={values.reason}
          errors={errors}
        />
        <SubmitButton label={t('funding:change.submit')} />
      </Form>
    </div>
  );
}

export function ChangePage(p: {
  ctx: ViewContext;
  grant: Grant;
  change: ChangeRequest;
  asOfficer: boolean;
  values: Values;
  errors?: FieldErrors;
}) {
  const { ctx, grant, change } = p;
  const { t, lang } = ctx;
  const base = `/grants/${grant.id}`;
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t(`funding:change.kinds.${change.kind}`)}</h1>
        <p class="kern-subline">
          <a class="kern-link" href={href(ctx, `${base}/changes`)}>
            <Written ctx={ctx}>{grant.title}</Written>
          </a>
        </p>
      </hgroup>
      <DefinitionList
        items={[
          { key: t('funding:change.what'), value: <ChangeSummary ctx={ctx} change={change} /> },
          {
            key: t('funding:change.reason'),
            value: (
              <Written ctx={ctx} class="pre-line">
                {change.reason}
              </Written>
            ),
          },
          { key: t('funding:change.requestedAt'), value: berlinDateTime(lang, change.requestedAt) },
          { key: t('funding:application.status'), value: t(`funding:change.statuses.${change.status}`) },
          ...(change.decidedAt
            ? [{ key: t('funding:change.decidedAt'), value: berlinDateTime(lang, change.decidedAt) }]
            : []),
          ...(change.decisionNote
            ? [{ key: t('funding:change.decisionNote'), value: <Written ctx={ctx}>{change.decisionNote}</Written> }]
            : []),
        ]}
      />
      {change.status === 'approved' && (
        <p class="kern-body">
          <a class="kern-link" href={href(ctx, `${base}/changes/${change.id}/decision.pdf`)} hreflang="de">
            {t('funding:change.amendedPdf')}
          </a>
        </p>
      )}
      {p.asOfficer && change.status === 'requested' && (
        <section class="kern-stack" aria-labelledby="decide">
          <h2 class="kern-heading-medium" id="decide">
            {t('funding:change.decide')}
          </h2>
          <ErrorSummary ctx={ctx} errors={p.errors} />
          {/* a change that no longer fits the plan is refused for the whole decision ("decision") */}
          <Form ctx={ctx} action={href(ctx, `${base}/changes/${change.id}/decision`)} id="f-decision">
            <TextField
              ctx={ctx}
              name="note"
              multiline
              rows={3}
              label={t('funding:change.decisionNote')}
              hint={t('funding:change.decisionNoteHint')}
              value={p.values.note}
              errors={p.errors}
            />
            <div class="button-row">
              <button type="submit" name="action" value="approve" class="kern-btn kern-btn--primary">
                <span class="kern-label">{t('funding:change.approve')}</span>
              </button>
              <button type="submit" name="action" value="reject" class="kern-btn kern-btn--secondary">
                <span class="kern-label">{t('funding:change.reject')}</span>
              </button>
            </div>
          </Form>
        </section>
      )}
    </div>
  );
}

export function NewNotificationPage(p: { ctx: ViewContext; grant: Grant; values: Values; errors?: FieldErrors }) {
  const { ctx, grant, values, errors } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:notification.new')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{grant.title}</Written>
        </p>
      </hgroup>
      <p class="kern-body">{t('funding:notification.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, `/grants/${grant.id}/notifications`)}>
        <SelectField
          ctx={ctx}
          name="kind"
          required
          label={t('funding:notification.kind')}
          value={values.kind}
          errors={errors}
          choices={notificationKinds.map((k) => ({ value: k, label: t(`funding:notification.kinds.${k}`) }))}
        />
        <TextField
          ctx={ctx}
          name="occurredOn"
          type="date"
          required
          label={t('funding:notification.occurredOn')}
          value={values.occurredOn}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="description"
          multiline
          rows={5}
          required
          label={t('funding:notification.description')}
          value={values.description}
          errors={errors}
        />
        <SubmitButton label={t('funding:notification.submit')} />
      </Form>
    </div>
  );
}

export function InboxPage({
  ctx,
  items,
  threads = [],
}: {
  ctx: ViewContext;
  items: InboxItem[];
  /** threads with messages the officer has not read (messages/) */
  threads?: UnreadThread[];
}) {
  const { t, lang } = ctx;
  return (
    <div class="kern-stack prose-wide">
      <h1 class="kern-heading-large">{t('funding:inbox.title')}</h1>
      <DataTable
        caption={t('funding:inbox.caption')}
        empty={t('funding:inbox.empty')}
        rows={items}
        columns={[
          {
            header: t('funding:change.what'),
            cell: (i) => (
              <a
                class="kern-link"
                href={href(
                  ctx,
                  i.kind === 'change'
                    ? `/grants/${i.grantId}/changes/${i.id}`
                    : `/grants/${i.grantId}/changes#n-${i.id}`,
                )}
              >
                {i.kind === 'change' ? t(`funding:change.kinds.${i.what}`) : t(`funding:notification.kinds.${i.what}`)}
              </a>
            ),
          },
          { header: t('funding:inbox.project'), cell: (i) => <Written ctx={ctx}>{i.grantTitle}</Written> },
          { header: t('funding:inbox.carrier'), cell: (i) => <Written ctx={ctx}>{i.organisationName}</Written> },
          { header: t('funding:change.requestedAt'), cell: (i) => berlinDateTime(lang, i.at) },
        ]}
      />
      <h2 class="kern-heading-medium">{t('funding:messages.inboxTitle')}</h2>
      <UnreadThreads ctx={ctx} threads={threads} />
    </div>
  );
}

/** Why the grant takes no change: its decision was withdrawn in full, or its project has ended. */
function closedText(ctx: ViewContext, grant: Grant) {
  return grant.withdrawnOn
    ? ctx.t('funding:withdrawal.noChanges', { date: berlinDate(ctx.lang, grant.withdrawnOn) })
    : ctx.t('funding:change.ended', { date: berlinDate(ctx.lang, grant.endDate) });
}
