// The withdrawal on the page: on the grant page each withdrawal with its notice, for officer and
// carrier, and for the officer the way to the form (or why there is none); the form with its preview
// of what remains and what is reclaimed, confirmed before it is issued. Views never query.
import type { FieldIssue } from '../../../core/http/form';
import {
  CheckboxField,
  ChoiceGroup,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  issueText,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import type { Grant } from '../decisions/decisions.store';
import { berlinDate, berlinDateTime, euro } from '../format';
import {
  type ReclaimPart,
  remainingField,
  withdrawalBases,
  withdrawalEffects,
  withdrawalExtents,
  withdrawalReasons,
  type YearAmount,
} from './withdrawal-rules';
import type { Withdrawal } from './withdrawals.store';

const amountIn = (list: readonly YearAmount[], year: number) =>
  list.filter((x) => x.year === year).reduce((s, x) => s + x.amountCents, 0);

export function WithdrawalSection(p: {
  ctx: ViewContext;
  grant: Grant;
  withdrawals: Withdrawal[];
  asOfficer: boolean;
  /** what stops a withdrawal now (none: the officer is offered the form) */
  blockers: FieldIssue[];
}) {
  const { ctx, grant } = p;
  const { t, lang } = ctx;
  if (p.withdrawals.length === 0 && !p.asOfficer) return null;
  return (
    <section class="kern-stack" aria-labelledby="withdrawal-title">
      <h2 class="kern-heading-medium" id="withdrawal-title">
        {t('funding:withdrawal.title')}
      </h2>
      {p.withdrawals.map((w) => (
        <div class="kern-stack row-group">
          <h3 class="kern-heading-small">
            {t(`funding:withdrawal.heading.${w.basis}`, { date: berlinDateTime(lang, w.issuedAt) })}
          </h3>
          <DefinitionList
            items={[
              { key: t('funding:withdrawal.extent'), value: t(`funding:withdrawal.extents.${w.extent}`) },
              { key: t('funding:withdrawal.effectiveOn'), value: berlinDate(lang, w.effectiveOn) },
              { key: t('funding:withdrawal.reason'), value: t(`funding:withdrawal.reasons.${w.reason}`) },
              { key: t('funding:withdrawal.reasonText'), value: <Written ctx={ctx}>{w.reasonText}</Written> },
              {
                key: t('funding:withdrawal.remainingTotal'),
                value: euro(
                  lang,
                  w.grantAfter.reduce((s, x) => s + x.amountCents, 0),
                ),
              },
              { key: t('funding:withdrawal.reclaim'), value: euro(lang, w.reclaimCents) },
            ]}
          />
          <p class="kern-body">
            <a class="kern-link" href={href(ctx, `/grants/${grant.id}/withdrawals/${w.id}.pdf`)}>
              {t(`funding:withdrawal.notice.${w.basis}`)}
            </a>
          </p>
        </div>
      ))}
      {p.asOfficer &&
        (p.blockers.length === 0 ? (
          <p class="kern-body">
            <a class="kern-link" href={href(ctx, `/grants/${grant.id}/withdrawal`)}>
              {t('funding:withdrawal.start')}
            </a>
          </p>
        ) : (
          !grant.withdrawnOn && <p class="kern-body">{issueText(ctx, p.blockers[0]!)}</p>
        ))}
    </section>
  );
}

export interface WithdrawalPreview {
  before: YearAmount[];
  after: YearAmount[];
  paid: YearAmount[];
  perYear: YearAmount[];
  reclaimCents: number;
  effectiveOn: string;
  parts: ReclaimPart[];
}

export function WithdrawalPage(p: {
  ctx: ViewContext;
  grant: Grant;
  decisionDay: string;
  /** the grant per year now, and what has been paid out of it */
  current: YearAmount[];
  paid: YearAmount[];
  values: Record<string, string>;
  errors?: FieldErrors;
  preview?: WithdrawalPreview;
  blockers: FieldIssue[];
}) {
  const { ctx, grant, values, errors, preview } = p;
  const { t, lang } = ctx;
  const years = p.current.map((y) => y.year);
  return (
    <div class="kern-stack prose-wide">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:withdrawal.formTitle')}</h1>
        <p class="kern-subline">
          <a class="kern-link" href={href(ctx, `/grants/${grant.id}`)}>
            <Written ctx={ctx}>{grant.title}</Written>
          </a>{' '}
          · {t('funding:withdrawal.decisionOf', { date: berlinDate(lang, p.decisionDay) })}
        </p>
      </hgroup>
      {p.blockers.length > 0 ? (
        <>
          <ErrorSummary ctx={ctx} items={p.blockers.map((b) => ({ text: issueText(ctx, b) }))} />
          <p class="kern-body">
            <a class="kern-link" href={href(ctx, `/grants/${grant.id}`)}>
              {t('funding:withdrawal.backToGrant')}
            </a>
          </p>
        </>
      ) : (
        <Form ctx={ctx} action={href(ctx, `/grants/${grant.id}/withdrawal`)}>
          <ErrorSummary ctx={ctx} errors={errors} />
          <ChoiceGroup
            ctx={ctx}
            type="radio"
            name="basis"
            required
            label={t('funding:withdrawal.basis')}
            value={values.basis ?? 'revocation'}
            errors={errors}
            choices={withdrawalBases.map((b) => ({ value: b, label: t(`funding:withdrawal.bases.${b}`) }))}
          />
          <ChoiceGroup
            ctx={ctx}
            type="radio"
            name="extent"
            required
            label={t('funding:withdrawal.extent')}
            value={values.extent}
            errors={errors}
            choices={withdrawalExtents.map((x) => ({ value: x, label: t(`funding:withdrawal.extents.${x}`) }))}
          />
          <ChoiceGroup
            ctx={ctx}
            type="radio"
            name="effect"
            required
            label={t('funding:withdrawal.effect')}
            value={values.effect}
            errors={errors}
            choices={withdrawalEffects.map((x) => ({
              value: x,
              label: t(`funding:withdrawal.effects.${x}`, { date: berlinDate(lang, p.decisionDay) }),
            }))}
          />
          <TextField
            ctx={ctx}
            name="effectiveOn"
            type="date"
            label={t('funding:withdrawal.effectiveOn')}
            hint={t('funding:withdrawal.effectiveHint')}
            value={values.effectiveOn}
            errors={errors}
          />
          <SelectField
            ctx={ctx}
            name="reason"
            required
            label={t('funding:withdrawal.reason')}
            placeholder=""
            value={values.reason}
            errors={errors}
            choices={withdrawalReasons.map((r) => ({ value: r, label: t(`funding:withdrawal.reasons.${r}`) }))}
          />
          <TextField
            ctx={ctx}
            name="reasonText"
            required
            multiline
            rows={4}
            label={t('funding:withdrawal.reasonText')}
            value={values.reasonText}
            errors={errors}
          />
          <fieldset class="kern-fieldset">
            <legend class="kern-label">{t('funding:withdrawal.remainingLegend')}</legend>
            <p class="kern-hint">{t('funding:withdrawal.remainingHint')}</p>
            {p.current.map((y) => (
              <TextField
                ctx={ctx}
                name={remainingField(y.year)}
                inputmode="decimal"
                label={t('funding:withdrawal.remainingYear', { year: y.year })}
                hint={t('funding:withdrawal.remainingYearHint', {
                  granted: euro(lang, y.amountCents),
                  paid: euro(lang, amountIn(p.paid, y.year)),
                })}
                value={values[remainingField(y.year)]}
                errors={errors}
              />
            ))}
          </fieldset>
          {preview && (
            <section class="kern-stack" aria-labelledby="withdrawal-preview">
              <h2 class="kern-heading-medium" id="withdrawal-preview">
                {t('funding:withdrawal.previewTitle')}
              </h2>
              <DataTable
                caption={t('funding:withdrawal.previewCaption', { date: berlinDate(lang, preview.effectiveOn) })}
                empty=""
                rows={years}
                columns={[
                  { header: t('funding:ranking.year'), cell: (y) => String(y) },
                  {
                    header: t('funding:withdrawal.before'),
                    cell: (y) => euro(lang, amountIn(preview.before, y)),
                    numeric: true,
                  },
                  {
                    header: t('funding:withdrawal.after'),
                    cell: (y) => euro(lang, amountIn(preview.after, y)),
                    numeric: true,
                  },
                  {
                    header: t('funding:withdrawal.paid'),
                    cell: (y) => euro(lang, amountIn(preview.paid, y)),
                    numeric: true,
                  },
                  {
                    header: t('funding:withdrawal.reclaim'),
                    cell: (y) => euro(lang, amountIn(preview.perYear, y)),
                    numeric: true,
                  },
                ]}
              />
              <p class="kern-body">
                <strong>{t('funding:withdrawal.reclaimTotal', { amount: euro(lang, preview.reclaimCents) })}</strong>
              </p>
              {preview.parts.length > 0 && (
                <ul class="kern-list kern-list--bullet">
                  {preview.parts.map((part) => (
                    <li>
                      {t('funding:withdrawal.part', {
                        amount: euro(lang, part.amountCents),
                        date: berlinDate(lang, part.interestFrom),
                      })}
                    </li>
                  ))}
                </ul>
              )}
              <input type="hidden" name="previewed" value={String(preview.reclaimCents)} />
              <input type="hidden" name="step" value="issue" />
              <CheckboxConfirm ctx={ctx} errors={errors} />
            </section>
          )}
          {!preview && <input type="hidden" name="step" value="preview" />}
          {!preview && <input type="hidden" name="previewed" value="" />}
          <SubmitButton
            kind={preview ? 'primary' : 'secondary'}
            label={preview ? t('funding:withdrawal.issue') : t('funding:withdrawal.showPreview')}
          />
        </Form>
      )}
    </div>
  );
}

function CheckboxConfirm({ ctx, errors }: { ctx: ViewContext; errors?: FieldErrors }) {
  return (
    <CheckboxField
      ctx={ctx}
      name="confirm"
      required
      label={ctx.t('funding:withdrawal.confirm')}
      hint={ctx.t('funding:withdrawal.confirmHint')}
      errors={errors}
    />
  );
}
