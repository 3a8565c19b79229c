// The partner search for a carrier's staff (/organisation/partners): a migrant organisation is
// offered established carriers, anyone else migrant organisations, each from the public directory,
// ranked by partnerFit (matching-rules.ts) with the reasons behind the score.
import type { FastifyInstance } from 'fastify';
import { renderError } from '../../../core/http/errors';
import { str } from '../../../core/http/form';
import { requireUser } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import type { AppDeps } from '../../../core/modules';
import { partnerCandidates } from '../directory/directory.store';
import type { Organisation } from '../organisations.store';
import { getOrganisations, organisationIdsOf } from '../organisations.store';
import { type PartnerProfile, suggestPartners } from './matching-rules';
import { positionOf } from './municipality-centroids';
import { PartnerSearchPage, type ShownSuggestion } from './partners-views';

/**
 * How many places a candidate offers. Null ("not said") counts as one place: an organisation in the
 * public directory that did not say is more likely open to one partnership than to none, and
 * leaving it out would hide most new entries; the page says "not said" beside it.
 */
export const placesOf = (partnerCapacity: number | null) => partnerCapacity ?? 1;

export const profileOf = (
  o: Pick<Organisation, 'id' | 'municipalityKey' | 'fieldsOfWork' | 'languages' | 'partnerCapacity'>,
): PartnerProfile => ({
  id: o.id,
  position: positionOf(o.municipalityKey),
  fieldsOfWork: o.fieldsOfWork,
  languages: o.languages,
  capacity: placesOf(o.partnerCapacity),
});

export function partnerRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;

  app.get('/organisation/partners', { preHandler: [requireUser] }, async (req, reply) => {
    const ids = organisationIdsOf(req.user);
    const wanted = str((req.query as Record<string, unknown>).for);
    const id = ids.includes(wanted) ? wanted : ids[0];
    const [seeker] = id ? await getOrganisations(db, [id]) : [];
    if (!seeker) return renderError(req, reply, 404);
    const lookingForMigrant = !seeker.isMigrantOrganisation;
    const candidates = (await partnerCandidates(db, seeker.isMigrantOrganisation)).filter((c) => c.id !== seeker.id);
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const suggestions: ShownSuggestion[] = suggestPartners(profileOf(seeker), candidates.map(profileOf), 10).flatMap(
      (s) => {
        const organisation = byId.get(s.id);
        return organisation ? [{ ...s, organisation }] : [];
      },
    );
    const others = ids.length > 1 ? await getOrganisations(db, ids) : [];
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('network:partners.title'),
      (ctx) => (
        <PartnerSearchPage
          ctx={ctx}
          seeker={seeker}
          lookingForMigrant={lookingForMigrant}
          suggestions={suggestions}
          ownOrganisations={others}
        />
      ),
    );
  });
}
