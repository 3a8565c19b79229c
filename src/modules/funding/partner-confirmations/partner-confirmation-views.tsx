// What people see of partner confirmations: each partner's state in its row of the partners page
// and the carrier's forms to ask; the overview for carrier and officer; the partner's own page
// behind the mailed link, which needs no account and exists in all six languages.
import { languages } from '../../../core/i18n/i18n';
import {
  ChoiceGroup,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  issueText,
  Message,
  SelectField,
  SubmitButton,
  TextField,
  useShownField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { berlinDate, berlinDateTime, euro } from '../format';
import type { ConfirmedPart, Partner } from '../schema';
import type { LinkProblem, PartnerState } from './partner-confirmation-rules';
import type { PartnerConfirmation } from './partner-confirmations.store';

type State = PartnerState<PartnerConfirmation>;
type Values = Record<string, string | undefined>;

const badgeKind: Record<State['kind'], string> = {
  missing: 'warning',
  requested: 'info',
  expired: 'warning',
  confirmed: 'success',
  declined: 'danger',
  outdated: 'warning',
};

export function StateBadge({ ctx, state }: { ctx: ViewContext; state: State }) {
  return (
    <span class={`kern-badge kern-badge--${badgeKind[state.kind]}`}>
      <span class="kern-label">{ctx.t(`funding:partnerConfirmation.state.${state.kind}`)}</span>
    </span>
  );
}

/** Who answered and when, who was asked and until when, or nothing yet; names as written (lang="de"). */
function StateDetail({ ctx, state }: { ctx: ViewContext; state: State }) {
  const { t, lang } = ctx;
  const r = state.row;
  if (!r) return <>{t('funding:partnerConfirmation.detail.missing')}</>;
  if (r.decidedAt)
    return (
      <Message
        ctx={ctx}
        k={`funding:partnerConfirmation.detail.${r.status === 'declined' ? 'declined' : 'confirmed'}`}
        parts={{ person: <Written ctx={ctx}>{r.decidedByName ?? ''}</Written> }}
        values={{ date: berlinDateTime(lang, r.decidedAt) }}
      />
    );
  return (
    <Message
      ctx={ctx}
      k={`funding:partnerConfirmation.detail.${state.kind === 'expired' ? 'expired' : 'requested'}`}
      parts={{
        contact: (
          <Written ctx={ctx}>
            {r.contactName} &lt;{r.contactEmail}&gt;
          </Written>
        ),
      }}
      values={{ date: berlinDateTime(lang, r.requestedAt), until: berlinDateTime(lang, r.expiresAt) }}
    />
  );
}

/**
 * The partner's state in its row of the partners page; the submission's error for this partner
 * ("partner-<row>-confirmation") stands here and the error summary links to it.
 */
export function PartnerStateInRow(p: {
  ctx: ViewContext;
  index: number;
  partner: Partner;
  state: State;
  errors?: FieldErrors;
}) {
  const { ctx, index, state } = p;
  const { t } = ctx;
  const name = `partner-${index}-confirmation`;
  const id = `f-${name}`;
  const error = p.errors?.[name];
  const label = t('funding:partnerConfirmation.rowLabel', { name: p.partner.name });
  useShownField(name, id, label, error ? 'failed' : undefined);
  return (
    <div class="kern-stack partner-confirmation-state" id={id} tabindex={-1}>
      <p class="kern-body">
        <strong>{t('funding:partnerConfirmation.title')}:</strong> <StateBadge ctx={ctx} state={state} />{' '}
        <StateDetail ctx={ctx} state={state} />
      </p>
      {error && (
        <p class="kern-error" id={`${id}-error`}>
          <span class="kern-icon kern-icon--danger" aria-hidden="true" />
          <span class="kern-body">
            {typeof error.params?.name === 'string' ? (
              <Message ctx={ctx} k={error.key} parts={{ name: <Written ctx={ctx}>{error.params.name}</Written> }} />
            ) : (
              issueText(ctx, error)
            )}
          </span>
        </p>
      )}
      {state.row?.remark && (
        <p class="kern-body">
          {t('funding:partnerConfirmation.remark')}: <Written ctx={ctx}>{state.row.remark}</Written>
        </p>
      )}
    </div>
  );
}

/**
 * The carrier's forms to ask the partners, below the partners form (a form of its own each): one
 * per saved partner with a contact, one for every open partner, and the language of the mail.
 */
export function RequestForms(p: {
  ctx: ViewContext;
  applicationId: string;
  partners: Partner[];
  states: State[];
  values?: Values;
  errors?: FieldErrors;
}) {
  const { ctx, partners, states } = p;
  const { t } = ctx;
  const action = href(ctx, `/applications/${p.applicationId}/partners/confirmations`);
  // the mail's language, chosen per form: the partner's contact may read another language than the carrier
  const language = (id: string, partner?: string) => (
    <SelectField
      ctx={ctx}
      name="language"
      id={id}
      required
      label={
        partner
          ? t('funding:partnerConfirmation.languageOf', { name: partner })
          : t('funding:partnerConfirmation.language')
      }
      value={p.values?.language ?? ctx.lang}
      errors={p.errors}
      choices={languages.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
    />
  );
  return (
    <section class="kern-stack row-group" aria-labelledby="confirmations-title" id="confirmations">
      <h2 class="kern-heading-medium" id="confirmations-title">
        {t('funding:partnerConfirmation.askTitle')}
      </h2>
      <p class="kern-body">{t('funding:partnerConfirmation.askText')}</p>
      {partners.length === 0 ? (
        <p class="kern-body">{t('funding:partnerConfirmation.noPartners')}</p>
      ) : (
        <>
          {p.errors?.partner && (
            <p class="kern-error" id="f-partner">
              {issueText(ctx, p.errors.partner)}
            </p>
          )}
          <Form ctx={ctx} action={action}>
            <input type="hidden" name="partner" value="all" />
            {language('f-language')}
            <SubmitButton label={t('funding:partnerConfirmation.askAll')} />
          </Form>
          <ul class="kern-list">
            {partners.map((partner, i) => (
              <li>
                <Form ctx={ctx} action={action} class="kern-stack">
                  <input type="hidden" name="partner" value={String(i)} />
                  <p class="kern-body">
                    <Written ctx={ctx}>{partner.name}</Written>: <StateBadge ctx={ctx} state={states[i]!} />{' '}
                    {partner.contactEmail ? (
                      <Written ctx={ctx}>
                        {partner.contactName} &lt;{partner.contactEmail}&gt;
                      </Written>
                    ) : (
                      t('funding:partnerConfirmation.noContact')
                    )}
                  </p>
                  {partner.contactEmail && states[i]?.kind !== 'confirmed' && language(`f-language-${i}`, partner.name)}
                  {partner.contactEmail && states[i]?.kind !== 'confirmed' && (
                    <SubmitButton
                      kind="secondary"
                      label={t(
                        states[i]?.kind === 'missing'
                          ? 'funding:partnerConfirmation.askOne'
                          : 'funding:partnerConfirmation.askAgain',
                        { name: partner.name },
                      )}
                    />
                  )}
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Every partner's confirmation at a glance: on the application's overview (carrier and officer). */
export function ConfirmationsOverview(p: { ctx: ViewContext; partners: Partner[]; states: State[] }) {
  const { ctx } = p;
  const { t } = ctx;
  if (p.partners.length === 0) return null;
  const rows = p.partners.map((partner, i) => ({ partner, state: p.states[i]! }));
  return (
    <DataTable
      caption={t('funding:partnerConfirmation.overviewTitle')}
      empty=""
      rows={rows}
      columns={[
        { header: t('funding:partner.name'), cell: (r) => <Written ctx={ctx}>{r.partner.name}</Written> },
        { header: t('funding:partnerConfirmation.status'), cell: (r) => <StateBadge ctx={ctx} state={r.state} /> },
        {
          header: t('funding:partnerConfirmation.person'),
          cell: (r) => <Written ctx={ctx}>{r.state.row?.decidedByName ?? ''}</Written>,
        },
        {
          header: t('funding:partnerConfirmation.date'),
          cell: (r) => (r.state.row?.decidedAt ? berlinDateTime(ctx.lang, r.state.row.decidedAt) : ''),
        },
        {
          header: t('funding:partnerConfirmation.remark'),
          cell: (r) => (r.state.row?.remark ? <Written ctx={ctx}>{r.state.row.remark}</Written> : ''),
        },
      ]}
    />
  );
}

// ---- the partner's page ----

/** The part as the partner reads it (and as its sha-256 is taken): the project, the period, the partner's row. */
export function PartView({ ctx, part }: { ctx: ViewContext; part: ConfirmedPart }) {
  const { t, lang } = ctx;
  const period =
    part.startDate && part.endDate
      ? t('funding:partnerConfirmation.period', {
          from: berlinDate(lang, part.startDate),
          to: berlinDate(lang, part.endDate),
        })
      : '';
  // the language's own way: "30 %" in German, "%30" in Turkish
  const share = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(
    part.budgetShareBp / 10_000,
  );
  return (
    <DefinitionList
      items={[
        { key: t('funding:partnerConfirmation.carrier'), value: <Written ctx={ctx}>{part.carrier}</Written> },
        { key: t('funding:partnerConfirmation.project'), value: <Written ctx={ctx}>{part.title}</Written> },
        { key: t('funding:partnerConfirmation.periodLabel'), value: period },
        {
          key: t('funding:partner.name'),
          value: (
            <>
              <Written ctx={ctx}>{part.name}</Written>
              {part.isMigrantOrganisation ? ` (${t('funding:partnerConfirmation.migrantOrganisation')})` : ''}
            </>
          ),
        },
        { key: t('funding:partner.role'), value: <Written ctx={ctx}>{part.role}</Written> },
        {
          key: t('funding:partner.tasks'),
          value: (
            <Written ctx={ctx} block>
              {part.tasks}
            </Written>
          ),
        },
        {
          key: t('funding:partnerConfirmation.share'),
          value: t('funding:partnerConfirmation.shareValue', { share, amount: euro(lang, part.amountCents) }),
        },
      ]}
    />
  );
}

export function PartnerConfirmationPage(p: {
  ctx: ViewContext;
  token: string;
  contactName: string;
  part: ConfirmedPart;
  sha256: string;
  values?: Values;
  errors?: FieldErrors;
}) {
  const { ctx, part } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:partnerConfirmation.pageTitle')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{part.name}</Written>
        </p>
      </hgroup>
      <p class="kern-body">{t('funding:partnerConfirmation.pageIntro', { carrier: part.carrier })}</p>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <PartView ctx={ctx} part={part} />
      <Form ctx={ctx} action={href(ctx, `/partner-confirmation/${p.token}`)}>
        <input type="hidden" name="shown" value={p.sha256} />
        <ChoiceGroup
          ctx={ctx}
          type="radio"
          name="decision"
          required
          label={t('funding:partnerConfirmation.decision')}
          value={p.values?.decision}
          errors={p.errors}
          choices={[
            { value: 'confirm', label: t('funding:partnerConfirmation.confirm') },
            { value: 'decline', label: t('funding:partnerConfirmation.decline') },
          ]}
        />
        <TextField
          ctx={ctx}
          name="name"
          required
          autocomplete="name"
          label={t('funding:partnerConfirmation.yourName')}
          value={p.values?.name ?? p.contactName}
          errors={p.errors}
        />
        <TextField
          ctx={ctx}
          name="remark"
          multiline
          rows={4}
          label={t('funding:partnerConfirmation.remark')}
          hint={t('funding:partnerConfirmation.remarkHint')}
          value={p.values?.remark}
          errors={p.errors}
        />
        <p class="kern-hint">{t('funding:partnerConfirmation.privacy')}</p>
        <SubmitButton label={t('funding:partnerConfirmation.send')} />
      </Form>
    </div>
  );
}

/** After the answer: what was recorded. */
export function AnsweredPage(p: { ctx: ViewContext; status: 'confirmed' | 'declined'; part: ConfirmedPart }) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t(`funding:partnerConfirmation.answered.${p.status}`)}</h1>
      <p class="kern-body">{t('funding:partnerConfirmation.answered.text', { carrier: p.part.carrier })}</p>
      <PartView ctx={ctx} part={p.part} />
    </div>
  );
}

/** A link that opens nothing: unknown, used, replaced or expired, said plainly. */
export function LinkProblemPage({ ctx, problem }: { ctx: ViewContext; problem: LinkProblem }) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t(`funding:partnerConfirmation.link.${problem}.title`)}</h1>
      <p class="kern-body">{t(`funding:partnerConfirmation.link.${problem}.text`)}</p>
    </div>
  );
}
