// Views of a project's consultations: the list with its counts and follow-ups, and the form.
import { formatDate } from '../../../core/i18n/formats';
import {
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  Notice,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import type { projects } from '../schema';
import { audiences, followUpState, formats } from './consultation-rules';
import type { Consultation } from './consultations.store';

type Project = typeof projects.$inferSelect;

export function ConsultationsPage(p: {
  ctx: ViewContext;
  project: Project;
  consultations: Consultation[];
  counts: Record<string, number>;
  today: string;
  done?: string;
}) {
  const { ctx, project } = p;
  const { t, lang } = ctx;
  const base = `/projects/${project.id}/consultations`;
  return (
    <div class="kern-stack">
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `/projects/${project.id}`)}>
          {t('activities:seminar.backToProject')}
        </a>
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('activities:consultation.listTitle')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{project.title}</Written>
        </p>
      </hgroup>
      {p.done && <Notice kind="success" role="status" title={t(`activities:consultation.notice.${p.done}`)} />}
      <p class="kern-body">{t('activities:consultation.listIntro')}</p>
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `${base}/new`)}>
          {t('activities:consultation.new')}
        </a>
      </p>
      <DefinitionList
        items={audiences.map((a) => ({ key: t(`activities:consultation.audiences.${a}`), value: p.counts[a] ?? 0 }))}
      />
      <DataTable
        caption={t('activities:consultation.caption')}
        empty={t('activities:consultation.none')}
        rows={p.consultations}
        columns={[
          { header: t('activities:consultation.field.heldOn'), cell: (c) => formatDate(lang, c.heldOn, 'medium') },
          {
            header: t('activities:consultation.field.audienceName'),
            cell: (c) => (
              <>
                <Written ctx={ctx}>{c.audienceName}</Written> ({t(`activities:consultation.audiences.${c.audience}`)})
              </>
            ),
          },
          { header: t('activities:consultation.field.topic'), cell: (c) => <Written ctx={ctx}>{c.topic}</Written> },
          {
            header: t('activities:consultation.field.format'),
            cell: (c) => t(`activities:consultation.formats.${c.format}`),
          },
          {
            header: t('activities:consultation.field.outcome'),
            cell: (c) => (c.outcome ? <Written ctx={ctx}>{c.outcome}</Written> : '–'),
          },
          {
            header: t('activities:consultation.field.followUp'),
            cell: (c) => {
              const state = followUpState(c, p.today);
              if (state === 'none') return '–';
              return (
                <>
                  <Written ctx={ctx}>{c.followUp}</Written>
                  {c.followUpDueOn &&
                    ` (${t('activities:consultation.due', { date: formatDate(lang, c.followUpDueOn, 'medium') })})`}
                  {': '}
                  {t(`activities:consultation.followUpStates.${state}`)}
                  {state !== 'done' && (
                    <Form ctx={ctx} action={href(ctx, `${base}/${c.id}/follow-up-done`)} class="inline-form">
                      <SubmitButton kind="tertiary" label={t('activities:consultation.markDone')} />
                    </Form>
                  )}
                </>
              );
            },
          },
        ]}
      />
    </div>
  );
}

export function ConsultationFormPage(p: {
  ctx: ViewContext;
  project: Project;
  values: Record<string, string | undefined>;
  errors?: FieldErrors;
}) {
  const { ctx, project, values: v, errors } = p;
  const { t } = ctx;
  const field = (name: string, extra: Record<string, unknown> = {}) => (
    <TextField
      ctx={ctx}
      name={name}
      label={t(`activities:consultation.field.${name}`)}
      value={v[name]}
      errors={errors}
      {...extra}
    />
  );
  return (
    <div class="kern-stack prose">
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `/projects/${project.id}/consultations`)}>
          {t('activities:consultation.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('activities:consultation.newTitle')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, `/projects/${project.id}/consultations`)}>
        {field('heldOn', { type: 'date', required: true })}
        <SelectField
          ctx={ctx}
          name="audience"
          required
          label={t('activities:consultation.field.audience')}
          value={v.audience}
          errors={errors}
          placeholder={t('activities:consultation.choose')}
          choices={audiences.map((a) => ({ value: a, label: t(`activities:consultation.audiences.${a}`) }))}
        />
        {field('audienceName', { required: true, hint: t('activities:consultation.field.audienceNameHint') })}
        {field('topic', { required: true })}
        <SelectField
          ctx={ctx}
          name="format"
          required
          label={t('activities:consultation.field.format')}
          value={v.format}
          errors={errors}
          placeholder={t('activities:consultation.choose')}
          choices={formats.map((f) => ({ value: f, label: t(`activities:consultation.formats.${f}`) }))}
        />
        {field('outcome', { multiline: true, rows: 4 })}
        {field('followUp', { multiline: true, rows: 3, hint: t('activities:consultation.field.followUpHint') })}
        {field('followUpDueOn', { type: 'date' })}
        <SubmitButton label={t('activities:consultation.save')} />
      </Form>
    </div>
  );
}
