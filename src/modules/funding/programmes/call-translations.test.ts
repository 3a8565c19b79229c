// Officers translate a call's texts; a reader in that language sees the translation (in the page's
// language), a reader in another language the German marked lang="de".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import type { HTMLElement, Node } from 'node-html-parser';
import { client, type Page, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, type Scene, signedIn, system } from '../../../../test/helpers/funding';
import { auditLog } from '../../../core/audit/schema';
import { callTranslations } from '../schema';
import { getCall, updateCall } from './programmes.store';

let t: TestApp;
let s: Scene;

const german = {
  title: 'Aufruf 2027: Begegnung in der Nachbarschaft',
  text: '## Worum es geht\n\nGefördert werden Vorhaben, die Nachbarschaften verbinden.',
  question: 'Ist Ihr Verein gemeinnützig?',
  stopText: 'Nur gemeinnützige Vereine können beantragen.',
  document: 'Satzung des Vereins',
};
const turkish = {
  title: '2027 çağrısı: Mahallede buluşma',
  text: '## Konu nedir?\n\nMahalleleri birbirine bağlayan projeler desteklenir.',
  'question-q1': 'Derneğiniz kamu yararına mı çalışıyor?',
  'stopText-q1': 'Yalnızca kamu yararına çalışan dernekler başvurabilir.',
  'document-statute': 'Dernek tüzüğü',
};

before(async () => {
  t = await testApp();
  s = await funding(t).scene({
    call: {
      title: german.title,
      text: german.text,
      eligibility: [{ id: 'q1', question: german.question, stopText: german.stopText }],
      requiredDocuments: [{ id: 'statute', label: german.document, types: ['pdf'], maxMegabytes: 5 }],
    },
  });
});
after(() => t.close());

const url = () => `/de/funding/calls/${s.callId}/translations`;

function langOf(node: Node): string | undefined {
  for (let n: Node | null = node; n; n = n.parentNode) {
    const lang = (n as HTMLElement).getAttribute?.('lang');
    if (lang) return lang;
  }
  return undefined;
}
/** The languages the text nodes containing `text` are read in, within <main>. */
function languagesOf(page: Page, text: string): string[] {
  const found: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3 && n.rawText.includes(text)) found.push(langOf(n) ?? '(none)');
    for (const c of n.childNodes) walk(c);
  };
  const main = page.html.querySelector('main');
  if (main) walk(main);
  return [...new Set(found)];
}

const stored = async () =>
  (
    await t.db
      .select()
      .from(callTranslations)
      .where(and(eq(callTranslations.callId, s.callId), eq(callTranslations.locale, 'tr')))
  )[0];

describe('translations of a call', () => {
  test('the officer sees the five languages, none translated yet, and a form with each German text', async () => {
    const officer = await signedIn(t, people.officer);
    const overview = await officer.get(url());
    assert.equal(overview.status, 200);
    const rows = overview.html.querySelectorAll('main tbody tr').map((r) => r.text);
    assert.equal(rows.length, 5);
    assert.ok(rows.every((r) => r.includes('nicht übersetzt')));

    const form = await officer.get(`${url()}/ar`);
    assert.equal(form.status, 200);
    for (const text of [german.title, german.question, german.stopText, german.document])
      assert.ok(form.body.includes(text), `the German "${text}" stands beside its field`);
    const title = form.html.querySelector('#f-title');
    assert.equal(title?.getAttribute('lang'), 'ar');
    assert.equal(title?.getAttribute('dir'), 'rtl');
    assert.equal(form.html.querySelector('#f-text')?.tagName, 'TEXTAREA');
    assert.equal(form.html.querySelector('#f-text')?.getAttribute('dir'), 'rtl');
    assert.equal((await officer.get(`${url()}/de`)).status, 404, 'German is the source, not a translation');
    assert.equal((await officer.get(`${url()}/xx`)).status, 404);
  });

  test('a saved Turkish translation shows to Turkish readers in Turkish; Ukrainian readers see the German marked lang="de"', async () => {
    const officer = await signedIn(t, people.officer);
    const saved = await officer.submit(`${url()}/tr`, { ...turkish, 'document-statute': '' });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.location, `${url()}?notice=saved`);
    const row = await stored();
    assert.ok(row);
    assert.deepEqual(Object.keys(row.fields).sort(), ['question-q1', 'stopText-q1', 'text', 'title']);
    const overview = await officer.get(url());
    const trRow = overview.html.querySelectorAll('main tbody tr').find((r) => r.text.includes('Türkisch'));
    assert.match(trRow?.text ?? '', /teilweise/, 'the document label is missing: partial');

    const reader = client(t);
    const page = await reader.get(`/tr/calls/${s.callId}`);
    assert.equal(page.status, 200);
    assert.equal(page.html.querySelector('html')?.getAttribute('lang'), 'tr');
    assert.deepEqual(languagesOf(page, turkish.title), ['tr'], 'the Turkish title in the page’s language');
    assert.equal(page.html.querySelector('main h1 [lang]'), null, 'not marked as German');
    assert.deepEqual(languagesOf(page, 'Mahalleleri birbirine'), ['tr']);
    assert.ok(
      page.html.querySelector('main h2')?.text.includes('Konu nedir?'),
      'the translation’s Markdown is rendered',
    );
    assert.deepEqual(languagesOf(page, turkish['question-q1']), ['tr']);
    assert.deepEqual(languagesOf(page, german.document), ['de'], 'the untranslated label stays German');
    assert.ok(!page.body.includes(german.question));

    const list = await reader.get('/tr/calls');
    assert.deepEqual(languagesOf(list, turkish.title), ['tr']);

    const ukrainian = await reader.get(`/uk/calls/${s.callId}`);
    assert.deepEqual(languagesOf(ukrainian, german.title), ['de']);
    assert.deepEqual(languagesOf(ukrainian, german.question), ['de']);
    assert.ok(!ukrainian.body.includes(turkish.title));
    const arabic = await reader.get(`/ar/calls/${s.callId}`);
    const h1 = arabic.html.querySelector('main h1 [lang="de"]');
    assert.equal(h1?.getAttribute('dir'), 'ltr');

    // the eligibility check and its stop text, in Turkish for the carrier
    const carrier = await signedIn(t, people.carrier);
    const check = await carrier.get(`/tr/calls/${s.callId}/apply`);
    assert.equal(check.status, 200);
    assert.deepEqual(languagesOf(check, turkish.title), ['tr']);
    assert.deepEqual(languagesOf(check, turkish['question-q1']), ['tr']);
    const stopped = await carrier.submit(`/tr/calls/${s.callId}/apply`, {
      organisationId: s.organisationId,
      'q-q1': 'no',
    });
    assert.deepEqual(languagesOf(stopped, turkish['stopText-q1']), ['tr']);
    const german_ = await carrier.submit(`/uk/calls/${s.callId}/apply`, {
      organisationId: s.organisationId,
      'q-q1': 'no',
    });
    assert.deepEqual(languagesOf(german_, german.stopText), ['de']);
  });

  test('when the German changes the officer sees the translation as outdated; readers keep it until it is redone', async () => {
    const call = await getCall(t.db, s.callId);
    assert.ok(call);
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = call;
    await updateCall(t.db, system, s.callId, { ...input, title: `${german.title} (geändert)` }, t.deps.now());

    const officer = await signedIn(t, people.officer);
    const overview = await officer.get(url());
    const trRow = overview.html.querySelectorAll('main tbody tr').find((r) => r.text.includes('Türkisch'));
    assert.match(trRow?.text ?? '', /veraltet/);
    // the programme page, where editing the call leads back to, says so too
    const programme = await officer.get(`/de/funding/programmes/${s.programmeId}`);
    assert.match(programme.html.querySelector('main table')?.text ?? '', /veraltet: Türkisch/);
    const form = await officer.get(`${url()}/tr`);
    assert.ok(form.html.querySelector('#f-confirm-title'), 'the outdated field can be confirmed');
    assert.equal(form.html.querySelector('#f-confirm-text'), null, 'a current one needs no confirming');

    const reader = await client(t).get(`/tr/calls/${s.callId}`);
    assert.deepEqual(languagesOf(reader, turkish.title), ['tr'], 'the reader still sees the translation');

    // saving without touching the title keeps it outdated; confirming it makes the translation current
    await officer.submit(`${url()}/tr`, { ...turkish });
    assert.match(
      (await officer.get(url())).html.querySelectorAll('main tbody tr').find((r) => r.text.includes('Türkisch'))
        ?.text ?? '',
      /veraltet/,
    );
    await officer.submit(`${url()}/tr`, { ...turkish, 'confirm-title': 'on' });
    assert.match(
      (await officer.get(url())).html.querySelectorAll('main tbody tr').find((r) => r.text.includes('Türkisch'))
        ?.text ?? '',
      /vollständig/,
    );
    assert.doesNotMatch((await officer.get(`/de/funding/programmes/${s.programmeId}`)).body, /veraltet: /);
    const audits = await t.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'call.translated'), eq(auditLog.subjectId, s.callId)));
    assert.equal(audits[0]?.n, 3, 'every save is audited');
  });

  test('a too long text is refused with its field named and nothing written', async () => {
    const officer = await signedIn(t, people.officer);
    const before = await stored();
    const page = await officer.submit(`${url()}/tr`, { ...turkish, title: 'x'.repeat(301), 'question-q1': 'neu' });
    assert.equal(page.status, 400);
    assert.ok(page.html.querySelector('.error-summary a[href="#f-title"]'), 'the summary leads to the field');
    assert.match(page.html.querySelector('#f-title-error')?.text ?? '', /zu lang/);
    assert.equal(page.html.querySelector('#f-question-q1')?.getAttribute('value'), 'neu', 'what was typed stays');
    assert.deepEqual(await stored(), before);
  });

  test('only officers of the call’s programme may translate it', async () => {
    const before = await stored();
    const foreign = await signedIn(t, people.foreignOfficer);
    assert.equal((await foreign.get(url())).status, 404);
    assert.equal((await foreign.post(`${url()}/tr`, { title: 'Başka' })).status, 404);
    const carrier = await signedIn(t, people.carrier);
    assert.equal((await carrier.get(`${url()}/tr`)).status, 404);
    assert.equal((await carrier.post(`${url()}/tr`, { title: 'Başka' })).status, 404);
    assert.equal((await client(t).get(url())).status, 303, 'signed out: to the sign-in');
    assert.deepEqual(await stored(), before);
  });
});
