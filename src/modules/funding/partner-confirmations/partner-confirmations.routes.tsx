// The partner's page behind the mailed link: no account, every language, rate-limited like the
// other public forms. A link that opens nothing says why (unknown 404; answered, replaced or expired
// 410), never a 500. The carrier's request lives beside the partners page (applications.routes.tsx).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hitLimit } from '../../../core/auth/rate-limit';
import { renderError } from '../../../core/http/errors';
import { type FieldErrors, readForm, str, toErrors } from '../../../core/http/form';
import { sendPage } from '../../../core/http/page';
import type { AppDeps } from '../../../core/modules';
import { decisionForm } from './partner-confirmation-forms';
import { type LinkProblem, linkProblem } from './partner-confirmation-rules';
import { AnsweredPage, LinkProblemPage, PartnerConfirmationPage } from './partner-confirmation-views';
import { answerLink, type OpenedLink, openLink } from './partner-confirmations.store';

type Params = { token: string };

/** A token as newToken makes them (32 random bytes, base64url); anything else is unknown without a query. */
const looksLikeToken = (s: string) => /^[A-Za-z0-9_-]{43}$/.test(s);

export function partnerConfirmationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, now } = deps;
  const perIp = deps.limits?.signInPerIp ?? 30;
  const windowSeconds = deps.limits?.windowSeconds ?? 15 * 60;

  /** The link's page must not be kept by a cache nor its address passed on to another site. */
  const private_ = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

  const problemPage = (req: FastifyRequest, reply: FastifyReply, problem: LinkProblem) => {
    private_(reply);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t(`funding:partnerConfirmation.link.${problem}.title`),
      (ctx) => <LinkProblemPage ctx={ctx} problem={problem} />,
      problem === 'unknown' ? 404 : 410,
    );
  };

  async function opened(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const token = req.params.token;
    const found = looksLikeToken(token) ? await openLink(db, token) : undefined;
    const problem = linkProblem(found?.row, now()) ?? (found?.part ? undefined : 'superseded');
    if (problem || !found) {
      await problemPage(req, reply, problem ?? 'unknown');
      return undefined;
    }
    return found as OpenedLink & { part: NonNullable<OpenedLink['part']>; sha256: string };
  }

  const show = (
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    found: OpenedLink & { part: NonNullable<OpenedLink['part']>; sha256: string },
    form?: { values: Record<string, string | undefined>; errors: FieldErrors },
  ) => {
    private_(reply);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:partnerConfirmation.pageTitle'),
      (ctx) => (
        <PartnerConfirmationPage
          ctx={ctx}
          token={req.params.token}
          contactName={found.row.contactName}
          part={found.part}
          sha256={found.sha256}
          values={form?.values}
          errors={form?.errors}
        />
      ),
      form ? 400 : 200,
    );
  };

  app.get<{ Params: Params }>('/partner-confirmation/:token', async (req, reply) => {
    const found = await opened(req, reply);
    if (!found) return reply;
    return show(req, reply, found);
  });

  app.post<{ Params: Params }>('/partner-confirmation/:token', async (req, reply) => {
    const limit = await hitLimit(db, `partner-confirmation:ip:${req.ip}`, perIp, windowSeconds);
    if (!limit.allowed) {
      reply.header('retry-after', String(limit.retryAfterSeconds));
      return renderError(req, reply, 429);
    }
    const found = await opened(req, reply);
    if (!found) return reply;
    const form = readForm(decisionForm, req.body);
    if (!form.ok) return show(req, reply, found, form);
    const result = await answerLink(db, req.params.token, form.data, { now: now(), ip: req.ip });
    if (!result.ok && 'problem' in result) return problemPage(req, reply, result.problem ?? 'unknown');
    if (!result.ok) {
      // the part changed since the page was shown: shown again as it stands now, to be read again
      const again = await opened(req, reply);
      if (!again) return reply;
      const values = Object.fromEntries(
        Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, str(v)]),
      );
      return show(req, reply, again, { values, errors: toErrors(result.issues) });
    }
    private_(reply);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t(`funding:partnerConfirmation.answered.${result.status}`),
      (ctx) => <AnsweredPage ctx={ctx} status={result.status} part={found.part} />,
    );
  });
}
