// The organisation directory: the public list and profiles (/de/organisations, in all six
// languages, for anyone), and the entry form, for the organisation's own staff
// (/organisation/:id/directory) and for the administration (/admin/organisations/:id/directory).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { seeOther } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { checkbox, formValues, isUuid, readForm, str, toErrors } from '../../../core/http/form';
import { actorOf, requirePermission, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import type { AppDeps } from '../../../core/modules';
import type { FieldErrors } from '../../../core/ui/context';
import {
  countLimits,
  directoryIssues,
  fieldsOfWork,
  landCodes,
  languageCodes,
  organisationKinds,
} from '../organisation-rules';
import { getOrganisation, type Organisation } from '../organisations.store';
import {
  type DirectoryEntryInput,
  getListedOrganisation,
  searchDirectory,
  updateDirectoryEntry,
} from './directory.store';
import {
  DirectoryEntryPage,
  type DirectoryValues,
  directoryValuesOf,
  PublicDirectoryPage,
  PublicProfilePage,
} from './directory-views';

const PAGE_SIZE = 30;

const text = (max: number) => z.string().trim().max(max, 'common:validation.tooLong').optional().default('');

/** A count: empty is "not said" (null), else a whole number; the range is the rules' (directoryIssues). */
const count = (max: number) =>
  z.string().transform((s, ctx) => {
    const v = s.trim();
    if (v === '') return null;
    if (!/^\d{1,9}$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'network:validation.count', params: { max } });
      return z.NEVER;
    }
    return Number(v);
  });
const codes = z
  .array(z.string().max(40, 'network:validation.unknownChoice'))
  .max(100, 'network:validation.unknownChoice');

const entrySchema = z.object({
  legalForm: text(40),
  fieldsOfWork: codes,
  languages: codes,
  communities: text(2000),
  description: text(10_000),
  staffCount: count(countLimits.staffCount),
  volunteerCount: count(countLimits.volunteerCount),
  partnerCapacity: count(countLimits.partnerCapacity),
  listed: checkbox(),
});
const lists = ['fieldsOfWork', 'languages'] as const;

const choice = <T extends readonly string[]>(options: T) =>
  z
    .enum(['', ...options] as [string, ...string[]], 'common:validation.choose')
    .optional()
    .default('');
const filterSchema = z.object({
  q: text(200),
  kind: choice(organisationKinds),
  field: choice(fieldsOfWork),
  language: choice(languageCodes),
  land: choice(landCodes),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** What was sent, as the form shows it again (the checkbox groups as lists). */
function sentValues(body: unknown): DirectoryValues {
  const raw = (body ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : v === undefined ? [] : [str(v)]);
  return { ...formValues(raw), fieldsOfWork: list(raw.fieldsOfWork), languages: list(raw.languages) };
}

export function directoryRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  type Params = { id: string };

  // ---- public ----

  app.get('/organisations', async (req, reply) => {
    const shown = formValues(req.query);
    const filter = {
      q: shown.q ?? '',
      kind: shown.kind ?? '',
      field: shown.field ?? '',
      language: shown.language ?? '',
      land: shown.land ?? '',
    };
    const form = readForm(filterSchema, shown);
    const title = (ctx: { t: (k: string) => string }) => ctx.t('network:public.title');
    if (!form.ok)
      return sendPage(
        req,
        reply,
        title,
        (ctx) => (
          <PublicDirectoryPage
            ctx={ctx}
            rows={[]}
            filter={filter}
            page={1}
            pageCount={0}
            total={0}
            errors={form.errors}
          />
        ),
        400,
      );
    const f = form.data;
    const { rows, total } = await searchDirectory(db, {
      q: f.q || undefined,
      kind: f.kind || undefined,
      field: f.field || undefined,
      language: f.language || undefined,
      land: f.land || undefined,
      page: f.page,
      pageSize: PAGE_SIZE,
    });
    return sendPage(req, reply, title, (ctx) => (
      <PublicDirectoryPage
        ctx={ctx}
        rows={rows}
        filter={filter}
        page={f.page}
        pageCount={Math.ceil(total / PAGE_SIZE)}
        total={total}
      />
    ));
  });

  app.get<{ Params: Params }>('/organisations/:id', async (req, reply) => {
    const o = isUuid(req.params.id) ? await getListedOrganisation(db, req.params.id) : undefined;
    if (!o) return renderError(req, reply, 404);
    return sendPage(
      req,
      reply,
      () => o.name,
      (ctx) => <PublicProfilePage ctx={ctx} o={o} />,
    );
  });

  // ---- the entry form ----

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    o: Organisation,
    paths: { action: string; back: string },
    failed?: { values: DirectoryValues; errors: FieldErrors },
  ) {
    const saved = str((req.query as Record<string, unknown>).notice) === 'saved';
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('network:directory.editTitle'),
      (ctx) => (
        <DirectoryEntryPage
          ctx={ctx}
          organisation={o}
          action={paths.action}
          back={paths.back}
          values={failed?.values ?? directoryValuesOf(o)}
          errors={failed?.errors}
          saved={!failed && saved}
        />
      ),
      failed ? 400 : 200,
    );
  }

  async function save(
    req: FastifyRequest,
    reply: FastifyReply,
    o: Organisation,
    paths: { action: string; back: string },
  ) {
    const form = readForm(entrySchema, req.body, { lists, check: directoryIssues });
    if (!form.ok) return show(req, reply, o, paths, { values: sentValues(req.body), errors: form.errors });
    const input: DirectoryEntryInput = form.data;
    const saved = await updateDirectoryEntry(db, actorOf(req), o.id, input, deps.now());
    if (!saved) return renderError(req, reply, 404);
    if (!saved.ok) return show(req, reply, o, paths, { values: sentValues(req.body), errors: toErrors(saved.issues) });
    return seeOther(reply, `/${req.lang}${paths.action}?notice=saved`);
  }

  /** The organisation, if the person works for it; 404 otherwise (a guessed id confirms nothing). */
  async function own(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const id = req.params.id;
    const o =
      isUuid(id) && app.can(req.user, 'organisation.editOwn', { organisationId: id })
        ? await getOrganisation(db, id)
        : undefined;
    if (!o) await renderError(req, reply, 404);
    return o;
  }
  const ownPaths = (id: string) => ({ action: `/organisation/${id}/directory`, back: `/organisation/${id}` });
  const staffGuard = { preHandler: [requireUser] };

  app.get<{ Params: Params }>('/organisation/:id/directory', staffGuard, async (req, reply) => {
    const o = await own(req, reply);
    return o ? show(req, reply, o, ownPaths(o.id)) : reply;
  });
  app.post<{ Params: Params }>('/organisation/:id/directory', staffGuard, async (req, reply) => {
    const o = await own(req, reply);
    return o ? save(req, reply, o, ownPaths(o.id)) : reply;
  });

  const adminGuard = { preHandler: [staffLanguage, requirePermission('admin.organisations.manage')] };
  const adminPaths = (id: string) => ({
    action: `/admin/organisations/${id}/directory`,
    back: `/admin/organisations/${id}`,
  });
  const byAdmin = async (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const o = isUuid(req.params.id) ? await getOrganisation(db, req.params.id) : undefined;
    if (!o) await renderError(req, reply, 404);
    return o;
  };
  app.get<{ Params: Params }>('/admin/organisations/:id/directory', adminGuard, async (req, reply) => {
    const o = await byAdmin(req, reply);
    return o ? show(req, reply, o, adminPaths(o.id)) : reply;
  });
  app.post<{ Params: Params }>('/admin/organisations/:id/directory', adminGuard, async (req, reply) => {
    const o = await byAdmin(req, reply);
    return o ? save(req, reply, o, adminPaths(o.id)) : reply;
  });
}
