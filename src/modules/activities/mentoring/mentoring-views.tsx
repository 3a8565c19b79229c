// Views of mentoring: the project's rounds, and one round with its pools, the suggestions with their
// reasons, the optimal pairing beside the current pairs, and the forms of the matching phase.

import {
  ChoiceGroup,
  DataTable,
  ErrorSummary,
  Form,
  Notice,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import type { Assignment } from '../../network/api';
import type { projects } from '../schema';
import type { MentoringPair, MentoringPerson, MentoringRound } from './mentoring.store';
import { mentoringLanguages } from './mentoring-forms';
import { type PersonFit, type Reason, topics } from './mentoring-rules';

type Project = typeof projects.$inferSelect;
type Values = Record<string, string | undefined>;

const languageName = (ctx: ViewContext, code: string) =>
  new Intl.DisplayNames([ctx.lang], { type: 'language' }).of(code) ?? code;
const list = (ctx: ViewContext, items: string[]) =>
  new Intl.ListFormat(ctx.lang, { type: 'conjunction' }).format(items);

function reasonText(ctx: ViewContext, r: Reason): string {
  const p = r.params ?? {};
  return ctx.t(r.key, {
    ...p,
    languages: Array.isArray(p.languages)
      ? list(
          ctx,
          p.languages.map((l) => languageName(ctx, l)),
        )
      : '',
    topics: Array.isArray(p.topics)
      ? list(
          ctx,
          p.topics.map((x) => ctx.t(`activities:mentoring.topics.${x}`)),
        )
      : '',
  });
}

export function RoundsPage(p: {
  ctx: ViewContext;
  project: Project;
  rounds: MentoringRound[];
  values?: Values;
  errors?: FieldErrors;
}) {
  const { ctx, project } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `/projects/${project.id}`)}>
          {t('activities:seminar.backToProject')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('activities:mentoring.listTitle')}</h1>
      <p class="kern-body">{t('activities:mentoring.listIntro')}</p>
      <ul class="kern-list">
        {p.rounds.map((r) => (
          <li>
            <a class="kern-link" href={href(ctx, `/projects/${project.id}/mentoring/${r.id}`)}>
              <Written ctx={ctx}>{r.title}</Written>
            </a>{' '}
            ({t(r.pairedAt ? 'activities:mentoring.phase.paired' : 'activities:mentoring.phase.matching')})
          </li>
        ))}
      </ul>
      {p.rounds.length === 0 && <p class="kern-body">{t('activities:mentoring.none')}</p>}
      <h2 class="kern-heading-medium">{t('activities:mentoring.newRound')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={href(ctx, `/projects/${project.id}/mentoring`)}>
        <TextField
          ctx={ctx}
          name="title"
          required
          label={t('activities:mentoring.field.title')}
          value={p.values?.title}
          errors={p.errors}
        />
        <TextField
          ctx={ctx}
          name="description"
          multiline
          rows={3}
          label={t('activities:mentoring.field.description')}
          value={p.values?.description}
          errors={p.errors}
        />
        <SubmitButton label={t('activities:mentoring.createRound')} />
      </Form>
    </div>
  );
}

export interface RoundView {
  round: MentoringRound;
  mentors: MentoringPerson[];
  mentees: MentoringPerson[];
  pairs: MentoringPair[];
  suggestions: Map<string, (PersonFit & { id: string })[]>;
  optimal: Assignment;
  currentTotal: number;
  changed: string[];
}

export function RoundPage(p: {
  ctx: ViewContext;
  project: Project;
  view: RoundView;
  done?: string;
  form?: { which: 'person' | 'pair'; values: Values; errors: FieldErrors };
}) {
  const { ctx, project, view } = p;
  const { t } = ctx;
  const base = `/projects/${project.id}/mentoring/${view.round.id}`;
  const name = new Map([...view.mentors, ...view.mentees].map((x) => [x.id, x.name]));
  const matching = view.round.pairedAt === null;
  const pairedMentors = new Set(view.pairs.map((x) => x.mentorId));
  const pairedMentees = new Set(view.pairs.map((x) => x.menteeId));
  const pool = (caption: string, people: MentoringPerson[]) => (
    <DataTable
      caption={caption}
      empty={t('activities:mentoring.emptyPool')}
      rows={people}
      columns={[
        { header: t('activities:mentoring.field.name'), cell: (x) => <Written ctx={ctx}>{x.name}</Written> },
        {
          header: t('activities:mentoring.field.languages'),
          cell: (x) =>
            list(
              ctx,
              x.languages.map((l) => languageName(ctx, l)),
            ),
        },
        {
          header: t('activities:mentoring.field.topics'),
          cell: (x) =>
            list(
              ctx,
              x.topics.map((tp) => t(`activities:mentoring.topics.${tp}`)),
            ) || '–',
        },
        {
          header: t('activities:mentoring.field.region'),
          cell: (x) => (x.region ? <Written ctx={ctx}>{x.region}</Written> : '–'),
        },
        {
          header: t('activities:mentoring.field.availability'),
          cell: (x) => (x.availability ? <Written ctx={ctx}>{x.availability}</Written> : '–'),
        },
      ]}
    />
  );
  const fe = p.form?.which;
  return (
    <div class="kern-stack">
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `/projects/${project.id}/mentoring`)}>
          {t('activities:mentoring.back')}
        </a>
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">
          <Written ctx={ctx}>{view.round.title}</Written>
        </h1>
        <p class="kern-subline">
          {t(matching ? 'activities:mentoring.phase.matching' : 'activities:mentoring.phase.paired')}
        </p>
      </hgroup>
      {p.done && <Notice kind="success" role="status" title={t(`activities:mentoring.notice.${p.done}`)} />}
      {view.round.description && (
        <p class="kern-body pre-line">
          <Written ctx={ctx}>{view.round.description}</Written>
        </p>
      )}
      {pool(t('activities:mentoring.mentors', { people: view.mentors.length }), view.mentors)}
      {pool(t('activities:mentoring.mentees', { people: view.mentees.length }), view.mentees)}

      <h2 class="kern-heading-medium">{t('activities:mentoring.pairsTitle')}</h2>
      <DataTable
        caption={t('activities:mentoring.pairsCaption', { total: view.currentTotal })}
        empty={t('activities:mentoring.noPairs')}
        rows={view.pairs}
        columns={[
          {
            header: t('activities:mentoring.mentee'),
            cell: (x) => <Written ctx={ctx}>{name.get(x.menteeId) ?? ''}</Written>,
          },
          {
            header: t('activities:mentoring.mentor'),
            cell: (x) => <Written ctx={ctx}>{name.get(x.mentorId) ?? ''}</Written>,
          },
          { header: t('activities:mentoring.score'), numeric: true, cell: (x) => x.score },
        ]}
      />

      {matching && (
        <>
          <h2 class="kern-heading-medium">{t('activities:mentoring.optimalTitle')}</h2>
          <p class="kern-body">{t('activities:mentoring.optimalIntro')}</p>
          <DataTable
            caption={t('activities:mentoring.optimalCaption', {
              total: view.optimal.total,
              gain: view.optimal.total - view.currentTotal,
            })}
            empty={t('activities:mentoring.noPairs')}
            rows={view.optimal.pairs}
            columns={[
              {
                header: t('activities:mentoring.mentee'),
                cell: (x) => <Written ctx={ctx}>{name.get(x.left) ?? ''}</Written>,
              },
              {
                header: t('activities:mentoring.mentor'),
                cell: (x) => <Written ctx={ctx}>{name.get(x.right) ?? ''}</Written>,
              },
              { header: t('activities:mentoring.score'), numeric: true, cell: (x) => x.score },
              {
                header: t('activities:mentoring.change'),
                cell: (x) =>
                  t(view.changed.includes(x.left) ? 'activities:mentoring.changes' : 'activities:mentoring.same'),
              },
            ]}
          />
          {view.optimal.pairs.length > 0 && (
            <Form ctx={ctx} action={href(ctx, `${base}/optimal`)}>
              <SubmitButton label={t('activities:mentoring.adopt')} />
            </Form>
          )}

          <h2 class="kern-heading-medium">{t('activities:mentoring.suggestionsTitle')}</h2>
          {view.mentees.map((e) => (
            <section class="kern-stack" aria-labelledby={`s-${e.id}`}>
              <h3 class="kern-heading-small" id={`s-${e.id}`}>
                <Written ctx={ctx}>{e.name}</Written>
              </h3>
              {(view.suggestions.get(e.id) ?? []).length === 0 ? (
                <p class="kern-body">{t('activities:mentoring.noSuggestion')}</p>
              ) : (
                <ol class="kern-list">
                  {(view.suggestions.get(e.id) ?? []).map((s) => (
                    <li>
                      <Written ctx={ctx}>{name.get(s.id) ?? ''}</Written> (
                      {t('activities:mentoring.points', { score: s.score })}):{' '}
                      {s.reasons.map((r) => reasonText(ctx, r)).join('; ')}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ))}

          <h2 class="kern-heading-medium">{t('activities:mentoring.byHandTitle')}</h2>
          {fe === 'pair' && <ErrorSummary ctx={ctx} errors={p.form?.errors} />}
          <Form ctx={ctx} action={href(ctx, `${base}/pairs`)}>
            <SelectField
              ctx={ctx}
              name="menteeId"
              required
              label={t('activities:mentoring.mentee')}
              value={fe === 'pair' ? p.form?.values.menteeId : undefined}
              errors={fe === 'pair' ? p.form?.errors : undefined}
              placeholder={t('activities:consultation.choose')}
              choices={view.mentees
                .filter((x) => !pairedMentees.has(x.id))
                .map((x) => ({ value: x.id, label: x.name }))}
            />
            <SelectField
              ctx={ctx}
              name="mentorId"
              required
              label={t('activities:mentoring.mentor')}
              value={fe === 'pair' ? p.form?.values.mentorId : undefined}
              errors={fe === 'pair' ? p.form?.errors : undefined}
              placeholder={t('activities:consultation.choose')}
              choices={view.mentors
                .filter((x) => !pairedMentors.has(x.id))
                .map((x) => ({ value: x.id, label: x.name }))}
            />
            <SubmitButton kind="secondary" label={t('activities:mentoring.pair')} />
          </Form>

          <h2 class="kern-heading-medium">{t('activities:mentoring.addTitle')}</h2>
          {fe === 'person' && <ErrorSummary ctx={ctx} errors={p.form?.errors} />}
          <PersonForm
            ctx={ctx}
            action={href(ctx, `${base}/people`)}
            values={fe === 'person' ? p.form?.values : undefined}
            errors={fe === 'person' ? p.form?.errors : undefined}
          />

          {view.pairs.length > 0 && (
            <Form ctx={ctx} action={href(ctx, `${base}/finish`)}>
              <p class="kern-body">{t('activities:mentoring.finishText')}</p>
              <SubmitButton kind="secondary" label={t('activities:mentoring.finish')} />
            </Form>
          )}
        </>
      )}
    </div>
  );
}

function PersonForm(p: { ctx: ViewContext; action: string; values?: Values; errors?: FieldErrors }) {
  const { ctx, errors } = p;
  const { t } = ctx;
  const v = p.values ?? {};
  return (
    <Form ctx={ctx} action={p.action}>
      <ChoiceGroup
        ctx={ctx}
        type="radio"
        name="side"
        required
        label={t('activities:mentoring.field.side')}
        value={v.side}
        errors={errors}
        choices={[
          { value: 'mentee', label: t('activities:mentoring.mentee') },
          { value: 'mentor', label: t('activities:mentoring.mentor') },
        ]}
      />
      <TextField
        ctx={ctx}
        name="name"
        required
        label={t('activities:mentoring.field.name')}
        value={v.name}
        errors={errors}
      />
      <TextField
        ctx={ctx}
        name="email"
        type="email"
        label={t('activities:mentoring.field.email')}
        value={v.email}
        errors={errors}
      />
      <ChoiceGroup
        ctx={ctx}
        type="checkbox"
        name="languages"
        required
        label={t('activities:mentoring.field.languages')}
        value={(v.languages ?? '').split(',')}
        errors={errors}
        choices={mentoringLanguages.map((l) => ({ value: l, label: languageName(ctx, l) }))}
      />
      <ChoiceGroup
        ctx={ctx}
        type="checkbox"
        name="topics"
        label={t('activities:mentoring.field.topics')}
        hint={t('activities:mentoring.field.topicsHint')}
        value={(v.topics ?? '').split(',')}
        errors={errors}
        choices={topics.map((x) => ({ value: x, label: t(`activities:mentoring.topics.${x}`) }))}
      />
      <TextField
        ctx={ctx}
        name="region"
        label={t('activities:mentoring.field.region')}
        value={v.region}
        errors={errors}
      />
      <TextField
        ctx={ctx}
        name="availability"
        label={t('activities:mentoring.field.availability')}
        value={v.availability}
        errors={errors}
      />
      <TextField
        ctx={ctx}
        name="profile"
        multiline
        rows={3}
        label={t('activities:mentoring.field.profile')}
        value={v.profile}
        errors={errors}
      />
      <SubmitButton kind="secondary" label={t('activities:mentoring.add')} />
    </Form>
  );
}
