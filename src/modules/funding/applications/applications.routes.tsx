// The carrier's side of applying: eligibility, the draft's sections, submission, PDF and files.
// Everyone who may not see an application gets 404, so ids cannot be probed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther, sendHtml, viewContext } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { type FieldErrors, type FieldIssue, intParam, isUuid, readForm, toErrors } from '../../../core/http/form';
import { actorOf, requireUser } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import { acceptsUploads, readUploads, refuseUpload } from '../../../core/http/uploads';
import { translator } from '../../../core/i18n/i18n';
import type { AppDeps } from '../../../core/modules';
import { pdfLanguage } from '../../../core/pdf/pdf';
import { berlinDate } from '../../../core/time/calendar';
import { today } from '../../../core/time/clock';
import { renderPage } from '../../../core/ui/layout';
import { getOrganisation, getOrganisations, organisationIdsOf } from '../../network/api';
import { getGrantOfApplication } from '../decisions/decisions.store';
import { applicationHasThread } from '../messages/message-rules';
import { unreadCount } from '../messages/messages.store';
import { MessagesLink } from '../messages/messages-views';
import { requestForm } from '../partner-confirmations/partner-confirmation-forms';
import {
  confirmationIssues,
  needsConfirmations,
  partnerStates,
} from '../partner-confirmations/partner-confirmation-rules';
import {
  ConfirmationsOverview,
  PartnerStateInRow,
  RequestForms,
} from '../partner-confirmations/partner-confirmation-views';
import {
  listConfirmations,
  requestConfirmations,
  statesOf,
} from '../partner-confirmations/partner-confirmations.store';
import { callIsOpen } from '../programmes/call-rules';
import { shownCallFor, shownTitlesFor } from '../programmes/call-translations.store';
import { getCall } from '../programmes/programmes.store';
import type { ApplicationContent } from '../types';
import { readEligibility, sectionForms, typedValues, withdrawForm } from './application-forms';
import { applicationPdf } from './application-pdf';
import {
  earlierApplicationsToCall,
  issuesOfSection,
  neverSubmitted,
  type Section,
  sections,
  submissionIssues,
  uploadIssues,
  withdrawIssues,
} from './application-rules';
import {
  createDraft,
  getApplicationContext,
  getDocument,
  getVersion,
  isEditable,
  listApplicationsOfOrganisations,
  listDocuments,
  listVersions,
  putDocument,
  saveContent,
  setDocumentDates,
  submitApplication,
  withdrawApplication,
} from './applications.store';
import {
  ApplicationOverview,
  DeclarationsSection,
  DocumentsSection,
  documentDateValues,
  EligibilityPage,
  MyApplications,
  milestoneValues,
  PartnersSection,
  PlanSection,
  ProjectSection,
  partnerValues,
  planValues,
  projectValues,
  WorkplanSection,
} from './applications-views';
import {
  dateField,
  documentValidityIssues,
  expiringBeforeDeadline,
  givenDate,
  needsDate,
  readDocumentDate,
} from './document-validity';

type Params = { id: string };

export function applicationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, now } = deps;
  // carrier pages (the officers see them too): in every language
  const guard = { preHandler: [requireUser] };

  /** The application, if this person may see it (its carrier's staff, its programme's officers). */
  async function visible(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const found = isUuid(req.params.id) ? await getApplicationContext(db, req.params.id) : undefined;
    if (!found || !app.can(req.user, 'application.view', found)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    const asCarrier = app.can(req.user, 'application.edit', found);
    // a draft is the carrier's own work: the funder sees what is submitted, not what is being written
    if (!asCarrier && neverSubmitted(found.application)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return { ...found, asCarrier, editable: asCarrier && isEditable(found.application) };
  }

  // ---- starting an application ----
  async function applyPage(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    extra: { values?: Record<string, string>; errors?: FieldErrors; stopped?: string[] } = {},
    status = 200,
  ) {
    const call = isUuid(req.params.id) ? await getCall(db, req.params.id) : undefined;
    if (!call?.published || !callIsOpen(call, now())) {
      await renderError(req, reply, 404);
      return undefined;
    }
    const organisations = await getOrganisations(db, organisationIdsOf(req.user));
    if (organisations.length === 0) {
      await renderError(req, reply, 403);
      return undefined;
    }
    const mine = await listApplicationsOfOrganisations(db, organisationIdsOf(req.user));
    const earlier = earlierApplicationsToCall(
      call.id,
      mine.map((x) => x.application),
    ).map((x) => ({ id: x.id, title: x.content.title }));
    const shown = await shownCallFor(db, call, req.lang);
    await sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:apply.title'),
      (ctx) => (
        <EligibilityPage
          ctx={ctx}
          call={call}
          shown={shown}
          organisations={organisations}
          earlier={earlier}
          {...extra}
        />
      ),
      status,
    );
    return { call, organisations };
  }

  app.get<{ Params: Params }>('/calls/:id/apply', guard, async (req, reply) => {
    await applyPage(req, reply);
    return reply;
  });

  app.post<{ Params: Params }>('/calls/:id/apply', guard, async (req, reply) => {
    const call = isUuid(req.params.id) ? await getCall(db, req.params.id) : undefined;
    const [first, ...others] = organisationIdsOf(req.user);
    if (!call?.published || !callIsOpen(call, now())) return renderError(req, reply, 404);
    if (!first) return renderError(req, reply, 403);
    const form = readEligibility(req.body, call, [first, ...others]);
    if (!form.ok) {
      await applyPage(req, reply, { values: form.values, errors: form.errors }, 400);
      return reply;
    }
    const { organisationId, answers } = form.data;
    const stopped = call.eligibility.filter((q) => answers[q.id] === 'no').map((q) => q.id);
    if (stopped.length) {
      await applyPage(req, reply, { stopped });
      return reply;
    }
    const id = await createDraft(db, actorOf(req), {
      callId: call.id,
      organisationId,
      stage: call.stages === 2 ? 'outline' : 'full',
      eligibilityAnswers: answers,
    });
    return seeOther(reply, `/${req.lang}/applications/${id}`);
  });

  // ---- the carrier's list and an application's overview ----
  app.get('/applications', guard, async (req, reply) => {
    const rows = await listApplicationsOfOrganisations(db, organisationIdsOf(req.user));
    const titles = await shownTitlesFor(
      db,
      rows.map((r) => ({ id: r.application.callId, title: r.callTitle })),
      req.lang,
    );
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:mine.title'),
      (ctx) => <MyApplications ctx={ctx} rows={rows} titles={titles} />,
    );
  });

  async function allIssues(a: NonNullable<Awaited<ReturnType<typeof visible>>>) {
    const issues = submissionIssues({
      content: a.application.content,
      stage: a.application.stage,
      dueAt: a.application.dueAt,
      call: a.call,
      programme: a.programme,
      documents: await listDocuments(db, a.application.id),
      now: now(),
    });
    // a full application's partners have each confirmed their current part (partner-confirmations/)
    const states = await statesOf(db, a.application, now());
    const confirmations = confirmationIssues(a.application.stage, a.application.content.partners, states);
    const at = issues.findIndex((i) => i.section !== 'project' && i.section !== 'partners');
    const partners = confirmations.map((i) => ({ ...i, section: 'partners' as const }));
    return at < 0 ? [...issues, ...partners] : [...issues.slice(0, at), ...partners, ...issues.slice(at)];
  }

  async function overview(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    showIssues: boolean,
    withdraw?: { values: Record<string, string | undefined>; errors: FieldErrors },
  ) {
    const a = await visible(req, reply);
    if (!a) return reply;
    const [issues, versions, grant, mine, shown, documents, states] = await Promise.all([
      allIssues(a),
      listVersions(db, a.application.id),
      a.application.status === 'approved' ? getGrantOfApplication(db, a.application.id) : undefined,
      a.asCarrier ? listApplicationsOfOrganisations(db, [a.application.organisationId]) : [],
      shownCallFor(db, a.call, req.lang),
      listDocuments(db, a.application.id),
      statesOf(db, a.application, now()),
    ]);
    // documents that count today but not up to the last day submissions are taken
    const deadline = a.application.dueAt ?? a.call.closesAt;
    const lastDay = berlinDate(new Date(deadline.getTime() - 1));
    const expiring =
      a.editable && a.application.stage === 'full'
        ? expiringBeforeDeadline(a.call.requiredDocuments, documents, today(now), lastDay)
        : [];
    // the thread opens once the application has reached the funder (messages/message-rules.ts)
    const thread = applicationHasThread(a.application);
    const unread =
      thread && req.user ? await unreadCount(db, req.user.id, { kind: 'application', id: a.application.id }) : 0;
    // a second application to the same call: said before it is filled in and submitted
    const earlier = earlierApplicationsToCall(
      a.application.callId,
      mine.map((x) => x.application),
    )
      .filter((x) => x.id !== a.application.id)
      .map((x) => ({ id: x.id, title: x.content.title }));
    return sendPage(
      req,
      reply,
      (ctx) => a.application.content.title || ctx.t('funding:application.untitled'),
      (ctx) => (
        <ApplicationOverview
          ctx={ctx}
          application={a.application}
          call={a.call}
          shown={shown}
          programme={a.programme}
          issues={issues}
          versions={versions}
          editable={a.editable}
          showIssues={showIssues}
          grantId={grant?.id}
          asCarrier={a.asCarrier}
          withdraw={withdraw}
          earlier={a.editable ? earlier : []}
          documents={documents}
          expiring={expiring}
          lastDay={lastDay}
          messages={
            thread ? <MessagesLink ctx={ctx} kind="application" id={a.application.id} unread={unread} /> : undefined
          }
          partnerConfirmations={
            needsConfirmations(a.application.stage) ? (
              <ConfirmationsOverview ctx={ctx} partners={a.application.content.partners} states={states} />
            ) : undefined
          }
        />
      ),
      (showIssues && issues.length) || withdraw ? 400 : 200,
    );
  }

  app.get<{ Params: Params }>('/applications/:id', guard, (req, reply) => overview(req, reply, false));

  // ---- sections ----
  type Loaded = NonNullable<Awaited<ReturnType<typeof visible>>>;
  // shown while filling in once a section has been started, so a new draft is not a wall of errors
  const started: Record<Section, (c: ApplicationContent) => boolean> = {
    project: (c) => Boolean(c.title),
    partners: (c) => c.partners.length > 0,
    workplan: (c) => c.milestones.length > 0,
    plan: (c) => c.plan.expenses.length > 0,
    documents: () => false,
    declarations: () => false,
  };

  async function renderSection(
    req: FastifyRequest,
    reply: FastifyReply,
    a: Loaded,
    section: Section,
    form?: { values: Record<string, string | undefined>; errors: FieldErrors; status?: number },
  ) {
    const ctx = await viewContext(req, reply);
    const c = a.application.content;
    const documents = await listDocuments(db, a.application.id);
    // a full application's partners confirm their parts: shown in each partner's row
    const asked = section === 'partners' && needsConfirmations(a.application.stage);
    const states = asked ? await statesOf(db, a.application, now()) : [];
    // a partner's missing confirmation is said in its row (its state), as an error only on submission
    const issues: FieldIssue[] = form
      ? []
      : started[section](c)
        ? issuesOfSection(section, c, { call: a.call, programme: a.programme, documents, today: today(now) })
        : // a missing document waits for the submission; one uploaded that no longer counts is said at once
          section === 'documents' && a.editable
          ? documentValidityIssues(a.call.requiredDocuments, documents, today(now))
          : [];
    const errors = form?.errors ?? toErrors(issues);
    const props = {
      ctx,
      application: a.application,
      editable: a.editable,
      errors: Object.keys(errors).length ? errors : undefined,
    };
    const body = (() => {
      switch (section) {
        case 'project':
          return <ProjectSection {...props} values={form?.values ?? projectValues(c)} />;
        case 'partners':
          return (
            <PartnersSection
              {...props}
              programme={a.programme}
              values={form?.values ?? { cooperationForm: c.cooperationForm, ...partnerValues(c.partners, ctx.lang) }}
              confirmations={
                asked
                  ? {
                      inRow: (i) => {
                        const partner = c.partners[i];
                        const state = states[i];
                        return partner && state ? (
                          <PartnerStateInRow ctx={ctx} index={i} partner={partner} state={state} errors={errors} />
                        ) : null;
                      },
                      after: a.editable ? (
                        <RequestForms
                          ctx={ctx}
                          applicationId={a.application.id}
                          partners={c.partners}
                          states={states}
                          values={form?.values}
                          errors={form?.errors}
                        />
                      ) : null,
                    }
                  : undefined
              }
            />
          );
        case 'workplan':
          return <WorkplanSection {...props} values={form?.values ?? milestoneValues(c)} />;
        case 'plan':
          return (
            <PlanSection
              {...props}
              programme={a.programme}
              content={c}
              values={form?.values ?? planValues(c, ctx.lang)}
            />
          );
        case 'documents':
          return null;
        case 'declarations':
          return (
            <DeclarationsSection
              {...props}
              values={
                form?.values ??
                Object.fromEntries(Object.entries(c.declarations).map(([k, v]) => [k, v ? 'on' : undefined]))
              }
            />
          );
      }
    })();
    const documentsBody =
      section === 'documents' ? (
        <DocumentsSection
          {...props}
          values={form?.values ?? {}}
          call={a.call}
          shown={await shownCallFor(db, a.call, ctx.lang)}
          documents={documents}
        />
      ) : null;
    return sendHtml(
      reply,
      renderPage(ctx, ctx.t(`funding:section.${section}`), documentsBody ?? body),
      form ? (form.status ?? 400) : 200,
    );
  }

  for (const section of sections) {
    app.get<{ Params: Params }>(`/applications/:id/${section}`, guard, async (req, reply) => {
      const a = await visible(req, reply);
      if (!a) return reply;
      if (section === 'workplan' || section === 'documents') {
        if (a.application.stage !== 'full') return renderError(req, reply, 404);
      }
      return renderSection(req, reply, a, section);
    });
  }

  for (const [section, read] of Object.entries(sectionForms) as [
    Section,
    NonNullable<(typeof sectionForms)[Section]>,
  ][]) {
    app.post<{ Params: Params }>(`/applications/:id/${section}`, guard, async (req, reply) => {
      const a = await visible(req, reply);
      if (!a) return reply;
      if (!a.editable) return renderError(req, reply, a.asCarrier ? 409 : 404);
      const form = read(req.body, a.application.content);
      // repeated fields (checkboxes) come back as one comma-separated value
      if (!form.ok)
        return renderSection(req, reply, a, section, { values: typedValues(req.body), errors: form.errors });
      if (!(await saveContent(db, actorOf(req), a.application.id, form.data, now())))
        return renderError(req, reply, 409);
      return seeOther(reply, `/${req.lang}/applications/${a.application.id}/${section}?notice=saved`);
    });
  }

  // ---- the partners' confirmations: a mailed link each (partner-confirmations/) ----
  app.post<{ Params: Params }>('/applications/:id/partners/confirmations', guard, async (req, reply) => {
    const a = await visible(req, reply);
    if (!a) return reply;
    if (!a.editable) return renderError(req, reply, a.asCarrier ? 409 : 404);
    const c = a.application.content;
    const saved = { cooperationForm: c.cooperationForm, ...partnerValues(c.partners, req.lang) };
    const form = readForm(requestForm, req.body);
    if (!form.ok)
      return renderSection(req, reply, a, 'partners', { values: { ...saved, ...form.values }, errors: form.errors });
    const which = form.data.partner === 'all' ? ('all' as const) : [Number(form.data.partner)];
    const result = await requestConfirmations(db, actorOf(req), a.application.id, which, {
      now: now(),
      language: form.data.language,
    });
    if (!result) return renderError(req, reply, 404);
    if (!result.ok)
      return renderSection(req, reply, a, 'partners', {
        values: { ...saved, ...form.values },
        errors: toErrors(result.issues),
      });
    return seeOther(reply, `/${req.lang}/applications/${a.application.id}/partners?notice=partnersAsked#confirmations`);
  });

  // ---- documents (multipart) ----
  const MB = 1024 * 1024;
  // a call's documents may allow up to 50 MB each (programme-forms.ts); each is read up to its own limit
  const uploads = acceptsUploads({ maxFileBytes: 50 * MB, maxFiles: 20 });
  app.post<{ Params: Params }>('/applications/:id/documents', { ...guard, ...uploads }, async (req, reply) => {
    const a = await visible(req, reply);
    if (!a) return reply;
    if (!a.editable) return renderError(req, reply, a.asCarrier ? 409 : 404);
    const kinds = new Map(a.call.requiredDocuments.map((d) => [`document-${d.id}`, d]));
    const upload = await readUploads(req, (field) => {
      const d = kinds.get(field);
      return d && Math.floor(d.maxMegabytes * MB);
    });
    if (!upload.ok) {
      if (upload.status === 413 && upload.field && kinds.has(upload.field))
        return renderSection(req, reply, a, 'documents', {
          values: {},
          errors: toErrors(uploadIssues(a.call.requiredDocuments, [], upload.field)),
          status: 413,
        });
      return refuseUpload(req, reply, upload);
    }
    const issues = uploadIssues(a.call.requiredDocuments, upload.files);
    const refused = new Set(issues.map((i) => i.field));
    const day = today(now);
    const current = await listDocuments(db, a.application.id);
    // the files that are fine are kept, so only the refused ones need to be chosen again; a file
    // whose validity needs a date comes with it (document-validity.ts), and a date typed alone
    // corrects the one of the file already there
    let stored = 0;
    for (const d of a.call.requiredDocuments) {
      const part = upload.files.find((f) => f.field === `document-${d.id}`);
      const typed = upload.fields[dateField(d)]?.trim();
      const had = current.find((x) => x.requiredDocumentId === d.id);
      if (!part && !(typed && had && needsDate(d) && typed !== givenDate(d, had))) continue;
      const dated = readDocumentDate(d, typed, day);
      if (!dated.ok) {
        issues.push(dated.issue);
        continue;
      }
      if (!part) {
        if (await setDocumentDates(db, actorOf(req), a.application.id, d.id, dated.dates)) stored++;
        continue;
      }
      if (refused.has(part.field)) continue;
      await putDocument(db, actorOf(req), a.application.id, {
        requiredDocumentId: d.id,
        filename: part.filename.slice(0, 200),
        mimeType: part.mimetype || 'application/octet-stream',
        content: part.content,
        ...dated.dates,
      });
      stored++;
    }
    if (issues.length)
      return renderSection(req, reply, a, 'documents', {
        values: documentDateValues(a.call.requiredDocuments, upload.fields),
        errors: toErrors(issues),
      });
    return seeOther(
      reply,
      `/${req.lang}/applications/${a.application.id}/documents?notice=${stored ? 'saved' : 'nothingUploaded'}`,
    );
  });

  app.get<{ Params: { id: string; documentId: string } }>(
    '/applications/:id/documents/:documentId',
    guard,
    async (req, reply) => {
      const a = await visible(req, reply);
      if (!a) return reply;
      const doc = isUuid(req.params.documentId)
        ? await getDocument(db, a.application.id, req.params.documentId)
        : undefined;
      if (!doc) return renderError(req, reply, 404);
      return reply
        .header('content-type', doc.mimeType === 'application/pdf' ? 'application/pdf' : 'application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(doc.content);
    },
  );

  // ---- withdrawal: the carrier takes back an application nothing is decided on yet ----
  app.post<{ Params: Params }>('/applications/:id/withdraw', guard, async (req, reply) => {
    const a = await visible(req, reply);
    if (!a) return reply;
    if (!a.asCarrier) return renderError(req, reply, 404);
    const form = readForm(withdrawForm, req.body, { check: (d) => withdrawIssues(d, a.application) });
    if (!form.ok) return overview(req, reply, false, { values: form.values, errors: form.errors });
    const done = await withdrawApplication(db, actorOf(req), a.application.id, form.data, now());
    if (!done) return renderError(req, reply, 404);
    if (!done.ok) return overview(req, reply, false, { values: form.values, errors: toErrors(done.issues) });
    return seeOther(reply, `/${req.lang}/applications/${a.application.id}?notice=withdrawn`);
  });

  // ---- submission ----
  app.post<{ Params: Params }>('/applications/:id/submit', guard, async (req, reply) => {
    const a = await visible(req, reply);
    if (!a) return reply;
    if (!a.editable) return renderError(req, reply, a.asCarrier ? 409 : 404);
    const issues = await allIssues(a);
    if (issues.length) return overview(req, reply, true);
    // the confirmation mail follows from the event (application-mails.ts)
    const version = await submitApplication(db, actorOf(req), a.application.id, { now: now(), language: req.lang });
    if (!version) return renderError(req, reply, 409);
    // a document that stopped counting since the check above (the day turned): shown like the rules' issues
    if (typeof version !== 'number') return overview(req, reply, true);
    return seeOther(reply, `/${req.lang}/applications/${a.application.id}?notice=submitted`);
  });

  app.get<{ Params: { id: string; version: string } }>(
    '/applications/:id/versions/:version.pdf',
    guard,
    async (req, reply) => {
      const a = await visible(req, reply);
      if (!a) return reply;
      const n = intParam(req.params.version);
      const version = n ? await getVersion(db, a.application.id, n) : undefined;
      if (!version) return renderError(req, reply, 404);
      const org = await getOrganisation(db, a.application.organisationId);
      const lang = pdfLanguage(req.lang);
      // the confirmations of the parts exactly as this version holds them
      const rows = needsConfirmations(a.application.stage) ? await listConfirmations(db, a.application.id) : [];
      const states = partnerStates(version.content, org?.name ?? '', rows, now());
      const pdf = await applicationPdf(translator(lang), lang, {
        version,
        call: a.call,
        organisationName: org?.name ?? '',
        caseNumber: a.application.caseNumber,
        confirmations: needsConfirmations(a.application.stage)
          ? version.content.partners.map((p, i) => ({
              partner: p.name,
              state: states[i]?.kind ?? 'missing',
              person: states[i]?.row?.decidedByName ?? '',
              at: states[i]?.row?.decidedAt ?? null,
              sha256: states[i]?.row?.partSha256 ?? null,
            }))
          : undefined,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="application-v${n}.pdf"`)
        .send(pdf);
    },
  );
}
