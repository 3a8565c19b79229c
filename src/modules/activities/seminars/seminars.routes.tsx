// Seminars. The project's staff create and open them, record attendance per session and print the
// certificates (behind `project.view`: participant lists are for the project's staff only). The
// public sees open seminars and registers without an account; the personal page behind the mailed
// link shows the registration, its calendar file, and lets the person cancel or withdraw consent.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hitLimit } from '../../../core/auth/rate-limit';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { type FieldErrors, failedForm, isUuid, listOf, readForm, toErrors } from '../../../core/http/form';
import { actorOf, requireUser } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import type { Lang } from '../../../core/i18n/i18n';
import type { AppDeps } from '../../../core/modules';
import { berlinDate, berlinDateTime } from '../../../core/time/calendar';
import { today } from '../../../core/time/clock';
import { renderPage } from '../../../core/ui/layout';
import { organisationNames } from '../../network/api';
import { staffWorkspace } from '../workspace/project-access';
import { seminarCalendar } from './seminar-calendar';
import { certificatePdf } from './seminar-certificate-pdf';
import {
  attendanceForm,
  attendanceFormOptions,
  registrationForm,
  seminarForm,
  seminarFormOptions,
} from './seminar-forms';
import { attendanceShareBp, earnsCertificate, registrationOpen, seminarIssues } from './seminar-rules';
import {
  AttendancePage,
  OpenSeminarsPage,
  PersonalRegistrationPage,
  PublicSeminarPage,
  SeminarFormPage,
  StaffSeminarPage,
} from './seminar-views';
import {
  attendanceOf,
  cancelRegistration,
  createSeminar,
  getSeminar,
  openSeminars,
  publishSeminar,
  recordAttendance,
  recordedSessions,
  register,
  registrationByToken,
  registrationsOf,
  registrationToken,
} from './seminars.store';

/** What a redirect after a form reports (`?done=`), when it is one the page knows. */
const doneOf = (query: unknown, known: readonly string[]) => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' && known.includes(done) ? done : undefined;
};
const looksLikeToken = (s: string) => /^[A-Za-z0-9_-]{43}$/.test(s);

export function seminarRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, now } = deps;
  const guard = { preHandler: [requireUser] };
  const perIp = deps.limits?.signInPerIp ?? 30;
  const windowSeconds = deps.limits?.windowSeconds ?? 15 * 60;
  const dayOf = berlinDate;

  /** The project, when the signed-in person works for it; else the 404 is sent. */
  const projectFor = async (req: FastifyRequest, reply: FastifyReply) =>
    (await staffWorkspace(app, db, req, reply))?.project;

  /** The project's seminar named in the address, for its staff. */
  async function staffSeminar(req: FastifyRequest<{ Params: { id: string; sid: string } }>, reply: FastifyReply) {
    const project = await projectFor(req, reply);
    if (!project) return undefined;
    const found = isUuid(req.params.sid) ? await getSeminar(db, req.params.sid) : undefined;
    if (!found || found.project.id !== project.id) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return found;
  }

  // ---- staff ---------------------------------------------------------------------------------

  type ProjectParams = { Params: { id: string } };
  type SeminarParams = { Params: { id: string; sid: string } };

  const showForm = async (
    req: FastifyRequest<ProjectParams>,
    reply: FastifyReply,
    project: NonNullable<Awaited<ReturnType<typeof projectFor>>>,
    form?: { values: Record<string, string | undefined>; errors: FieldErrors },
  ) => {
    const ctx = await viewContext(req, reply);
    const values = {
      ...(form?.values ?? {}),
      asks: listOf((req.body as Record<string, unknown> | undefined)?.asks).join(','),
    };
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('activities:seminar.newTitle'),
        <SeminarFormPage ctx={ctx} project={project} values={values} errors={form?.errors} />,
      ),
      form ? 400 : 200,
    );
  };

  app.get<ProjectParams>('/projects/:id/seminars/new', guard, async (req, reply) => {
    const project = await projectFor(req, reply);
    if (!project) return reply;
    return showForm(req, reply, project);
  });

  app.post<ProjectParams>('/projects/:id/seminars', guard, async (req, reply) => {
    const project = await projectFor(req, reply);
    if (!project) return reply;
    const ctx = { now: now(), today: today(now), dayOf };
    const sessionsOf = (rows: { row: number; topic: string; date: string; startTime: string; endTime: string }[]) =>
      rows.map((r) => ({
        row: r.row,
        topic: r.topic,
        startsAt: berlinDateTime(r.date, r.startTime),
        endsAt: berlinDateTime(r.date, r.endTime),
      }));
    const form = readForm(seminarForm, req.body, {
      ...seminarFormOptions,
      check: (d) => seminarIssues({ ...d, sessions: sessionsOf(d.sessions) }, ctx),
    });
    if (!form.ok) return showForm(req, reply, project, form);
    const d = form.data;
    const result = await createSeminar(
      db,
      actorOf(req),
      project.id,
      {
        ...d,
        requiredAttendanceBp: d.requiredAttendance * 100,
        sessions: sessionsOf(d.sessions),
      },
      ctx,
    );
    if (!result.ok) return showForm(req, reply, project, failedForm(req.body, result.issues));
    return seeOther(
      reply,
      `/${req.lang}/projects/${project.id}/seminars/${result.id}?done=${d.publish ? 'published' : 'created'}`,
    );
  });

  app.get<SeminarParams>('/projects/:id/seminars/:sid', guard, async (req, reply) => {
    const found = await staffSeminar(req, reply);
    if (!found) return reply;
    const { seminar, sessions, project } = found;
    const [rows, present, recorded] = await Promise.all([
      registrationsOf(db, seminar.id),
      attendanceOf(db, seminar.id),
      recordedSessions(db, seminar.id),
    ]);
    const at = now();
    const held = sessions.filter((s) => s.startsAt.getTime() <= at.getTime()).length;
    const allHeld = held === sessions.length;
    const participants = rows.map((registration) => {
      const attended = present.get(registration.id)?.size ?? 0;
      return {
        registration,
        attended,
        shareBp: attendanceShareBp(attended, held),
        certificate: earnsCertificate({
          status: registration.status as 'confirmed',
          attended,
          sessions: sessions.length,
          allHeld,
          requiredBp: seminar.requiredAttendanceBp,
        }),
      };
    });
    const ctx = await viewContext(req, reply);
    reply.header('cache-control', 'no-store');
    return sendHtml(
      reply,
      renderPage(
        ctx,
        seminar.title,
        <StaffSeminarPage
          ctx={ctx}
          project={project}
          seminar={seminar}
          sessions={sessions}
          participants={participants}
          recorded={recorded}
          now={at}
          done={doneOf(req.query, ['created', 'published', 'attendanceSaved'])}
        />,
      ),
    );
  });

  app.post<SeminarParams>('/projects/:id/seminars/:sid/publish', guard, async (req, reply) => {
    const found = await staffSeminar(req, reply);
    if (!found) return reply;
    await publishSeminar(db, actorOf(req), found.seminar.id, now());
    return seeOther(reply, `/${req.lang}/projects/${found.project.id}/seminars/${found.seminar.id}?done=published`);
  });

  type SessionParams = { Params: { id: string; sid: string; sessionId: string } };
  async function staffSession(req: FastifyRequest<SessionParams>, reply: FastifyReply) {
    const found = await staffSeminar(req, reply);
    if (!found) return undefined;
    const session = found.sessions.find((s) => s.id === req.params.sessionId);
    // attendance is recorded for sessions that have begun; a later one has nothing to record yet
    if (!session || session.startsAt.getTime() > now().getTime()) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return { ...found, session };
  }

  const showAttendance = async (
    req: FastifyRequest<SessionParams>,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof staffSession>>>,
    errors?: FieldErrors,
  ) => {
    const [rows, present] = await Promise.all([
      registrationsOf(db, found.seminar.id),
      attendanceOf(db, found.seminar.id),
    ]);
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    const here = new Set(confirmed.filter((r) => present.get(r.id)?.has(found.session.id)).map((r) => r.id));
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('activities:attendance.pageTitle'),
        <AttendancePage
          ctx={ctx}
          project={found.project}
          seminar={found.seminar}
          session={found.session}
          confirmed={confirmed}
          present={errors ? new Set(listOf((req.body as Record<string, unknown>)?.present)) : here}
          errors={errors}
        />,
      ),
      errors ? 400 : 200,
    );
  };

  app.get<SessionParams>('/projects/:id/seminars/:sid/sessions/:sessionId/attendance', guard, async (req, reply) => {
    const found = await staffSession(req, reply);
    if (!found) return reply;
    return showAttendance(req, reply, found);
  });

  app.post<SessionParams>('/projects/:id/seminars/:sid/sessions/:sessionId/attendance', guard, async (req, reply) => {
    const found = await staffSession(req, reply);
    if (!found) return reply;
    const form = readForm(attendanceForm, req.body, attendanceFormOptions);
    if (!form.ok) return showAttendance(req, reply, found, form.errors);
    const result = await recordAttendance(db, actorOf(req), found.session.id, form.data.present, now());
    if (!result.ok) return showAttendance(req, reply, found, toErrors(result.issues));
    return seeOther(
      reply,
      `/${req.lang}/projects/${found.project.id}/seminars/${found.seminar.id}?done=attendanceSaved`,
    );
  });

  app.get<{ Params: { id: string; sid: string; rid: string } }>(
    '/projects/:id/seminars/:sid/registrations/:rid/certificate.pdf',
    guard,
    async (req, reply) => {
      const found = await staffSeminar(req, reply);
      if (!found) return reply;
      const { seminar, sessions, project } = found;
      const [rows, present] = await Promise.all([registrationsOf(db, seminar.id), attendanceOf(db, seminar.id)]);
      const registration = rows.find((r) => r.id === req.params.rid);
      const at = now();
      const allHeld = sessions.every((s) => s.startsAt.getTime() <= at.getTime());
      const attendedIds = registration ? (present.get(registration.id) ?? new Set<string>()) : new Set<string>();
      const earned =
        registration &&
        earnsCertificate({
          status: registration.status as 'confirmed',
          attended: attendedIds.size,
          sessions: sessions.length,
          allHeld,
          requiredBp: seminar.requiredAttendanceBp,
        });
      // no certificate for someone who did not earn one: the page offers none either
      if (!registration || !earned) return renderError(req, reply, 404);
      const names = await organisationNames(db, [project.organisationId]);
      const pdf = await certificatePdf({
        lang: (registration.language as Lang) ?? 'de',
        participant: registration.name,
        participantCode: registration.participantCode,
        seminar: seminar.title,
        learningGoals: seminar.learningGoals,
        project: project.title,
        carrier: names.get(project.organisationId) ?? '',
        sessions: sessions.map((s) => ({ topic: s.topic, startsAt: s.startsAt, attended: attendedIds.has(s.id) })),
        shareBp: attendanceShareBp(attendedIds.size, sessions.length),
        issuedOn: today(now),
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="teilnahmebescheinigung-${registration.participantCode}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  // ---- public --------------------------------------------------------------------------------

  app.get('/seminars', async (req, reply) => {
    const seminars = await openSeminars(db, today(now));
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('activities:public.listTitle'),
      (ctx) => <OpenSeminarsPage ctx={ctx} seminars={seminars} />,
    );
  });

  type PublicParams = { Params: { sid: string } };
  async function publicSeminar(req: FastifyRequest<PublicParams>, reply: FastifyReply) {
    const found = isUuid(req.params.sid) ? await getSeminar(db, req.params.sid) : undefined;
    // a draft is not public: it answers as one that does not exist
    if (!found?.seminar.publishedAt) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return found;
  }

  const showPublic = (
    req: FastifyRequest<PublicParams>,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof publicSeminar>>>,
    form?: { values: Record<string, string | undefined>; errors: FieldErrors },
  ) =>
    sendPage(
      req,
      reply,
      () => found.seminar.title,
      (ctx) => (
        <PublicSeminarPage
          ctx={ctx}
          seminar={found.seminar}
          sessions={found.sessions}
          open={registrationOpen(found.seminar, today(now))}
          values={form?.values}
          errors={form?.errors}
        />
      ),
      form ? 400 : 200,
    );

  app.get<PublicParams>('/seminars/:sid', async (req, reply) => {
    const found = await publicSeminar(req, reply);
    if (!found) return reply;
    return showPublic(req, reply, found);
  });

  app.post<PublicParams>('/seminars/:sid', async (req, reply) => {
    const limit = await hitLimit(db, `seminar-registration:ip:${req.ip}`, perIp, windowSeconds);
    if (!limit.allowed) {
      reply.header('retry-after', String(limit.retryAfterSeconds));
      return renderError(req, reply, 429);
    }
    const found = await publicSeminar(req, reply);
    if (!found) return reply;
    const form = readForm(registrationForm(found.seminar.asks), req.body);
    if (!form.ok) return showPublic(req, reply, found, form);
    const { name, email, consent: _consent, ...asked } = form.data;
    const answers = Object.fromEntries(Object.entries(asked).filter(([, v]) => v !== ''));
    const result = await register(
      db,
      found.seminar.id,
      { name, email, language: req.lang, answers },
      { now: now(), today: today(now), secret: deps.config.sessionSecret },
    );
    if (!result.ok) return showPublic(req, reply, found, failedForm(req.body, result.issues));
    const token = registrationToken(deps.config.sessionSecret, result.id);
    return seeOther(reply, `/${req.lang}/registration/${token}?done=${result.status}`);
  });

  /** The personal page must not be kept by a cache nor its address passed on to another site. */
  const private_ = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

  type TokenParams = { Params: { token: string } };
  async function personal(req: FastifyRequest<TokenParams>, reply: FastifyReply) {
    const found = looksLikeToken(req.params.token) ? await registrationByToken(db, req.params.token) : undefined;
    if (!found) {
      private_(reply);
      await renderError(req, reply, 404);
      return undefined;
    }
    return found;
  }

  app.get<TokenParams>('/registration/:token', async (req, reply) => {
    const found = await personal(req, reply);
    if (!found) return reply;
    private_(reply);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('activities:personal.title'),
      (ctx) => (
        <PersonalRegistrationPage
          ctx={ctx}
          token={req.params.token}
          registration={found.registration}
          seminar={found.seminar}
          sessions={found.sessions}
          waitlistPlace={found.waitlistPlace}
          done={doneOf(req.query, ['confirmed', 'waitlisted', 'cancelled', 'withdrawn'])}
        />
      ),
    );
  });

  app.get<TokenParams>('/registration/:token/calendar.ics', async (req, reply) => {
    const found = await personal(req, reply);
    if (!found) return reply;
    private_(reply);
    const ics = seminarCalendar([{ seminar: found.seminar, sessions: found.sessions }], {
      name: found.seminar.title,
      now: now(),
      cancelled: found.registration.status === 'cancelled',
    });
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="seminar.ics"')
      .send(ics);
  });

  for (const action of ['cancel', 'withdraw'] as const)
    app.post<TokenParams>(`/registration/:token/${action}`, async (req, reply) => {
      const found = await personal(req, reply);
      if (!found) return reply;
      await cancelRegistration(db, found.registration.id, { now: now(), withdrawConsent: action === 'withdraw' });
      private_(reply);
      return seeOther(
        reply,
        `/${req.lang}/registration/${req.params.token}?done=${action === 'withdraw' ? 'withdrawn' : 'cancelled'}`,
      );
    });
}
