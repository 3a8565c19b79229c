// Route guards: signed in, and allowed by can(). Anonymous people are sent to sign in and back.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlainAction } from '../modules';
import { renderError } from './errors';

export async function requireUser(req: FastifyRequest, reply: FastifyReply) {
  if (!req.user) {
    const next = encodeURIComponent(req.url);
    return reply.redirect(`/${req.lang}/sign-in?next=${next}`, 303);
  }
}

/** preHandler that answers 403 unless `can(user, action)` allows it. */
export function requirePermission(action: PlainAction) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.user) return requireUser(req, reply);
    if (!req.server.can(req.user, action)) return renderError(req, reply, 403);
  };
}

export function actorOf(req: FastifyRequest) {
  return { id: req.user?.id ?? null, label: req.user?.email ?? 'anonymous', ip: req.ip };
}

/** Staff pages exist in German and English only; in another language they say so (./staff-language.tsx). */
export { staffLanguage } from './staff-language';
