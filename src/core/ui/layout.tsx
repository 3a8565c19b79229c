import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { languages, translator } from '../i18n/i18n';
import { stylesheets } from './asset-version';
import { Notice, Written } from './components';
import { type FormRender, FormRenderContext, href, type ViewContext } from './context';

// The endonym of each language, read from its own catalog, so the switcher never translates names.
const languageNames = Object.fromEntries(languages.map((l) => [l, translator(l)('common:meta.languageName')]));

// On a phone the header is one row: the brand, a "Menü" and a language button. Both are
// <details>, so they open without JavaScript, and the browser tells screen readers whether each is
// expanded. From 48em on, app.css shows their contents in a row and hides the buttons.
function Header({ ctx }: { ctx: ViewContext }) {
  const { t, user } = ctx;
  return (
    <header class="site-header">
      <div class="kern-container site-header__inner">
        <a class="site-header__brand kern-link kern-link--no-visited-state" href={href(ctx, '/')}>
          <Written ctx={ctx}>{t('common:site.name')}</Written>
        </a>
        <details class="site-menu site-menu--nav" name="site-header">
          <summary class="site-menu__toggle">
            <span class="kern-icon kern-icon--dehaze site-menu__icon-closed" aria-hidden="true" />
            <span class="kern-icon kern-icon--close site-menu__icon-open" aria-hidden="true" />
            <span class="site-menu__label">{t('common:nav.menu')}</span>
          </summary>
          <nav aria-label={t('common:nav.main')} class="site-nav">
            <ul>
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
                    {/* a POST (signing out changes state), drawn as one of the links beside it */}
                    <form method="post" action={href(ctx, '/sign-out')} class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="kern-link site-nav__button">
                        {t('common:nav.signOut')}
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
        </details>
        <details class="site-menu site-menu--languages" name="site-header">
          {/* a globe and a language code (ISO 639-1) read the same to someone who cannot read this
              page's language, and keep the header one row at 360 px; the list gives the full names */}
          <summary class="site-menu__toggle">
            <span class="kern-icon kern-icon--language" aria-hidden="true" />
            <span class="kern-sr-only">{t('common:nav.languages')}: </span>
            <span class="site-menu__label">{ctx.lang.toUpperCase()}</span>
          </summary>
          <nav aria-label={t('common:nav.languages')} class="language-switcher">
            <ul>
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
        </details>
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
              {/* the name stays German; outside German, the reader learns in their language what it is.
                  Name and note in one span: KERN's link is a flex row, so each child would be a column. */}
              <a class="kern-link" href="/de/easy-language" hreflang="de">
                <span class="kern-icon kern-icon--easy-language" aria-hidden="true" />{' '}
                <span class="easy-language-link">
                  <Written ctx={ctx}>{easyLanguageLabel}</Written>
                  {ctx.lang !== 'de' && (
                    <span class="easy-language-note"> ({t('common:footer.easyLanguageNote')})</span>
                  )}
                </span>
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}

/**
 * The page around the content: head, header and footer. `title` is the whole text of <title>.
 * What it shows may depend only on what `shellKey` holds, and on the slots below: renderPage
 * renders it once per key and fills the slots on each request.
 */
export function Page({ ctx, title, children }: { ctx: ViewContext; title: string; children: ComponentChildren }) {
  const { t } = ctx;
  return (
    <html lang={ctx.lang} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {stylesheets.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
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
          {children}
        </main>
        <Footer ctx={ctx} />
      </body>
    </html>
  );
}

/** What goes inside <main>: the notice a redirect asked for, then the page's own content. */
export function MainContent({
  ctx,
  forms,
  children,
}: {
  ctx: ViewContext;
  forms?: FormRender;
  children: ComponentChildren;
}) {
  return (
    <>
      {ctx.notice && <Notice kind="success" title={ctx.t(`common:notice.${ctx.notice}`)} role="status" />}
      <FormRenderContext.Provider value={forms}>{children}</FormRenderContext.Provider>
    </>
  );
}

// ---- the layout rendered once, filled per request ------------------------------------------------
//
// The layout is the same for every request with the same language, demo flag, signed-in or not and
// menu; only the title, the path (in the language links) and the sign-out form's CSRF token
// differ. Rendering it with Preact was half of a public page's rendering time, so it is rendered
// once per such key with markers in those places, cut at the markers, and each answer joins the
// pieces with its own values, escaped as Preact escapes text and attributes.

// Private-use characters: no translation, path or token of the layout itself contains them, and
// only the layout rendered with the markers is ever cut, never a value from a request.
const slots = {
  title: '\uE000title\uE000',
  path: '\uE000path\uE000',
  csrf: '\uE000csrf\uE000',
  main: '\uE000main\uE000',
};
type Slot = keyof typeof slots;
const slotPattern = /\uE000(title|path|csrf|main)\uE000/;

/** Escapes as preact-render-to-string does for text and attribute values (`"`, `&`, `<`). */
export function escapeHtml(s: string): string {
  return /["&<]/.test(s) ? s.replace(/["&<]/g, (c) => (c === '"' ? '&quot;' : c === '&' ? '&amp;' : '&lt;')) : s;
}

/** The layout's literal pieces, with the slot between each piece and the next. */
interface Shell {
  pieces: string[];
  slots: Slot[];
}

const shells = new Map<string, Shell>();

/** Everything the layout shows that is not a slot. */
function shellKey(ctx: ViewContext): string {
  const menu = ctx.navigation.map((n) => `${n.path}>${n.labelKey}`).join(',');
  return `${ctx.lang}|${ctx.dir}|${ctx.isDemo}|${ctx.user ? 1 : 0}|${ctx.can('admin.area')}|${menu}`;
}

function shellFor(ctx: ViewContext): Shell {
  const key = shellKey(ctx);
  let shell = shells.get(key);
  if (shell) return shell;
  // listed one by one: spreading ctx would call its csrfToken getter, which makes a token
  const marked: ViewContext = {
    lang: ctx.lang,
    dir: ctx.dir,
    t: ctx.t,
    path: slots.path,
    user: ctx.user,
    csrfToken: slots.csrf,
    isDemo: ctx.isDemo,
    can: ctx.can,
    navigation: ctx.navigation,
    roles: ctx.roles,
  };
  const parts = `<!doctype html>${renderToString(
    <Page ctx={marked} title={slots.title}>
      {slots.main}
    </Page>,
  )}`.split(slotPattern);
  // split with a capture group alternates piece, slot name, piece, …
  shell = { pieces: parts.filter((_, i) => i % 2 === 0), slots: parts.filter((_, i) => i % 2 === 1) as Slot[] };
  // a few keys in practice (language × menu variants); the bound only guards against surprises
  if (shells.size >= 500) shells.clear();
  shells.set(key, shell);
  return shell;
}

function fillShell(shell: Shell, ctx: ViewContext, title: string, main: string): string {
  let html = shell.pieces[0] ?? '';
  for (let i = 0; i < shell.slots.length; i++) {
    const slot = shell.slots[i];
    // the token is asked for only where the layout shows it (signed in), as rendering would
    const value =
      slot === 'main' ? main : escapeHtml(slot === 'title' ? title : slot === 'path' ? ctx.path : ctx.csrfToken);
    html += value + (shell.pieces[i + 1] ?? '');
  }
  return html;
}

/**
 * A whole page. A page that shows an error summary is rendered twice: the summary comes before the
 * fields it names, so the second pass knows their ids and labels from the first; and its title
 * then says "Fehler: ". Only failed forms pay for the second pass.
 */
export function renderPage(ctx: ViewContext, title: string, children: ComponentChildren): string {
  const shell = shellFor(ctx);
  const fullTitle = `${title} – ${ctx.t('common:site.name')}`;
  const first: FormRender = { fields: new Map(), summaries: 0 };
  const main = renderToString(
    <MainContent ctx={ctx} forms={first}>
      {children}
    </MainContent>,
  );
  if (first.summaries === 0) return fillShell(shell, ctx, fullTitle, main);
  const second: FormRender = { fields: new Map(), summaries: 0, known: first.fields };
  return fillShell(
    shell,
    ctx,
    ctx.t('common:form.errorTitle', { title: fullTitle }),
    renderToString(
      <MainContent ctx={ctx} forms={second}>
        {children}
      </MainContent>,
    ),
  );
}
