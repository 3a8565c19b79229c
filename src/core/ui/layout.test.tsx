// renderPage fills a layout rendered once per key; what it sends must be exactly what rendering the
// whole page with Preact sends, for every kind of visitor and for values that need escaping.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { dirOf, type Lang, translator } from '../i18n/i18n';
import { ErrorSummary, Form, TextField } from './components';
import type { CurrentUser, FormRender, ViewContext } from './context';
import { escapeHtml, MainContent, Page, renderPage } from './layout';

const someone: CurrentUser = { id: 'u1', email: 'a@example.org', name: 'A', language: 'de', roles: [] };

function context(over: Partial<Omit<ViewContext, 'csrfToken'>> & { lang?: Lang }, tokens: string[]): ViewContext {
  const lang = over.lang ?? 'de';
  return {
    lang,
    dir: dirOf(lang),
    t: translator(lang),
    path: '/calls',
    user: null,
    get csrfToken() {
      tokens.push('asked');
      return 'tok"&<en';
    },
    isDemo: false,
    can: () => false,
    navigation: [{ path: '/funding', labelKey: 'common:nav.home' }],
    roles: [],
    ...over,
  };
}

/** The page as one Preact render, as renderPage made it before the layout was kept (two passes for a failed form). */
function wholeRender(ctx: ViewContext, title: string, body: preact.ComponentChildren): string {
  const fullTitle = `${title} – ${ctx.t('common:site.name')}`;
  const render = (forms: FormRender, shownTitle: string) =>
    `<!doctype html>${renderToString(
      <Page ctx={ctx} title={shownTitle}>
        <MainContent ctx={ctx} forms={forms}>
          {body}
        </MainContent>
      </Page>,
    )}`;
  const first: FormRender = { fields: new Map(), summaries: 0 };
  const html = render(first, fullTitle);
  if (first.summaries === 0) return html;
  return render(
    { fields: new Map(), summaries: 0, known: first.fields },
    ctx.t('common:form.errorTitle', { title: fullTitle }),
  );
}

test('the kept layout gives the same page as rendering it whole, for every kind of visitor', () => {
  const cases: Partial<ViewContext>[] = [
    {},
    { lang: 'ar', dir: 'rtl' },
    { lang: 'en', isDemo: true, notice: 'saved' },
    { path: '/calls?q=a&b="<x>"' },
    { user: someone, can: () => true },
    { user: someone, lang: 'uk', navigation: [] },
  ];
  for (const over of cases) {
    for (const round of [1, 2]) {
      const tokens: string[] = [];
      const ctx = context(over, tokens);
      const title = 'Aufruf <2027> & "mehr"';
      const body = <p>Inhalt</p>;
      assert.equal(renderPage(ctx, title, body), wholeRender(context(over, []), title, body), JSON.stringify(over));
      // the CSRF token is made only where the page shows a form (the sign-out button, signed in)
      assert.equal(tokens.length > 0, Boolean(over.user), `token asked for, round ${round}`);
    }
  }
});

test('a page with a failed form is the same as rendered whole: its summary, its title, its path', () => {
  const errors = { n: { key: 'common:form.required' } };
  const body = (ctx: ViewContext) => (
    <>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action="/de/x">
        <TextField ctx={ctx} name="n" label="Name" errors={errors} />
      </Form>
    </>
  );
  const over = { path: '/x?y=<1>' };
  const ctx = context(over, []);
  const html = renderPage(ctx, 'Antrag', body(ctx));
  const whole = context(over, []);
  assert.equal(html, wholeRender(whole, 'Antrag', body(whole)));
  assert.ok(html.includes(`<title>${escapeHtml(ctx.t('common:form.errorTitle', { title: 'Antrag – ' }))}`));
  assert.match(html, /href="#f-n"/);
  assert.match(html, /href="\/en\/x\?y=&lt;1>"/);
});

test('escapeHtml escapes what Preact escapes, and nothing else', () => {
  for (const s of ['', 'plain', 'a&b', '"q"', '<tag>', "it's > 1", 'ä – ü']) {
    assert.equal(escapeHtml(s), renderToString(<b title={s} />).slice('<b title="'.length, -'"></b>'.length));
    assert.equal(escapeHtml(s), renderToString(<b>{s}</b>).slice(3, -4));
  }
});
