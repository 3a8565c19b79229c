// The officers of a call's programme translate its texts into the carriers' languages; the readers'
// pages show them (call-translation-rules.ts shownCall).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { seeOther } from '../../../core/http/context';
import { renderError } from '../../../core/http/errors';
import { isUuid } from '../../../core/http/form';
import { actorOf, requireUser, staffLanguage } from '../../../core/http/guards';
import { sendPage } from '../../../core/http/page';
import type { AppDeps } from '../../../core/modules';
import type { FieldErrors } from '../../../core/ui/context';
import type { Call } from '../types';
import { readCallTranslationForm } from './call-translation-forms';
import { isTranslationLocale, type TranslationLocale } from './call-translation-rules';
import { saveCallTranslation, translationsOfCall } from './call-translations.store';
import { CallTranslationForm, CallTranslationsPage } from './call-translations-views';
import { getCall, getProgramme } from './programmes.store';

type Params = { id: string };
type LocaleParams = { id: string; locale: string };

export function callTranslationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, now } = deps;
  const staff = { preHandler: [staffLanguage, requireUser] };

  /** The call, if the person is an officer of its programme; otherwise a 404 (no hint that it exists). */
  async function managedCall(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const call = isUuid(req.params.id) ? await getCall(db, req.params.id) : undefined;
    const programme = call ? await getProgramme(db, call.programmeId) : undefined;
    if (!call || !programme || !app.can(req.user, 'programme.manage', programme)) {
      await renderError(req, reply, 404);
      return undefined;
    }
    return call;
  }

  app.get<{ Params: Params }>('/funding/calls/:id/translations', staff, async (req, reply) => {
    const call = await managedCall(req, reply);
    if (!call) return reply;
    const translations = await translationsOfCall(db, call.id);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('funding:callTranslations.title'),
      (ctx) => <CallTranslationsPage ctx={ctx} call={call} translations={translations} />,
    );
  });

  async function formPage(
    req: FastifyRequest<{ Params: LocaleParams }>,
    reply: FastifyReply,
    call: Call,
    locale: TranslationLocale,
    form?: { values: Record<string, string>; errors: FieldErrors },
  ) {
    const stored = (await translationsOfCall(db, call.id)).get(locale)?.fields;
    return sendPage(
      req,
      reply,
      (ctx) =>
        ctx.t('funding:callTranslations.formTitle', { language: ctx.t(`funding:callTranslations.lang.${locale}`) }),
      (ctx) => (
        <CallTranslationForm
          ctx={ctx}
          call={call}
          locale={locale}
          stored={stored}
          values={form?.values}
          errors={form?.errors}
        />
      ),
      form ? 400 : 200,
    );
  }

  app.get<{ Params: LocaleParams }>('/funding/calls/:id/translations/:locale', staff, async (req, reply) => {
    const call = await managedCall(req, reply);
    if (!call) return reply;
    const locale = req.params.locale;
    if (!isTranslationLocale(locale)) return renderError(req, reply, 404);
    return formPage(req, reply, call, locale);
  });

  app.post<{ Params: LocaleParams }>('/funding/calls/:id/translations/:locale', staff, async (req, reply) => {
    const call = await managedCall(req, reply);
    if (!call) return reply;
    const locale = req.params.locale;
    if (!isTranslationLocale(locale)) return renderError(req, reply, 404);
    const form = readCallTranslationForm(req.body, call);
    if (!form.ok) return formPage(req, reply, call, locale, form);
    await saveCallTranslation(db, actorOf(req), call.id, locale, form.data.texts, form.data.confirmed, now());
    return seeOther(reply, `/${req.lang}/funding/calls/${call.id}/translations?notice=saved`);
  });
}
