// Who may open a grant's pages: its carrier's staff and the officers of its programme. Everyone
// else gets 404, so a guessed id does not even confirm that the grant exists.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../core/db/client';
import { renderError } from '../../../core/http/errors';
import { isUuid } from '../../../core/http/form';
import { getGrantContext } from './grants.store';

export type VisibleGrant = NonNullable<Awaited<ReturnType<typeof getGrantContext>>> & {
  asCarrier: boolean;
  asOfficer: boolean;
};

export function grantAccess(app: FastifyInstance, db: Db) {
  return async function visibleGrant(
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
  ): Promise<VisibleGrant | undefined> {
    const found = isUuid(req.params.id) ? await getGrantContext(db, req.params.id) : undefined;
    const resource = found && {
      application: { organisationId: found.grant.organisationId },
      programme: found.programme,
    };
    if (!found || !resource || !app.can(req.user, 'application.view', resource)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return {
      ...found,
      asCarrier: app.can(req.user, 'application.edit', resource),
      asOfficer: app.can(req.user, 'programme.manage', found.programme),
    };
  };
}
