// The one check every project page of activities makes: the workspace named in the address, when
// the signed-in person works for its organisation. Anyone else gets the 404 a project that does not
// exist gets, so guessing addresses tells nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../core/db/client';
import { renderError } from '../../../core/http/errors';
import { isUuid } from '../../../core/http/form';
import { getWorkspace } from './workspace.store';

/** The workspace (with its partners) of `req.params.id` for its staff; otherwise the 404 is sent and undefined returned. */
export async function staffWorkspace(app: FastifyInstance, db: Db, req: FastifyRequest, reply: FastifyReply) {
  const id = (req.params as { id?: string }).id ?? '';
  const found = isUuid(id) ? await getWorkspace(db, id) : undefined;
  if (!found || !app.can(req.user, 'project.view', { organisationId: found.project.organisationId })) {
    await renderError(req, reply, 404);
    return undefined;
  }
  return found;
}
