import {
  ErrorSummary,
  Form,
  Notice,
  SubmitButton,
  TextField,
  Written,
  writtenDir,
  writtenLang,
} from '../ui/components';
import { type FieldErrors, href, type ViewContext } from '../ui/context';
import { type ContentSlug, type ContentText, renderMarkdown } from './pages';

export function HomePage({ ctx }: { ctx: ViewContext }) {
  const { t, user } = ctx;
  return (
    <div class="kern-stack">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-x-large">{t('common:home.title')}</h1>
        <p class="kern-subline">{t('common:home.subtitle')}</p>
      </hgroup>
      {user && <p class="kern-body--large">{t('common:home.welcomeBack', { name: user.name })}</p>}
      <ul class="cards">
        {(['fund', 'run', 'evaluate', 'transfer'] as const).map((k) => (
          <li class="kern-card">
            <div class="kern-card__container">
              <div class="kern-card__header">
                <h2 class="kern-title">{t(`common:home.stage.${k}.title`)}</h2>
              </div>
              <div class="kern-card__body">
                <p class="kern-body">{t(`common:home.stage.${k}.text`)}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <section class="kern-stack" aria-labelledby="councils-title">
        <h2 class="kern-heading-medium" id="councils-title">
          {t('common:home.councils.title')}
        </h2>
        <p class="kern-body">{t('common:home.councils.text')}</p>
      </section>
      {!user && (
        <p class="button-row">
          <a class="kern-btn kern-btn--primary" href={href(ctx, '/sign-in')}>
            <span class="kern-label">{t('common:nav.signIn')}</span>
          </a>
          <a class="kern-btn kern-btn--secondary" href={href(ctx, '/register')}>
            <span class="kern-label">{t('common:home.register')}</span>
          </a>
        </p>
      )}
    </div>
  );
}

export function ContentPage({
  ctx,
  slug,
  content,
  children,
}: {
  ctx: ViewContext;
  slug: ContentSlug;
  content: ContentText;
  children?: preact.ComponentChildren;
}) {
  const { t } = ctx;
  const foreign = content.lang !== ctx.lang;
  return (
    <article class="kern-stack prose">
      <h1 class="kern-heading-large">
        <Written ctx={ctx} lang={content.lang}>
          {content.title}
        </Written>
      </h1>
      {content.incomplete && (
        <Notice kind="warning" title={t('common:content.incomplete.title')}>
          <p class="kern-body">{t('common:content.incomplete.text')}</p>
        </Notice>
      )}
      {foreign && slug === 'easy-language' && (
        <Notice kind="info" title={t('common:content.easyLanguageNote.title')}>
          <p class="kern-body">{t('common:content.easyLanguageNote.text')}</p>
        </Notice>
      )}
      {foreign && slug !== 'easy-language' && (
        <p class="kern-body">{t('common:content.otherLanguage', { language: t(`common:language.${content.lang}`) })}</p>
      )}
      <div
        class="kern-body content-body"
        lang={writtenLang(ctx, content.lang)}
        dir={writtenDir(ctx, content.lang)}
        dangerouslySetInnerHTML={{ __html: renderMarkdown(content.body) }}
      />
      {children}
    </article>
  );
}

export function FeedbackForm({
  ctx,
  values = {},
  errors,
}: {
  ctx: ViewContext;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <section class="kern-stack" aria-labelledby="feedback-title">
      <h2 class="kern-heading-medium" id="feedback-title">
        {t('common:feedback.title')}
      </h2>
      <p class="kern-body">{t('common:feedback.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, '/accessibility/feedback')}>
        <TextField
          ctx={ctx}
          name="pageUrl"
          type="text"
          label={t('common:feedback.pageUrl')}
          hint={t('common:feedback.pageUrlHint')}
          value={values.pageUrl}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="message"
          multiline
          required
          label={t('common:feedback.message')}
          value={values.message}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="contactEmail"
          type="email"
          autocomplete="email"
          label={t('common:feedback.contactEmail')}
          hint={t('common:feedback.contactEmailHint')}
          value={values.contactEmail}
          errors={errors}
        />
        <SubmitButton label={t('common:feedback.submit')} />
      </Form>
    </section>
  );
}
