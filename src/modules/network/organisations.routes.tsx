// Organisations in the administration: list and search, create, edit, disable and enable again,
// and who holds a role in one (with the way to grant one there).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listScopeHolders } from '../../core/auth/accounts-admin';
import { seeOther, sendHtml, viewContext } from '../../core/http/context';
import { renderError } from '../../core/http/errors';
import { formValues, isUuid, readForm, str } from '../../core/http/form';
import { actorOf, requirePermission, staffLanguage } from '../../core/http/guards';
import type { AppDeps } from '../../core/modules';
import type { FieldErrors } from '../../core/ui/context';
import { renderPage } from '../../core/ui/layout';
import {
  isMunicipalityKey,
  isPostcode,
  isWebsite,
  municipalityKeyIssues,
  organisationKinds,
  organisationStates,
} from './organisation-rules';
import {
  createOrganisation,
  getOrganisation,
  searchOrganisations,
  setOrganisationDisabled,
  updateOrganisation,
} from './organisations.store';
import {
  formValuesOf,
  OrganisationFormPage,
  type OrganisationFormValues,
  OrganisationListPage,
  OrganisationPage,
} from './organisations-views';

export const MANAGE_ORGANISATIONS = 'admin.organisations.manage';
const PAGE_SIZE = 50;

const text = (max: number) => z.string().trim().max(max, 'common:validation.tooLong').optional().default('');
/** An optional field: empty, or a value that passes the check. */
const optional = (max: number, check: (v: string) => boolean, key: string) =>
  text(max).refine((v) => v === '' || check(v), key);

const organisationSchema = z.object({
  name: z.string().trim().min(1, 'common:validation.required').max(200, 'common:validation.tooLong'),
  kind: z.enum(organisationKinds, 'common:validation.choose'),
  isMigrantOrganisation: z
    .enum(['on', ''], 'common:validation.invalid')
    .optional()
    .transform((v) => v === 'on'),
  street: text(200),
  postcode: optional(5, isPostcode, 'network:validation.postcode'),
  city: text(100),
  municipalityKey: optional(8, isMunicipalityKey, 'network:validation.municipalityKey'),
  email: optional(254, (v) => z.email().safeParse(v).success, 'common:validation.email'),
  website: optional(300, isWebsite, 'network:validation.website'),
});

const listSchema = z.object({
  q: text(200),
  kind: z
    .enum(['', ...organisationKinds], 'common:validation.choose')
    .optional()
    .default(''),
  state: z
    .enum(['', ...organisationStates], 'common:validation.choose')
    .optional()
    .default(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const doneKeys = new Set(['created', 'updated', 'unchanged', 'disabled', 'enabled']);

export function organisationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const staff = { preHandler: [staffLanguage, requirePermission(MANAGE_ORGANISATIONS)] };
  type Params = { id: string };
  const known = async (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    if (!isUuid(req.params.id)) return renderError(req, reply, 404);
  };
  const one = { preHandler: [...staff.preHandler, known] };

  app.get('/admin/organisations', staff, async (req, reply) => {
    const ctx = await viewContext(req, reply);
    const shown = formValues(req.query);
    const filter = { q: shown.q ?? '', kind: shown.kind ?? '', state: shown.state ?? '' };
    const form = readForm(listSchema, shown);
    const title = ctx.t('network:organisations.title');
    if (!form.ok)
      return sendHtml(
        reply,
        renderPage(
          ctx,
          title,
          <OrganisationListPage
            ctx={ctx}
            rows={[]}
            filter={filter}
            page={1}
            pageCount={0}
            total={0}
            errors={form.errors}
          />,
        ),
        400,
      );
    const f = form.data;
    const { rows, total } = await searchOrganisations(db, {
      q: f.q || undefined,
      kind: f.kind || undefined,
      state: f.state || undefined,
      page: f.page,
      pageSize: PAGE_SIZE,
    });
    return sendHtml(
      reply,
      renderPage(
        ctx,
        title,
        <OrganisationListPage
          ctx={ctx}
          rows={rows}
          filter={filter}
          page={f.page}
          pageCount={Math.ceil(total / PAGE_SIZE)}
          total={total}
        />,
      ),
    );
  });

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: {
      organisation?: Awaited<ReturnType<typeof getOrganisation>>;
      values: OrganisationFormValues;
      errors?: FieldErrors;
    },
    status = 200,
  ) => {
    const ctx = await viewContext(req, reply);
    const title = p.organisation
      ? ctx.t('network:organisations.editTitle', { name: p.organisation.name })
      : ctx.t('network:organisations.new');
    return sendHtml(
      reply,
      renderPage(
        ctx,
        title,
        <OrganisationFormPage ctx={ctx} organisation={p.organisation} values={p.values} errors={p.errors} />,
      ),
      status,
    );
  };

  app.get('/admin/organisations/new', staff, (req, reply) => form(req, reply, { values: {} }));

  app.post('/admin/organisations/new', staff, async (req, reply) => {
    const parsed = readForm(organisationSchema, req.body, { check: (d) => municipalityKeyIssues(d.municipalityKey) });
    if (!parsed.ok) return form(req, reply, { values: formValues(req.body), errors: parsed.errors }, 400);
    const id = await createOrganisation(db, actorOf(req), parsed.data);
    return seeOther(reply, `/${req.lang}/admin/organisations/${id}?done=created`);
  });

  app.get<{ Params: Params }>('/admin/organisations/:id', one, async (req, reply) => {
    const organisation = await getOrganisation(db, req.params.id);
    if (!organisation) return renderError(req, reply, 404);
    const people = await listScopeHolders(db, 'organisation', organisation.id);
    const done = str((req.query as Record<string, unknown>).done);
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        organisation.name,
        <OrganisationPage
          ctx={ctx}
          organisation={organisation}
          people={people}
          done={doneKeys.has(done) ? done : undefined}
        />,
      ),
    );
  });

  app.get<{ Params: Params }>('/admin/organisations/:id/edit', one, async (req, reply) => {
    const organisation = await getOrganisation(db, req.params.id);
    if (!organisation) return renderError(req, reply, 404);
    return form(req, reply, { organisation, values: formValuesOf(organisation) });
  });

  app.post<{ Params: Params }>('/admin/organisations/:id/edit', one, async (req, reply) => {
    const organisation = await getOrganisation(db, req.params.id);
    if (!organisation) return renderError(req, reply, 404);
    const parsed = readForm(organisationSchema, req.body, { check: (d) => municipalityKeyIssues(d.municipalityKey) });
    if (!parsed.ok) return form(req, reply, { organisation, values: formValues(req.body), errors: parsed.errors }, 400);
    const result = await updateOrganisation(db, actorOf(req), organisation.id, parsed.data, deps.now());
    if (result === 'notFound') return renderError(req, reply, 404);
    return seeOther(reply, `/${req.lang}/admin/organisations/${organisation.id}?done=${result}`);
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post<{ Params: Params }>(`/admin/organisations/:id/${path}`, one, async (req, reply) => {
      const result = await setOrganisationDisabled(db, actorOf(req), req.params.id, disabled, deps.now());
      if (result === 'notFound') return renderError(req, reply, 404);
      // a second click changes nothing and says what the state is
      return seeOther(
        reply,
        `/${req.lang}/admin/organisations/${req.params.id}?done=${disabled ? 'disabled' : 'enabled'}`,
      );
    });
  }
}
