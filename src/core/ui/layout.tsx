import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { languages, translator } from '../i18n/i18n';
import { Notice } from './components';
import { href, type ViewContext } from './context';

// The endonym of each language, read from its own catalog, so the switcher never translates names.
const languageNames = Object.fromEntries(languages.map((l) => [l, translator(l)('common:meta.languageName')]));

function Header({ ctx }: { ctx: ViewContext }) {
  const { t, user } = ctx;
  return (
    <header class="site-header">
      <div class="kern-container site-header__inner">
        <a class="site-header__brand kern-link kern-link--no-visited-state" href={href(ctx, '/')}>
          {t('common:site.name')}
        </a>
        <nav aria-label={t('common:nav.main')} class="site-nav">
          <ul class="kern-list kern-list--horizontal">
            {ctx.navigation.map((n) => (
              <li>
                <a class="kern-link" href={href(ctx, n.path)}>
                  {t(n.labelKey)}
                </a>
              </li>
            ))}
            {ctx.can('admin.area') && (
              <li>
                <a class="kern-link" href={href(ctx, '/admin')}>
                  {t('common:nav.admin')}
                </a>
              </li>
            )}
            {user ? (
              <>
                <li>
                  <a class="kern-link" href={href(ctx, '/account')}>
                    {t('common:nav.account')}
                  </a>
                </li>
                <li>
                  <form method="post" action={href(ctx, '/sign-out')} class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small">
                      <span class="kern-label">{t('common:nav.signOut')}</span>
                    </button>
                  </form>
                </li>
              </>
            ) : (
              <li>
                <a class="kern-link" href={href(ctx, '/sign-in')}>
                  {t('common:nav.signIn')}
                </a>
              </li>
            )}
          </ul>
        </nav>
        <nav aria-label={t('common:nav.languages')} class="language-switcher">
          <ul class="kern-list kern-list--horizontal">
            {languages.map((l) => (
              <li>
                <a
                  class="kern-link"
                  href={`/${l}${ctx.path}`}
                  lang={l}
                  hreflang={l}
                  aria-current={l === ctx.lang ? 'true' : undefined}
                >
                  {languageNames[l]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}

// "Leichte Sprache" is the German offer's own name, shown in German (lang="de") in every language.
const easyLanguageLabel = translator('de')('common:footer.easyLanguage');

function Footer({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  const links: [string, string][] = [
    ['/imprint', t('common:footer.imprint')],
    ['/privacy', t('common:footer.privacy')],
    ['/accessibility', t('common:footer.accessibility')],
  ];
  return (
    <footer class="site-footer">
      <div class="kern-container">
        <nav aria-label={t('common:footer.label')}>
          <ul class="kern-list kern-list--horizontal">
            {links.map(([path, label]) => (
              <li>
                <a class="kern-link" href={href(ctx, path)}>
                  {label}
                </a>
              </li>
            ))}
            <li>
              <a class="kern-link" href="/de/easy-language" lang="de" hreflang="de">
                <span class="kern-icon kern-icon--easy-language" aria-hidden="true" /> {easyLanguageLabel}
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}

export interface PageOptions {
  title: string;
  children: ComponentChildren;
}

export function Page({ ctx, title, children }: PageOptions & { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <html lang={ctx.lang} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('common:site.name')}`}</title>
        <link rel="stylesheet" href="/assets/kern/kern.min.css" />
        <link rel="stylesheet" href="/assets/kern/fonts/fira-sans.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('common:nav.skip')}
        </a>
        <Header ctx={ctx} />
        {ctx.isDemo && (
          <div class="demo-banner" role="note">
            <div class="kern-container">{t('common:demo.banner')}</div>
          </div>
        )}
        <main id="main" tabIndex={-1} class="kern-container site-main">
          {ctx.notice && <Notice kind="success" title={t(`common:notice.${ctx.notice}`)} role="status" />}
          {children}
        </main>
        <Footer ctx={ctx} />
      </body>
    </html>
  );
}

export function renderPage(ctx: ViewContext, title: string, children: ComponentChildren): string {
  return `<!doctype html>${renderToString(
    <Page ctx={ctx} title={title}>
      {children}
    </Page>,
  )}`;
}
