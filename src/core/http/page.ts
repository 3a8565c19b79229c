// Answers with a whole page: the view context of this request, the layout around the body, and
// the status. Title and body are functions of the context so they can use its language.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../ui/context';
import { renderPage } from '../ui/layout';
import { sendHtml, viewContext } from './context';

export async function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  title: (ctx: ViewContext) => string,
  body: (ctx: ViewContext) => ComponentChildren,
  status = 200,
) {
  const ctx = await viewContext(req, reply);
  return sendHtml(reply, renderPage(ctx, title(ctx), body(ctx)), status);
}
