// Views of seminars: the staff's pages (new seminar, the seminar with its participants, a session's
// attendance) and the public ones (open seminars, one seminar with its registration form, the
// personal page behind the mailed link). They never query; what they show comes from the route.
import { formatBasisPoints, formatBerlinDateTime, formatBerlinTimeRange, formatDate } from '../../../core/i18n/formats';
import { berlinDate } from '../../../core/time/calendar';
import {
  CheckboxField,
  ChoiceGroup,
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
import type { ActivityCounts, Tally } from './seminar-counts';
import { type Askable, ageBands, askable, genders, seminarState } from './seminar-rules';
import type { Registration, SeminarOverview, SeminarSession } from './seminars.store';

type Values = Record<string, string | undefined>;
type Project = typeof projects.$inferSelect;

const when = (ctx: ViewContext, s: { startsAt: Date; endsAt: Date }) =>
  formatBerlinTimeRange(ctx.lang, s.startsAt, s.endsAt);

function Back({ ctx, to, label }: { ctx: ViewContext; to: string; label: string }) {
  return (
    <p class="kern-body">
      <a class="kern-link" href={href(ctx, to)}>
        {label}
      </a>
    </p>
  );
}

/** Where, when and how many: the facts of a seminar, the same for staff and the public. */
function SeminarFacts({
  ctx,
  seminar,
  sessions,
}: {
  ctx: ViewContext;
  seminar: SeminarOverview;
  sessions: SeminarSession[];
}) {
  const { t, lang } = ctx;
  return (
    <>
      <DefinitionList
        items={[
          ...(seminar.place
            ? [{ key: t('activities:seminar.place'), value: <Written ctx={ctx}>{seminar.place}</Written> }]
            : []),
          ...(seminar.onlineLink ? [{ key: t('activities:seminar.onlineLink'), value: seminar.onlineLink }] : []),
          {
            key: t('activities:seminar.seats'),
            value: t('activities:seminar.seatsValue', {
              capacity: seminar.capacity,
              free: Math.max(0, seminar.capacity - seminar.confirmed),
            }),
          },
          { key: t('activities:seminar.closesOn'), value: formatDate(lang, seminar.registrationClosesOn) },
        ]}
      />
      {seminar.curriculum && (
        <>
          <h2 class="kern-heading-medium">{t('activities:seminar.curriculum')}</h2>
          <p class="kern-body pre-line">
            <Written ctx={ctx}>{seminar.curriculum}</Written>
          </p>
        </>
      )}
      {seminar.learningGoals && (
        <>
          <h2 class="kern-heading-medium">{t('activities:seminar.learningGoals')}</h2>
          <p class="kern-body pre-line">
            <Written ctx={ctx}>{seminar.learningGoals}</Written>
          </p>
        </>
      )}
      <h2 class="kern-heading-medium">{t('activities:seminar.sessions')}</h2>
      <ol class="kern-list">
        {sessions.map((s) => (
          <li>
            <Written ctx={ctx}>{s.topic}</Written>: {when(ctx, s)}
          </li>
        ))}
      </ol>
    </>
  );
}

// ---- staff -----------------------------------------------------------------------------------

export function SeminarsSection({
  ctx,
  project,
  seminars,
  now,
}: {
  ctx: ViewContext;
  project: Project;
  seminars: SeminarOverview[];
  now: Date;
}) {
  const { t, lang } = ctx;
  return (
    <section class="kern-stack" aria-labelledby="seminars-heading">
      <h2 class="kern-heading-medium" id="seminars-heading">
        {t('activities:seminar.listTitle')}
      </h2>
      <DataTable
        caption={t('activities:seminar.listCaption')}
        empty={t('activities:seminar.none')}
        rows={seminars}
        columns={[
          {
            header: t('activities:seminar.title'),
            cell: (s) => (
              <a class="kern-link" href={href(ctx, `/projects/${project.id}/seminars/${s.id}`)}>
                <Written ctx={ctx}>{s.title}</Written>
              </a>
            ),
          },
          {
            header: t('activities:seminar.firstSession'),
            cell: (s) => (s.firstStart ? formatBerlinDateTime(lang, s.firstStart) : '–'),
          },
          {
            header: t('activities:seminar.registered'),
            numeric: true,
            cell: (s) =>
              t('activities:seminar.registeredValue', {
                confirmed: s.confirmed,
                capacity: s.capacity,
                waiting: s.waitlisted,
              }),
          },
          {
            header: t('activities:seminar.state'),
            cell: (s) => t(`activities:seminar.states.${seminarState(s, now, berlinDate(now))}`),
          },
        ]}
      />
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `/projects/${project.id}/seminars/new`)}>
          {t('activities:seminar.new')}
        </a>
      </p>
    </section>
  );
}

/** The project's figures for its reports, computed from registrations and attendance. */
export function CountsSection({ ctx, counts }: { ctx: ViewContext; counts: ActivityCounts }) {
  const { t } = ctx;
  const table = (caption: string, by: Record<string, Tally>, label: (key: string) => string) => (
    <DataTable
      caption={caption}
      empty={t('activities:counts.none')}
      rows={Object.entries(by).sort(([, a], [, b]) => b.reached - a.reached)}
      columns={[
        { header: t('activities:counts.group'), cell: ([key]) => label(key) },
        { header: t('activities:counts.reached'), numeric: true, cell: ([, v]) => v.reached },
        { header: t('activities:counts.retained'), numeric: true, cell: ([, v]) => v.retained },
      ]}
    />
  );
  const languageName = (code: string) => new Intl.DisplayNames([ctx.lang], { type: 'language' }).of(code) ?? code;
  return (
    <section class="kern-stack" aria-labelledby="counts-heading">
      <h2 class="kern-heading-medium" id="counts-heading">
        {t('activities:counts.title')}
      </h2>
      <p class="kern-body">{t('activities:counts.intro')}</p>
      <DefinitionList
        items={[
          { key: t('activities:counts.seminarsHeld'), value: counts.seminarsHeld },
          { key: t('activities:counts.sessionsHeld'), value: counts.sessionsHeld },
          { key: t('activities:counts.registrations'), value: counts.registrations },
          { key: t('activities:counts.reached'), value: counts.total.reached },
          { key: t('activities:counts.retained'), value: counts.total.retained },
        ]}
      />
      {table(t('activities:counts.byGender'), counts.byGender, (k) => t(`activities:registration.genders.${k}`))}
      {table(t('activities:counts.byAgeBand'), counts.byAgeBand, (k) => t(`activities:registration.ageBands.${k}`))}
      {table(t('activities:counts.byLanguage'), counts.byLanguage, languageName)}
    </section>
  );
}

export function SeminarFormPage(p: { ctx: ViewContext; project: Project; values: Values; errors?: FieldErrors }) {
  const { ctx, project, values: v, errors } = p;
  const { t } = ctx;
  const field = (name: string, extra: Record<string, unknown> = {}) => (
    <TextField
      ctx={ctx}
      name={name}
      label={t(`activities:seminar.field.${name}`)}
      value={v[name]}
      errors={errors}
      {...extra}
    />
  );
  const typedRows = Object.keys(v).filter((k) => /^sessions-\d+-topic$/.test(k)).length;
  const rows = Math.max(3, typedRows + 1);
  const asks = Object.entries(v)
    .filter(([k]) => k === 'asks' || k.startsWith('asks'))
    .flatMap(([, x]) => (x ?? '').split(','));
  return (
    <div class="kern-stack prose">
      <Back ctx={ctx} to={`/projects/${project.id}`} label={t('activities:seminar.backToProject')} />
      <h1 class="kern-heading-large">{t('activities:seminar.newTitle')}</h1>
      <p class="kern-body">{t('activities:seminar.newIntro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, `/projects/${project.id}/seminars`)} class="kern-stack">
        {field('title', { required: true })}
        {field('curriculum', { multiline: true, rows: 5 })}
        {field('learningGoals', { multiline: true, rows: 4 })}
        {field('place', { hint: t('activities:seminar.field.placeHint') })}
        {field('onlineLink', { type: 'url' })}
        {field('capacity', { required: true, inputmode: 'numeric' })}
        {field('registrationClosesOn', { required: true, type: 'date' })}
        {field('requiredAttendance', {
          required: true,
          inputmode: 'numeric',
          value: v.requiredAttendance ?? '75',
          hint: t('activities:seminar.field.requiredAttendanceHint'),
        })}
        <ChoiceGroup
          ctx={ctx}
          type="checkbox"
          name="asks"
          label={t('activities:seminar.field.asks')}
          hint={t('activities:seminar.field.asksHint')}
          value={asks}
          errors={errors}
          choices={askable.map((a) => ({ value: a, label: t(`activities:registration.field.${a}`) }))}
        />
        <h2 class="kern-heading-medium">{t('activities:seminar.sessions')}</h2>
        <p class="kern-hint" id="sessions-hint">
          {t('activities:seminar.sessionsHint')}
        </p>
        {errors?.sessions && <Notice kind="danger" title={t(errors.sessions.key)} role="alert" />}
        {Array.from({ length: rows }, (_, i) => (
          <fieldset class="kern-fieldset row-group">
            <legend class="kern-label">{t('activities:seminar.session', { n: i + 1 })}</legend>
            <div class="kern-fieldset__body kern-stack">
              <TextField
                ctx={ctx}
                name={`sessions-${i}-topic`}
                label={t('activities:seminar.field.topic')}
                value={v[`sessions-${i}-topic`]}
                errors={errors}
              />
              <TextField
                ctx={ctx}
                type="date"
                name={`sessions-${i}-date`}
                label={t('activities:seminar.field.date')}
                value={v[`sessions-${i}-date`]}
                errors={errors}
              />
              <TextField
                ctx={ctx}
                type="time"
                name={`sessions-${i}-startTime`}
                label={t('activities:seminar.field.startTime')}
                value={v[`sessions-${i}-startTime`]}
                errors={errors}
              />
              <TextField
                ctx={ctx}
                type="time"
                name={`sessions-${i}-endTime`}
                label={t('activities:seminar.field.endTime')}
                value={v[`sessions-${i}-endTime`]}
                errors={errors}
              />
            </div>
          </fieldset>
        ))}
        <CheckboxField
          ctx={ctx}
          name="publish"
          label={t('activities:seminar.field.publish')}
          hint={t('activities:seminar.field.publishHint')}
          checked={v.publish === 'on'}
          errors={errors}
        />
        <SubmitButton label={t('activities:seminar.create')} />
      </Form>
    </div>
  );
}

export interface ParticipantRow {
  registration: Registration;
  attended: number;
  shareBp: number;
  certificate: boolean;
}

export function StaffSeminarPage(p: {
  ctx: ViewContext;
  project: Project;
  seminar: SeminarOverview;
  sessions: SeminarSession[];
  participants: ParticipantRow[];
  recorded: Set<string>;
  now: Date;
  done?: string;
}) {
  const { ctx, project, seminar, sessions, participants } = p;
  const { t, lang } = ctx;
  const base = `/projects/${project.id}/seminars/${seminar.id}`;
  const live = participants.filter((r) => r.registration.status !== 'cancelled');
  return (
    <div class="kern-stack">
      <Back ctx={ctx} to={`/projects/${project.id}`} label={t('activities:seminar.backToProject')} />
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">
          <Written ctx={ctx}>{seminar.title}</Written>
        </h1>
        <p class="kern-subline">{t(`activities:seminar.states.${seminarState(seminar, p.now, berlinDate(p.now))}`)}</p>
      </hgroup>
      {p.done && <Notice kind="success" role="status" title={t(`activities:seminar.notice.${p.done}`)} />}
      {seminar.publishedAt ? (
        <p class="kern-body">
          {t('activities:seminar.publicLinkIntro')}{' '}
          <a class="kern-link" href={href(ctx, `/seminars/${seminar.id}`)}>
            {t('activities:seminar.publicLink')}
          </a>
        </p>
      ) : (
        !seminar.cancelledAt && (
          <Form ctx={ctx} action={href(ctx, `${base}/publish`)}>
            <p class="kern-body">{t('activities:seminar.draftText')}</p>
            <SubmitButton label={t('activities:seminar.publish')} />
          </Form>
        )
      )}
      <SeminarFacts ctx={ctx} seminar={seminar} sessions={sessions} />
      <DataTable
        caption={t('activities:attendance.sessionsCaption')}
        empty={t('activities:seminar.none')}
        rows={sessions}
        columns={[
          { header: t('activities:seminar.field.topic'), cell: (s) => <Written ctx={ctx}>{s.topic}</Written> },
          { header: t('activities:seminar.when'), cell: (s) => when(ctx, s) },
          {
            header: t('activities:attendance.title'),
            cell: (s) =>
              s.startsAt.getTime() > p.now.getTime() ? (
                t('activities:attendance.notYet')
              ) : (
                <a class="kern-link" href={href(ctx, `${base}/sessions/${s.id}/attendance`)}>
                  {t(p.recorded.has(s.id) ? 'activities:attendance.change' : 'activities:attendance.record')}
                  <span class="kern-sr-only">: {s.topic}</span>
                </a>
              ),
          },
        ]}
      />
      <DataTable
        caption={t('activities:participants.caption', { active: live.length })}
        empty={t('activities:participants.none')}
        rows={participants}
        columns={[
          {
            header: t('activities:participants.name'),
            cell: (r) =>
              r.registration.name ? (
                <Written ctx={ctx}>{r.registration.name}</Written>
              ) : (
                t('activities:participants.withdrawn')
              ),
          },
          { header: t('activities:participants.code'), cell: (r) => r.registration.participantCode },
          {
            header: t('activities:participants.status'),
            cell: (r) => t(`activities:registration.states.${r.registration.status}`),
          },
          {
            header: t('activities:participants.registeredAt'),
            cell: (r) => formatBerlinDateTime(lang, r.registration.registeredAt),
          },
          {
            header: t('activities:participants.attendance'),
            numeric: true,
            cell: (r) => (r.registration.status === 'confirmed' ? formatBasisPoints(lang, r.shareBp) : '–'),
          },
          {
            header: t('activities:participants.needs'),
            cell: (r) =>
              r.registration.answers.accessibility ? (
                <Written ctx={ctx}>{r.registration.answers.accessibility}</Written>
              ) : (
                '–'
              ),
          },
          {
            header: t('activities:certificate.title'),
            cell: (r) =>
              r.certificate ? (
                <a class="kern-link" href={href(ctx, `${base}/registrations/${r.registration.id}/certificate.pdf`)}>
                  {t('activities:certificate.download')}
                  <span class="kern-sr-only">: {r.registration.name}</span>
                </a>
              ) : (
                '–'
              ),
          },
        ]}
      />
    </div>
  );
}

export function AttendancePage(p: {
  ctx: ViewContext;
  project: Project;
  seminar: SeminarOverview;
  session: SeminarSession;
  confirmed: Registration[];
  present: Set<string>;
  errors?: FieldErrors;
}) {
  const { ctx, project, seminar, session } = p;
  const { t } = ctx;
  const base = `/projects/${project.id}/seminars/${seminar.id}`;
  return (
    <div class="kern-stack prose">
      <Back ctx={ctx} to={base} label={t('activities:attendance.back')} />
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('activities:attendance.pageTitle')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{`${seminar.title}: ${session.topic}`}</Written> · {when(ctx, session)}
        </p>
      </hgroup>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={href(ctx, `${base}/sessions/${session.id}/attendance`)}>
        {p.confirmed.length === 0 ? (
          <p class="kern-body">{t('activities:participants.none')}</p>
        ) : (
          <ChoiceGroup
            ctx={ctx}
            type="checkbox"
            name="present"
            label={t('activities:attendance.who')}
            hint={t('activities:attendance.hint')}
            value={[...p.present]}
            errors={p.errors}
            choices={p.confirmed.map((r) => ({ value: r.id, label: `${r.name} (${r.participantCode})` }))}
          />
        )}
        <SubmitButton label={t('activities:attendance.save')} />
      </Form>
    </div>
  );
}

// ---- public ----------------------------------------------------------------------------------

export function OpenSeminarsPage({ ctx, seminars }: { ctx: ViewContext; seminars: SeminarOverview[] }) {
  const { t, lang } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('activities:public.listTitle')}</h1>
      <p class="kern-body">{t('activities:public.listIntro')}</p>
      {seminars.length === 0 ? (
        <p class="kern-body">{t('activities:public.none')}</p>
      ) : (
        <ul class="kern-list">
          {seminars.map((s) => (
            <li>
              <a class="kern-link" href={href(ctx, `/seminars/${s.id}`)}>
                <Written ctx={ctx}>{s.title}</Written>
              </a>
              {s.firstStart && ` · ${formatBerlinDateTime(lang, s.firstStart)}`} ·{' '}
              {s.confirmed < s.capacity
                ? t('activities:public.free', { free: s.capacity - s.confirmed })
                : t('activities:public.full')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function PublicSeminarPage(p: {
  ctx: ViewContext;
  seminar: SeminarOverview;
  sessions: SeminarSession[];
  open: boolean;
  values?: Values;
  errors?: FieldErrors;
}) {
  const { ctx, seminar, sessions } = p;
  const { t } = ctx;
  const v = p.values ?? {};
  const asked = (a: Askable) => seminar.asks.includes(a);
  const full = seminar.confirmed >= seminar.capacity;
  return (
    <div class="kern-stack prose">
      <Back ctx={ctx} to="/seminars" label={t('activities:public.back')} />
      <h1 class="kern-heading-large">
        <Written ctx={ctx}>{seminar.title}</Written>
      </h1>
      <SeminarFacts ctx={ctx} seminar={seminar} sessions={sessions} />
      <h2 class="kern-heading-medium" id="register">
        {t('activities:registration.title')}
      </h2>
      {!p.open ? (
        <p class="kern-body">{t('activities:registration.closed')}</p>
      ) : (
        <>
          {full && (
            <Notice kind="info" title={t('activities:registration.fullTitle')}>
              {t('activities:registration.fullText')}
            </Notice>
          )}
          <p class="kern-body">{t('activities:registration.intro')}</p>
          <ErrorSummary ctx={ctx} errors={p.errors} />
          <Form ctx={ctx} action={href(ctx, `/seminars/${seminar.id}`)}>
            <TextField
              ctx={ctx}
              name="name"
              required
              autocomplete="name"
              label={t('activities:registration.field.name')}
              hint={t('activities:registration.field.nameHint')}
              value={v.name}
              errors={p.errors}
            />
            <TextField
              ctx={ctx}
              name="email"
              type="email"
              required
              autocomplete="email"
              label={t('activities:registration.field.email')}
              hint={t('activities:registration.field.emailHint')}
              value={v.email}
              errors={p.errors}
            />
            {asked('phone') && (
              <TextField
                ctx={ctx}
                name="phone"
                type="tel"
                autocomplete="tel"
                label={t('activities:registration.field.phone')}
                value={v.phone}
                errors={p.errors}
              />
            )}
            {asked('firstLanguage') && (
              <TextField
                ctx={ctx}
                name="firstLanguage"
                label={t('activities:registration.field.firstLanguage')}
                value={v.firstLanguage}
                errors={p.errors}
              />
            )}
            {asked('gender') && (
              <SelectField
                ctx={ctx}
                name="gender"
                label={t('activities:registration.field.gender')}
                hint={t('activities:registration.field.statsHint')}
                value={v.gender}
                errors={p.errors}
                placeholder={t('activities:registration.noAnswer')}
                choices={genders.map((g) => ({ value: g, label: t(`activities:registration.genders.${g}`) }))}
              />
            )}
            {asked('ageBand') && (
              <SelectField
                ctx={ctx}
                name="ageBand"
                label={t('activities:registration.field.ageBand')}
                hint={t('activities:registration.field.statsHint')}
                value={v.ageBand}
                errors={p.errors}
                placeholder={t('activities:registration.noAnswer')}
                choices={ageBands.map((g) => ({ value: g, label: t(`activities:registration.ageBands.${g}`) }))}
              />
            )}
            {asked('accessibility') && (
              <TextField
                ctx={ctx}
                name="accessibility"
                multiline
                rows={3}
                label={t('activities:registration.field.accessibility')}
                hint={t('activities:registration.field.accessibilityHint')}
                value={v.accessibility}
                errors={p.errors}
              />
            )}
            <CheckboxField
              ctx={ctx}
              name="consent"
              required
              label={t('activities:registration.field.consent')}
              hint={t('activities:registration.consentText')}
              checked={v.consent === 'on'}
              errors={p.errors}
            />
            <SubmitButton
              label={t(full ? 'activities:registration.submitWaitlist' : 'activities:registration.submit')}
            />
          </Form>
        </>
      )}
    </div>
  );
}

export function PersonalRegistrationPage(p: {
  ctx: ViewContext;
  token: string;
  registration: Registration;
  seminar: SeminarOverview;
  sessions: SeminarSession[];
  waitlistPlace?: number;
  done?: string;
}) {
  const { ctx, registration: r, seminar, sessions } = p;
  const { t } = ctx;
  const base = `/registration/${p.token}`;
  const withdrawn = r.consentWithdrawnAt !== null;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('activities:personal.title')}</h1>
      {p.done && <Notice kind="success" role="status" title={t(`activities:personal.notice.${p.done}`)} />}
      <Notice
        kind={r.status === 'confirmed' ? 'success' : r.status === 'waitlisted' ? 'info' : 'warning'}
        title={t(`activities:personal.state.${withdrawn ? 'withdrawn' : r.status}`, { place: p.waitlistPlace ?? 0 })}
      >
        {r.status === 'waitlisted' && t('activities:personal.waitlistText')}
      </Notice>
      <h2 class="kern-heading-medium">
        <Written ctx={ctx}>{seminar.title}</Written>
      </h2>
      <SeminarFacts ctx={ctx} seminar={seminar} sessions={sessions} />
      {r.status !== 'cancelled' && (
        <>
          <p class="kern-body">
            <a class="kern-link" href={href(ctx, `${base}/calendar.ics`)} download="seminar.ics">
              {t('activities:personal.calendar')}
            </a>
          </p>
          <h2 class="kern-heading-medium">{t('activities:personal.cancelTitle')}</h2>
          <Form ctx={ctx} action={href(ctx, `${base}/cancel`)}>
            <p class="kern-body">{t('activities:personal.cancelText')}</p>
            <SubmitButton kind="secondary" label={t('activities:personal.cancel')} />
          </Form>
        </>
      )}
      {!withdrawn && (
        <>
          <h2 class="kern-heading-medium">{t('activities:personal.dataTitle')}</h2>
          <DefinitionList
            items={[
              { key: t('activities:registration.field.name'), value: <Written ctx={ctx}>{r.name}</Written> },
              { key: t('activities:registration.field.email'), value: r.email },
              ...Object.entries(r.answers)
                .filter(([, value]) => value !== '')
                .map(([k, value]) => ({
                  key: t(`activities:registration.field.${k}`),
                  value:
                    k === 'gender'
                      ? t(`activities:registration.genders.${value}`)
                      : k === 'ageBand'
                        ? t(`activities:registration.ageBands.${value}`)
                        : value,
                })),
              {
                key: t('activities:personal.consent'),
                value: t('activities:personal.consentValue', {
                  date: formatBerlinDateTime(ctx.lang, r.consentAt),
                  version: r.consentVersion,
                }),
              },
            ]}
          />
          <Form ctx={ctx} action={href(ctx, `${base}/withdraw`)}>
            <p class="kern-body">{t('activities:personal.withdrawText')}</p>
            <SubmitButton kind="secondary" label={t('activities:personal.withdraw')} />
          </Form>
        </>
      )}
    </div>
  );
}
