// Failed forms as GOV.UK and KERN ask: the error summary takes the focus when the page loads (no
// script needed), the title starts with "Fehler: ", and each line names its field and leads to it.
// And a field is either required or optional: every form the app serves is sent empty, by someone
// who may open the page that holds it, and no field marked "(freiwillig)" may then say "Bitte
// füllen Sie dieses Feld aus". The forms are found, not listed: a new form is checked the day it
// is added.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type HTMLElement, parse } from 'node-html-parser';
import { newToken } from '../src/core/auth/tokens';
import { issueSetupToken, issueUserToken } from '../src/core/auth/users';
import { contentSlugs } from '../src/core/content/pages';
import { translator } from '../src/core/i18n/i18n';
import { berlinDate } from '../src/core/time/calendar';
import { createDraft } from '../src/modules/funding/applications/applications.store';
import { changeKinds } from '../src/modules/funding/changes/changes-views';
import { prefilled, saveContinuation } from '../src/modules/funding/continuations/continuations.store';
import { saveDraftDecision } from '../src/modules/funding/decisions/decisions.store';
import { linkExpiry } from '../src/modules/funding/partner-confirmations/partner-confirmation-rules';
import { getCall } from '../src/modules/funding/programmes/programmes.store';
import { listReports, submitReport } from '../src/modules/funding/reports/reports.store';
import { grants, partnerConfirmations, programmes } from '../src/modules/funding/schema';
import { createOrganisation } from '../src/modules/network/api';
import { seminarScene } from './helpers/activities';
import { type Client, client, makeUser, type Page, type TestApp, testApp } from './helpers/app';
import {
  baseRatesUpToToday,
  criterion,
  funding,
  people,
  plan,
  reclaimAsRecorded,
  signedIn,
  system,
  upload,
} from './helpers/funding';

let t: TestApp;
before(async () => {
  t = await testApp({ limits: { signInPerAccount: 100_000, signInPerIp: 100_000 } });
});
after(() => t.close());

/** An open link for the first partner of `applicationId`, as its request's mail makes it; returns the token. */
async function partnerLink(applicationId: string): Promise<string> {
  const { token, hash } = newToken();
  await t.db.insert(partnerConfirmations).values({
    applicationId,
    partnerIndex: 0,
    partnerName: 'Kulturverein',
    contactName: 'Ayşe',
    contactEmail: 'ayse@partner.example',
    tokenHash: hash,
    language: 'de',
    requestedAt: t.deps.now(),
    expiresAt: linkExpiry(t.deps.now()),
  });
  return token;
}

const de = translator('de');
const required = de('common:validation.required');
const optional = de('common:form.optional');

/** The label a field is named by: its <label for>, or the legend of its fieldset. */
function labelOf(page: HTMLElement, id: string): HTMLElement | undefined {
  const byFor = page.querySelectorAll('label').find((l) => l.getAttribute('for') === id);
  if (byFor) return byFor;
  const el = page.querySelector(`[id="${id}"]`);
  const fieldset = el?.tagName === 'FIELDSET' ? el : el?.closest('fieldset');
  return fieldset?.querySelector('legend') ?? undefined;
}

describe('a failed form', () => {
  test('puts the focus on its summary, says "Fehler: " in the title and names each field in the summary', async () => {
    const c = client(t);
    const res = await c.submit('/de/accessibility', { message: '', contactEmail: 'x' }, '/de/accessibility/feedback');
    assert.equal(res.status, 400);
    assert.match(res.html.querySelector('title')?.text ?? '', /^Fehler: /);
    const focused = res.html.querySelectorAll('[autofocus]');
    assert.equal(focused.length, 1, 'one element takes the focus');
    assert.ok(focused[0]?.classList.contains('error-summary'), 'the error summary takes it');
    assert.equal(focused[0]?.getAttribute('tabindex'), '-1', 'focusable without entering the tab order');
    const links = res.html.querySelectorAll('.error-summary a');
    assert.deepEqual(
      links.map((a) => a.getAttribute('href')),
      ['#f-message', '#f-contactEmail'],
    );
    for (const a of links) {
      const id = (a.getAttribute('href') ?? '').slice(1);
      const label = labelOf(res.html, id)?.text.replace(optional, '').trim() ?? '';
      assert.ok(label && a.text.startsWith(label.replace(/\s*:$/, '')), `"${a.text}" names "${label}"`);
    }
    assert.match(links[1]?.text ?? '', /^Ihre E-Mail-Adresse.*: Bitte geben Sie eine gültige E-Mail-Adresse an/);
    assert.equal(
      res.html.querySelector('#error-summary-title')?.text.trim(),
      'Bitte prüfen Sie Ihre Angaben (2 Hinweise)',
    );
  });

  test('counts one error as one and speaks the reader’s language, right to left in Arabic', async () => {
    const c = client(t);
    const one = await c.submit('/de/accessibility', { message: '', contactEmail: '' }, '/de/accessibility/feedback');
    assert.equal(
      one.html.querySelector('#error-summary-title')?.text.trim(),
      'Bitte prüfen Sie Ihre Angaben (1 Hinweis)',
    );
    const titles: Record<string, RegExp> = {
      en: /^Error: /,
      tr: /^Hata: /,
      ar: /^خطأ: /,
      uk: /^Помилка: /,
      ru: /^Ошибка: /,
    };
    for (const [lang, title] of Object.entries(titles)) {
      const res = await c.submit(`/${lang}/accessibility`, { message: '' }, `/${lang}/accessibility/feedback`);
      assert.equal(res.status, 400, lang);
      assert.match(res.html.querySelector('title')?.text ?? '', title, lang);
      const item = res.html.querySelector('.error-summary a')?.text ?? '';
      assert.ok(item.endsWith(translator(lang as 'en')('common:validation.required')), `${lang}: ${item}`);
    }
  });

  test('a page that shows no errors has no "Fehler: " and takes no focus', async () => {
    const page = await client(t).get('/de/accessibility');
    assert.doesNotMatch(page.html.querySelector('title')?.text ?? '', /Fehler/);
    assert.equal(page.html.querySelectorAll('[autofocus]').length, 0);
  });

  test('a radio question leads to its first choice and is named by the question', async () => {
    const f = funding(t);
    const programmeId = await f.programme({ title: 'Fragen' });
    const callId = await f.call(programmeId, {
      eligibility: [{ id: 'q1', question: 'Ist Ihr Träger gemeinnützig?', stopText: 'Nur gemeinnützige Träger.' }],
    });
    const organisationId = await f.organisation('Fragen e. V.');
    await f.carrier('frieda@fragen.example', organisationId);
    const frieda = await signedIn(t, 'frieda@fragen.example');
    const form = await frieda.get(`/de/calls/${callId}/apply`);
    const organisation = form.html.querySelector('input[name="organisationId"]')?.getAttribute('value') ?? '';
    const res = await frieda.post(`/de/calls/${callId}/apply`, { organisationId: organisation });
    assert.equal(res.status, 400);
    const link = res.html.querySelector('.error-summary a');
    assert.equal(link?.getAttribute('href'), '#f-q-q1-0');
    assert.ok(res.html.querySelector('#f-q-q1-0'), 'the first choice is there');
    assert.match(link?.text ?? '', /^Ist Ihr Träger gemeinnützig\? Bitte wählen Sie/);
  });
});

// ---- every form of the app, sent empty ----

/** The form as a browser sends it untouched: hidden fields as they are, the first named button, nothing typed. */
function emptyForm(form: HTMLElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input, textarea, select')) {
    const name = input.getAttribute('name');
    const type = (input.getAttribute('type') ?? '').toLowerCase();
    if (!name || input.hasAttribute('disabled') || type === 'checkbox' || type === 'radio' || type === 'file') continue;
    fields[name] = type === 'hidden' ? (input.getAttribute('value') ?? '') : '';
  }
  const button = form.querySelectorAll('button').find((b) => b.getAttribute('type') !== 'button');
  if (button?.getAttribute('name')) fields[button.getAttribute('name')!] = button.getAttribute('value') ?? '';
  return fields;
}

/** Everything a 400 page must show of a failed form. */
function problemsOfFailedPage(route: string, page: HTMLElement): string[] {
  const problems: string[] = [];
  // a field whose error says "fill this in" carries no optional mark
  for (const error of page.querySelectorAll('[id$="-error"]')) {
    if (!error.text.includes(required)) continue;
    const id = error.id.slice(0, -'-error'.length);
    const label = labelOf(page, id);
    if (!label) problems.push(`${route}: #${id} says "${required}" but has no label`);
    else if (label.querySelector('.kern-label__optional'))
      problems.push(`${route}: "${label.text.trim()}" is marked optional but says "${required}"`);
  }
  const summaries = page.querySelectorAll('.error-summary');
  if (summaries.length === 0) return problems;
  // the summary: focused, in the title, each line leading to a field on the page
  if (!/^Fehler: /.test(page.querySelector('title')?.text ?? ''))
    problems.push(`${route}: the title does not start with "Fehler: "`);
  const focused = page.querySelectorAll('[autofocus]');
  if (focused.length !== 1 || focused[0] !== summaries[0])
    problems.push(`${route}: the focus is not on the error summary`);
  for (const a of summaries[0]!.querySelectorAll('a')) {
    const href = a.getAttribute('href') ?? '';
    if (!href.startsWith('#')) continue; // leads to another page (a section of an application)
    const target = page.querySelector(`[id="${href.slice(1)}"]`);
    if (!target) problems.push(`${route}: "${a.text}" leads to ${href}, which is not on the page`);
    const label = target ? labelOf(page, href.slice(1)) : undefined;
    if (label && a.text.endsWith(required) && label.querySelector('.kern-label__optional'))
      problems.push(`${route}: "${a.text}" asks to fill in a field marked optional`);
  }
  return problems;
}

/** The form as it stands on the page: every value and choice as shown. */
function currentForm(form: HTMLElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input, textarea, select')) {
    const name = input.getAttribute('name');
    const type = (input.getAttribute('type') ?? '').toLowerCase();
    if (!name || input.hasAttribute('disabled') || type === 'file') continue;
    if (type === 'checkbox' || type === 'radio') {
      if (input.hasAttribute('checked')) fields[name] = input.getAttribute('value') ?? 'on';
    } else if (input.tagName === 'SELECT')
      fields[name] = input.querySelector('option[selected]')?.getAttribute('value') ?? '';
    else if (input.tagName === 'TEXTAREA') fields[name] = input.text;
    else fields[name] = input.getAttribute('value') ?? '';
  }
  return fields;
}

/** The app's routes, "METHOD /de/path/:param", read from its route table. */
function servedRoutes(): { get: Set<string>; post: string[] } {
  const get = new Set<string>();
  const post: string[] = [];
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1]!.length / 4;
    stack.push(m[2]!);
    const path = stack.join('').replace(/^\/\//, '/');
    if (!/^\/de(\/|$)/.test(path)) continue;
    const methods = (m[3] ?? '').split(', ');
    if (methods.includes('GET')) get.add(path === '/de' ? '/de/' : path);
    if (methods.includes('POST')) post.push(path);
  }
  return { get, post };
}

const actors = ['anonymous', 'participant', 'carrier', 'officer', 'reviewer', 'undeclaredReviewer', 'admin'] as const;
type ActorName = (typeof actors)[number];
const emails: Record<Exclude<ActorName, 'anonymous'>, string> = {
  participant: 'paula@example.org',
  carrier: people.carrier,
  officer: people.officer,
  reviewer: 'rita@review.example',
  undeclaredReviewer: 'rolf@review.example',
  admin: 'ada@funder.example',
};
/** Who to ask first for a page under a path; everyone else is asked after. */
const likelyActors: [RegExp, ActorName[]][] = [
  [/^\/de\/(funding)\//, ['officer', 'admin']],
  [/^\/de\/admin\//, ['admin']],
  [/^\/de\/(applications|grants|calls)\//, ['carrier', 'officer']],
  [/^\/de\/reviews/, ['undeclaredReviewer', 'reviewer']],
  [/^\/de\/account/, ['participant', 'officer']],
];

/** Forms the scene cannot open, and why; each is a state another test builds. */
const notInScene: Record<string, string> = {
  '/de/sign-in/two-factor': 'the step after the password of an account with a second factor',
  '/de/account/two-factor/enable': 'a second factor being set up',
  '/de/account/two-factor/recovery-codes': 'an enabled second factor',
  '/de/account/two-factor/disable': 'an enabled second factor',
  '/de/admin/people/:id/reset-second-factor': 'a person with a second factor',
  '/de/admin/people/:id/resend-invitation': 'an invited person who has not answered',
  '/de/invitation/:token': 'an invited person who has not answered',
  '/de/account/confirmation': 'an account whose address is not confirmed yet',
  '/de/cancel-email-change/:token': 'the cancel link of a requested address change',
};

describe('required or optional, truthfully', () => {
  let ids: Record<string, string>;
  const clients = new Map<ActorName, Client>();

  before(async () => {
    const f = funding(t);
    const s = await f.scene({
      call: {
        eligibility: [{ id: 'q1', question: 'Ist Ihr Träger gemeinnützig?', stopText: 'Nur gemeinnützige.' }],
        requiredDocuments: [
          { id: 'd1', label: 'Satzung', types: ['pdf'], maxMegabytes: 1 },
          {
            id: 'd2',
            label: 'Registerauszug',
            types: ['pdf'],
            maxMegabytes: 1,
            validity: 'issuedWithin',
            maxAgeMonths: 3,
          },
        ],
        rubric: [criterion('impact', 'Wirkung')],
      },
      organisations: ['Formular A e. V.', 'Formular B e. V.'],
    });
    const a = { callId: s.callId, organisationId: s.organisationId };
    const year = new Date().getUTCFullYear();
    const years = (from: number) => ({
      startDate: `${from}-01-01`,
      endDate: `${from + 1}-12-31`,
      plan: plan({ year: from, grant: 900_000, own: 100_000 }, { year: from + 1, grant: 900_000, own: 100_000 }),
    });
    const participant = await makeUser(t.db, emails.participant, 'participant');
    const reviewer = await f.reviewer(emails.reviewer);
    const undeclared = await f.reviewer(emails.undeclaredReviewer);
    // an empty draft: its submit fails and shows what is missing
    const draft = await createDraft(t.db, system, { ...a, stage: 'full', eligibilityAnswers: { q1: 'yes' } });
    const application = await f.application(a, { submit: true });
    const outlineCall = await f.call(s.programmeId, { title: 'Zweistufig', stages: 2 });
    const outline = await f.application(
      { callId: outlineCall, organisationId: s.organisationId },
      { stage: 'outline', submit: true },
    );
    const running = await f.grant(a, { content: years(year) });
    const past = await f.grant(a, { content: years(year - 2) });
    const [interim, final] = await listReports(t.db, past.grantId);
    await submitReport(t.db, system, final!.id, t.deps.now());
    await f.payment(running.grantId);
    await f.payment(running.grantId, { decision: 'approved' });
    const change = await f.change(running.grantId);
    const reclaim = await reclaimAsRecorded(t, running.grantId, {
      amountCents: 10_000,
      reason: 'Zweck teilweise verfehlt',
      effectiveOn: `${year}-01-15`,
      dueOn: `${year}-02-15`,
    });
    // grants decided one budget year at a time (last year decided): one whose continuation form for
    // this year is open, one whose continuation is submitted and waits for the officer's decision
    const yearly = async () => {
      const g = await f.grant(a, { content: years(year - 1) });
      await t.db
        .update(grants)
        .set({ decidedYears: [year - 1] })
        .where(eq(grants.id, g.grantId));
      return g.grantId;
    };
    const yearlyOpen = await yearly();
    const yearlyGrant = await yearly();
    const [yg] = await t.db.select().from(grants).where(eq(grants.id, yearlyGrant));
    const continuation = await saveContinuation(
      t.db,
      system,
      yearlyGrant,
      { year, content: { ...prefilled(yg!.plan, year), progress: 'Läuft.' }, submit: true },
      t.deps.now(),
    );
    if (!continuation.ok) throw new Error(JSON.stringify(continuation.issues));
    // the officer keeps the base rate table up to today, so the interest notice's form is offered
    await baseRatesUpToToday(t.db, berlinDate(new Date()));
    // from now on the programme's decisions are co-signed: a draft someone else wrote waits for the
    // officer's co-signature (the co-signing form), then for issuing (the issuing form)
    await t.db.update(programmes).set({ cosignRequired: true }).where(eq(programmes.id, s.programmeId));
    const drafted = await f.application(a, { submit: true });
    const saved = await saveDraftDecision(
      t.db,
      system,
      {
        applicationId: drafted,
        proposal: {
          outcome: 'rejected',
          amountsPerYear: {},
          balance: 'expenses',
          conditions: '',
          reasons: 'Nicht förderfähig.',
        },
      },
      t.deps.now(),
    );
    if (!saved || 'issues' in saved) throw new Error(JSON.stringify(saved));
    await f.notification(running.grantId);
    const assignment = await f.assignment(application, reviewer, 'none');
    const pending = await f.assignment(application, undeclared);
    // whom administrators act on, so that no one who signs in is disabled by an empty form
    const bystander = await makeUser(t.db, 'bea@example.org', 'participant');
    // whose address an empty confirmation changes, so that everyone else still signs in with theirs
    const mover = await makeUser(t.db, 'carl@example.org', 'participant');
    const linked = await f.application(a, {
      content: {
        partners: [
          {
            name: 'Kulturverein',
            isMigrantOrganisation: true,
            role: 'Partner',
            tasks: 'Elternabende',
            budgetShareBp: 2000,
            contactName: 'Ayşe',
            contactEmail: 'ayse@partner.example',
          },
        ],
      },
    });
    const spareOrganisation = await createOrganisation(t.db, system, { name: 'Ersatz e. V.', kind: 'carrier' });
    ids = {
      call: s.callId,
      programme: s.programmeId,
      draft,
      application,
      drafted,
      outline,
      reclaim: reclaim.value.id,
      grant: running.grantId,
      pastGrant: past.grantId,
      yearlyOpen,
      yearlyGrant,
      continuation: continuation.id,
      report: interim!.id,
      submittedReport: final!.id,
      pendingAssignment: pending,
      assignment,
      change,
      person: bystander,
      organisation: spareOrganisation,
      ownOrganisation: s.organisationId,
      resetToken: await issueUserToken(t.db, participant, 'reset'),
      confirmToken: await issueUserToken(t.db, participant, 'confirm'),
      emailChangeToken: await issueUserToken(t.db, mover, 'emailChange', { payload: 'carl.neu@example.org' }),
      // the first administrator's form is there only while there is none: the scene's comes later
      setupToken: await issueSetupToken(t.db),
      // a draft whose partner has a contact (the forms that ask it), and the partner's open link
      linked,
      partnerToken: await partnerLink(linked),
    };
    // the running grant's workspace with seminars: open, draft, a session begun, a registration
    const seminar = await seminarScene(t, running.grantId);
    Object.assign(ids, seminar);
    for (const actor of actors) if (actor !== 'admin') clients.set(actor, await login(actor));
  });

  async function login(actor: ActorName): Promise<Client> {
    if (actor === 'anonymous') return client(t);
    return signedIn(t, emails[actor]);
  }

  /** The scene's ids a page's parameter may stand for, by where it sits. */
  function candidates(path: string, param: string): string[] {
    if (param === 'id') {
      const before = path.slice(0, path.indexOf(`:${param}`));
      const rules: [RegExp, string[]][] = [
        [/\/funding\/applications\/$/, ['application', 'outline', 'drafted']],
        // a draft first; a submitted application has the thread of messages a draft does not
        [/\/applications\/$/, ['draft', 'application', 'linked']],
        [/\/calls\/$/, ['call']],
        [/\/programmes\/$/, ['programme']],
        [/\/reviews\/$/, ['pendingAssignment', 'assignment']],
        [/\/grants\/$/, ['grant', 'pastGrant', 'yearlyOpen', 'yearlyGrant']],
        [/\/people\/$/, ['person']],
        [/\/organisations\/$/, ['organisation']],
        [/\/organisation\/$/, ['ownOrganisation']],
        [/\/projects\/$/, ['project']],
      ];
      return (rules.find(([re]) => re.test(before))?.[1] ?? []).map((k) => ids[k]!);
    }
    const byName: Record<string, string[]> = {
      reportId: [ids.report!, ids.submittedReport!],
      changeId: [ids.change!],
      continuationId: [ids.continuation!],
      reclaimId: [ids.reclaim!],
      kind: [...changeKinds],
      token: [ids.resetToken!, ids.confirmToken!, ids.emailChangeToken!, ids.partnerToken!, ids.registrationToken!],
      sid: [ids.seminar!, ids.draftSeminar!],
      sessionId: [ids.session!],
      cid: [ids.consultation!],
      rid: [ids.round!],
      slug: [...contentSlugs],
      contentLang: ['de'],
      locale: ['tr'],
    };
    return byName[param] ?? [];
  }

  /** Every way to fill a page's parameters from the scene. */
  function fillings(path: string): string[] {
    let out = [path];
    for (const [, param] of path.matchAll(/:(\w+)/g)) {
      const options = candidates(path, param!);
      out = out.flatMap((p) => options.map((o) => p.replace(`:${param}`, o)));
    }
    return out.map((p) => (p === '/de/setup' ? `/de/setup?token=${ids.setupToken}` : p));
  }

  /** The pages that may hold a form for `post`: itself, its `/new`, then what lies under its ancestors. */
  function pagesFor(post: string, gets: Set<string>): string[] {
    const pages: string[] = [];
    const add = (p: string) => {
      if (gets.has(p) && !pages.includes(p)) pages.push(p);
    };
    add(post);
    add(`${post}/new`);
    const segments = post.split('/');
    for (let n = segments.length - 1; n >= 3; n--) {
      const ancestor = segments.slice(0, n).join('/');
      add(ancestor);
      for (const g of [...gets].filter((x) => x.startsWith(`${ancestor}/`)).sort((x, y) => x.length - y.length)) add(g);
    }
    add('/de/'); // the header's forms (sign-out)
    return pages;
  }

  test('no field marked "(freiwillig)" is asked to be filled in, and every failed form shows its summary as it should', async () => {
    const { get: gets, post } = servedRoutes();
    assert.ok(post.length > 40, `the route table lists ${post.length} forms`);
    // the first administrator's form first, while there is none; `enable` after `disable` has run
    const pending = ['/de/setup', ...post.filter((r) => r !== '/de/setup')];
    const problems: string[] = [];
    const failed = new Set<string>();
    const pageCache = new Map<string, Page>();

    /** Finds the form of `route` on a page someone may open, sends it empty, and checks the answer. */
    async function tryRoute(route: string): Promise<boolean> {
      const action = new RegExp(`^${route.replace(/:\w+/g, '[^/?#]+')}$`);
      const first = likelyActors.find(([re]) => re.test(route))?.[1] ?? [];
      const order = [...first, ...actors.filter((a) => !first.includes(a) && clients.has(a))];
      let reached = false;
      for (const pattern of pagesFor(route, gets))
        for (const pageUrl of fillings(pattern))
          for (const actor of order) {
            // a change kind is a form of its own; for everything else the first form found is enough
            if (reached && !route.includes(':kind')) return true;
            const key = `${actor} ${pageUrl}`;
            const page = pageCache.get(key) ?? (await clients.get(actor)!.get(pageUrl));
            pageCache.set(key, page);
            if (page.status !== 200) continue;
            const found = page.html.querySelectorAll('form').find((x) => action.test(x.getAttribute('action') ?? ''));
            if (!found) continue;
            const url = found.getAttribute('action')!;
            // a fresh session for each form: an empty form may sign out or change what the next one sees
            const c = await login(actor);
            const own = await c.get(pageUrl);
            const form = own.html.querySelectorAll('form').find((x) => x.getAttribute('action') === url) ?? found;
            const fields = emptyForm(form);
            const res =
              form.getAttribute('enctype') === 'multipart/form-data'
                ? await upload(t, c, url, {}, fields)
                : await c.post(url, fields);
            const where = `${route} (${actor} on ${pageUrl.replace(/[0-9a-f-]{36}/g, ':id')})`;
            if (res.status >= 500) problems.push(`${where}: ${res.status}`);
            if (res.status === 400) {
              failed.add(route);
              problems.push(...problemsOfFailedPage(where, parse(res.body)));
            }
            reached = true;
            if (route.includes(':kind')) break;
          }
      return reached;
    }

    let unreached: string[] = [];
    for (const route of pending) {
      if (!(await tryRoute(route))) unreached.push(route);
      if (route === '/de/setup') {
        await makeUser(t.db, emails.admin, 'admin');
        clients.set('admin', await login('admin'));
      }
    }
    // a second round for forms that an earlier empty form brought about (enable after disable)
    pageCache.clear();
    const again: string[] = [];
    for (const route of unreached) if (!(await tryRoute(route))) again.push(route);
    unreached = again;

    assert.deepEqual(problems, []);
    assert.deepEqual(
      unreached.filter((r) => !notInScene[r]),
      [],
      'forms no one in the scene could open',
    );
    assert.deepEqual(
      Object.keys(notInScene).filter((r) => post.includes(r) && !unreached.includes(r)),
      [],
      'forms the scene does reach now: take them off the list',
    );
    assert.ok(failed.size > 30, `only ${failed.size} forms failed when sent empty`);
  });

  test('a row of a repeating group is optional: partly filled it asks for the rest, emptied it is gone', async () => {
    // asked now, once the app has loaded the modules' words (a translator taken before knows core's only)
    const rowIncomplete = translator('de')('funding:validation.rowIncomplete');
    const anna = await login('carrier');
    const base = `/de/applications/${ids.draft}`;
    for (const [section, fields, field] of [
      ['partners', { cooperationForm: '', 'partner-0-role': 'Beratung' }, 'partner-0-name'],
      ['workplan', { 'milestone-0-due': '2027-03-01' }, 'milestone-0-title'],
    ] as const) {
      await anna.get(`${base}/${section}`);
      const res = await anna.post(`${base}/${section}`, fields);
      assert.equal(res.status, 400, section);
      assert.equal(res.html.querySelector(`#f-${field}-error`)?.text.trim(), rowIncomplete, section);
      assert.ok(
        labelOf(res.html, `f-${field}`)?.querySelector('.kern-label__optional'),
        `${section}: the row is optional`,
      );
      assert.deepEqual(problemsOfFailedPage(section, res.html), []);
    }
    // the officer removes the call's only question by emptying it: its hidden id does not keep it
    const olga = await login('officer');
    const edit = `/de/funding/calls/${ids.call}/edit`;
    const page = await olga.get(edit);
    const form = page.html.querySelectorAll('form').find((x) => x.getAttribute('action') === edit);
    assert.ok(form);
    const values = currentForm(form);
    assert.equal(values['eligibility-0-question'], 'Ist Ihr Träger gemeinnützig?');
    const partly = await olga.post(edit, { ...values, 'eligibility-0-question': '' });
    assert.equal(partly.status, 400, 'a stop text without its question');
    assert.equal(partly.html.querySelector('#f-eligibility-0-question-error')?.text.trim(), rowIncomplete);
    assert.deepEqual(problemsOfFailedPage('call', partly.html), []);
    const removed = await olga.post(edit, { ...values, 'eligibility-0-question': '', 'eligibility-0-stopText': '' });
    assert.equal(removed.status, 303, removed.html.querySelector('.error-summary')?.text ?? '');
    assert.deepEqual((await getCall(t.db, ids.call!))?.eligibility, []);
  });

  test('a translation of a call: a text too long is named in the summary and leads to its field (marked Arabic)', async () => {
    const olga = await login('officer');
    const url = `/de/funding/calls/${ids.call}/translations/ar`;
    assert.equal((await olga.get(url)).status, 200);
    const res = await olga.post(url, { title: 'x'.repeat(301) });
    assert.equal(res.status, 400);
    assert.deepEqual(problemsOfFailedPage('call translation', res.html), []);
    assert.ok(res.html.querySelector('.error-summary a[href="#f-title"]'));
    assert.equal(res.html.querySelector('#f-title')?.getAttribute('dir'), 'rtl');
  });

  test('a document’s date: a file without it fails at the date field, which the summary names and leads to', async () => {
    const anna = await login('carrier');
    const url = `/de/applications/${ids.draft}/documents`;
    await anna.get(url);
    const file = { filename: 'auszug.pdf', content: '%PDF-1.4\n', type: 'application/pdf' };
    const res = await upload(t, anna, url, { 'document-d2': file }, { 'document-d2-date': '' });
    assert.equal(res.status, 400);
    const page = parse(res.body);
    const link = page.querySelector('.error-summary a[href="#f-document-d2-date"]');
    assert.match(
      link?.text ?? '',
      /^Ausgestellt am \(Registerauszug\): Geben Sie an, wann die Unterlage ausgestellt wurde/,
    );
    assert.ok(labelOf(page, 'f-document-d2-date'));
    assert.deepEqual(problemsOfFailedPage('documents', page), []);
  });
});
