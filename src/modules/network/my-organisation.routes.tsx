// "Meine Organisation": the staff of an organisation keep its address, the bank account grants are
// paid to, and the people who may sign for it. Carrier-facing: in all six languages. Name and kind
// stay with the administration (they decide what the organisation is).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { seeOther, sendHtml, viewContext } from '../../core/http/context';
import { renderError } from '../../core/http/errors';
import { isUuid, readForm, toErrors } from '../../core/http/form';
import { actorOf, requireUser } from '../../core/http/guards';
import type { AppDeps } from '../../core/modules';
import type { FieldErrors } from '../../core/ui/context';
import { renderPage } from '../../core/ui/layout';
import { MyOrganisationPage, MyOrganisationsPage, ownValuesOf } from './my-organisation-views';
import { accountIssues, isMunicipalityKey, isPostcode, isWebsite, municipalityKeyIssues } from './organisation-rules';
import { getOrganisations, organisationIdsOf, updateOwnOrganisation } from './organisations.store';

const text = (max: number) => z.string().trim().max(max, 'common:validation.tooLong').optional().default('');
const optional = (max: number, check: (v: string) => boolean, key: string) =>
  text(max).refine((v) => v === '' || check(v), key);

const ownSchema = z.object({
  street: text(200),
  postcode: optional(5, isPostcode, 'network:validation.postcode'),
  city: text(100),
  municipalityKey: optional(8, isMunicipalityKey, 'network:validation.municipalityKey'),
  email: optional(254, (v) => z.email().safeParse(v).success, 'common:validation.email'),
  website: optional(300, isWebsite, 'network:validation.website'),
  iban: text(42),
  bic: text(11 + 4),
  accountHolder: text(200),
  signatory: z.array(z.object({ row: z.number(), name: text(200), role: text(200) }).passthrough()),
});

export function myOrganisationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const guard = { preHandler: [requireUser] };
  type Params = { id: string };

  /** The organisation, if the person works for it; 404 otherwise (a guessed id confirms nothing). */
  async function own(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const id = req.params.id;
    if (!isUuid(id) || !app.can(req.user, 'organisation.editOwn', { organisationId: id })) {
      await renderError(req, reply, 404);
      return undefined;
    }
    const [organisation] = await getOrganisations(db, [id]);
    if (!organisation) await renderError(req, reply, 404);
    return organisation;
  }

  async function show(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    organisation: NonNullable<Awaited<ReturnType<typeof own>>>,
    failed?: { values: Record<string, string | undefined>; errors: FieldErrors },
  ) {
    const ctx = await viewContext(req, reply);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        organisation.name,
        <MyOrganisationPage
          ctx={ctx}
          organisation={organisation}
          values={failed?.values ?? ownValuesOf(organisation)}
          errors={failed?.errors}
        />,
      ),
      failed ? 400 : 200,
    );
  }

  app.get('/organisation', guard, async (req, reply) => {
    const ids = organisationIdsOf(req.user);
    if (ids.length === 0) return renderError(req, reply, 404);
    if (ids.length === 1) return seeOther(reply, `/${req.lang}/organisation/${ids[0]}`);
    const ctx = await viewContext(req, reply);
    const organisations = await getOrganisations(db, ids);
    return sendHtml(
      reply,
      renderPage(ctx, ctx.t('network:own.listTitle'), <MyOrganisationsPage ctx={ctx} organisations={organisations} />),
    );
  });

  app.get<{ Params: Params }>('/organisation/:id', guard, async (req, reply) => {
    const organisation = await own(req, reply);
    if (!organisation) return reply;
    return show(req, reply, organisation);
  });

  app.post<{ Params: Params }>('/organisation/:id', guard, async (req, reply) => {
    const organisation = await own(req, reply);
    if (!organisation) return reply;
    const form = readForm(ownSchema, req.body, {
      rows: { signatory: ['name', 'role'] },
      check: (d) => [...accountIssues({ ...d, signatories: d.signatory }), ...municipalityKeyIssues(d.municipalityKey)],
    });
    if (!form.ok) return show(req, reply, organisation, form);
    const { signatory, ...rest } = form.data;
    const saved = await updateOwnOrganisation(
      db,
      actorOf(req),
      organisation.id,
      { ...rest, signatories: signatory.map(({ name, role }) => ({ name, role })) },
      deps.now(),
    );
    if (!saved) return renderError(req, reply, 404);
    if (!saved.ok) return show(req, reply, organisation, { values: form.values, errors: toErrors(saved.issues) });
    return seeOther(reply, `/${req.lang}/organisation/${organisation.id}?notice=saved`);
  });
}
