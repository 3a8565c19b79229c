// axe-core (WCAG 2.0/2.1, A and AA) finds nothing on any page, in German and in Arabic (right to
// left), signed out, signed in as the administrator and as demo accounts. Modules add their pages
// to `pages`. Pages of the demo data are named by placeholders ({call}, {draft}, ...) whose ids the
// tests find by following links, as a person would.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { berlinDate } from '../../src/core/time/calendar';
import { demoSeminarTitles } from '../../src/modules/activities/demo';
import { demoYearlyGrantTitle } from '../../src/modules/funding/demo-continuation';
import { demoGrantTitles } from '../../src/modules/funding/demo-grants';
import {
  type Browser,
  type BrowserContext,
  expectNoAxeViolations,
  hrefOf,
  launchBrowser,
  newContext,
  type Page,
  readDemoAccounts,
  type Server,
  signIn,
  startServer,
  submitForm,
  submitSetup,
  turnOffSecondFactor,
  turnOnSecondFactor,
  visit,
  watchProblems,
  wrongTotpCode,
} from './helpers';

type Lang = 'de' | 'ar';
const scanLanguages: Lang[] = ['de', 'ar'];

/** The administrator created on the setup page. */
const admin = { name: 'Erika Mustermann', email: 'erika@example.org', password: 'a long and secret passphrase' };

/** The signed-in demo accounts (the administrator is the one created on the setup page). */
const demoEmails = {
  carrier: 'traeger@demo.example',
  officer: 'referat@demo.example',
  reviewer: 'gutachten@demo.example',
  // staff: turns the second factor on and off again on the pages of /account/two-factor
  evaluator: 'evaluation@demo.example',
} as const;
/**
 * `secretary` (a staff demo account with the second factor on) is never signed in: its context
 * only reaches the second step of signing in.
 */
type Person = 'anonymous' | 'admin' | 'secretary' | keyof typeof demoEmails;
const secretaryEmail = 'geschaeftsstelle@demo.example';
/** The secretary's TOTP key, set when the second factor is turned on (in the demo data's test). */
let secretarySecret = '';
/** The evaluator's recovery codes while the second factor is on, for turning it off again. */
let evaluatorCodes: string[] = [];

/** Ids of the demo data, found by following links (see the test "the demo data's pages"). */
const ids: Record<string, string> = {};

interface ScannedPage {
  /** the address, with {lang} for the language prefix and {name} for an id in `ids` */
  path: string;
  /** who looks at it */
  as: Person;
  /** the answer the page must give */
  status?: number;
  /** scanned only in these languages (e.g. Leichte Sprache exists only in German) */
  only?: Lang[];
  /**
   * A staff page (administration, officers, reviewers): it exists in German and English only, and
   * in another language its address shows the notice that says so, which is then what is scanned
   * (once: the states after an `act` need the page's own forms).
   */
  staffOnly?: boolean;
  /** what the page shows after `act`, for the test's name */
  state?: string;
  /** done after loading, before the scan, e.g. submitting a form to show its errors */
  act?: (page: Page, lang: Lang) => Promise<void>;
  /** done after the scan (also when it failed), to leave the account as the next page expects it */
  cleanup?: (page: Page, lang: Lang) => Promise<void>;
}

const submitButton = (page: Page) => page.locator('main button[type="submit"]');
const submitIn = (page: Page, action: string) => page.locator(`form[action$="${action}"] button[type="submit"]`);

/** The evaluator turns the second factor on; the recovery codes are kept to turn it off again. */
const evaluatorTurnsOn = async (page: Page) => {
  evaluatorCodes = (await turnOnSecondFactor(page)).codes;
};
const evaluatorTurnsOff = async (page: Page, lang: Lang) => {
  const password = demoAccounts.get(demoEmails.evaluator)!;
  const code = evaluatorCodes.shift();
  if (code) await turnOffSecondFactor(page, lang, password, code);
  evaluatorCodes = [];
};

/** The secretary enters the password; the second step of signing in asks for the code. */
const secretaryEntersPassword = async (page: Page, lang: Lang) => {
  await page.fill('#f-email', secretaryEmail);
  await page.fill('#f-password', demoAccounts.get(secretaryEmail)!);
  await submitForm(page, submitButton(page), 303);
  assert.equal(new URL(page.url()).pathname, `/${lang}/sign-in/two-factor`);
};

/** Every page of the platform. Add a module's pages here. */
const pages: ScannedPage[] = [
  { path: '/{lang}/', as: 'anonymous' },
  { path: '/{lang}/sign-in', as: 'anonymous' },
  {
    path: '/{lang}/sign-in',
    as: 'anonymous',
    // submitted empty: the error summary and the field errors
    act: async (page) => {
      await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/register', as: 'anonymous' },
  { path: '/{lang}/password-reset', as: 'anonymous' },
  // filled by the demo with an invented operator (the state before is scanned before the setup)
  ...['imprint', 'privacy'].map(
    (slug): ScannedPage => ({
      path: `/{lang}/${slug}`,
      as: 'anonymous',
      act: async (page) => {
        assert.equal(await page.locator('main .kern-alert').count(), 0, 'no "to be completed by the operator"');
      },
    }),
  ),
  { path: '/{lang}/accessibility', as: 'anonymous' },
  {
    // German on purpose; from another language with a note in that language
    path: '/{lang}/easy-language',
    as: 'anonymous',
    act: async (page, lang) => {
      assert.equal(await page.locator('main .kern-alert--info').count(), lang === 'de' ? 0 : 1);
    },
  },
  { path: '/{lang}/does-not-exist', as: 'anonymous', status: 404 },
  { path: '/{lang}/', as: 'admin' },
  { path: '/{lang}/account', as: 'admin' },
  {
    path: '/{lang}/account',
    as: 'admin',
    // erasing the account with a wrong password: 400 with the field error, and nothing erased
    act: async (page) => {
      await page.fill('input[name="deletePassword"]', 'not the password');
      await submitForm(page, page.locator('form[action$="/account/delete"] button[type="submit"]'), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/admin', as: 'admin' },
  { path: '/{lang}/admin/audit', as: 'admin' },
  { path: '/{lang}/admin/outbox', as: 'admin' },
  { path: '/{lang}/admin/content', as: 'admin' },
  { path: '/{lang}/admin/content/imprint/de', as: 'admin' },

  // ---- accounts: security, the second factor ----
  { path: '/{lang}/account/security', as: 'admin' },
  {
    path: '/{lang}/account/security',
    as: 'admin',
    state: 'the password form sent empty: 400 with the summary and the field errors',
    act: async (page) => {
      await submitForm(page, submitIn(page, '/account/security/password'), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  {
    path: '/{lang}/account/security',
    as: 'admin',
    state: 'a new address asked for: the notice that a link went to it',
    act: async (page) => {
      await page.fill('#f-newEmail', 'erika.neu@example.org');
      await page.fill('#f-emailPassword', admin.password);
      await submitForm(page, submitIn(page, '/account/security/email'), 303);
      await page.locator('main .kern-alert--success').waitFor();
    },
  },
  {
    path: '/{lang}/account/two-factor',
    as: 'evaluator',
    state: 'off, with the button that sets it up',
    act: async (page) => {
      await submitIn(page, '/account/two-factor/setup').waitFor();
    },
  },
  {
    path: '/{lang}/account/two-factor',
    as: 'evaluator',
    state: 'the set-up: QR code and key',
    act: async (page) => {
      await submitForm(page, submitIn(page, '/account/two-factor/setup'), 200);
      await page.locator('main .totp-qr svg').waitFor();
    },
  },
  {
    path: '/{lang}/account/two-factor',
    as: 'evaluator',
    state: 'the set-up with a wrong code: 400, the summary and the field error beside the QR code',
    act: async (page) => {
      await submitForm(page, submitIn(page, '/account/two-factor/setup'), 200);
      const secret = ((await page.locator('main code.totp-secret').textContent()) ?? '').replace(/\s/g, '');
      await page.fill('#f-code', await wrongTotpCode(secret));
      await submitForm(page, submitIn(page, '/account/two-factor/enable'), 400);
      await page.waitForSelector('.error-summary');
      await page.locator('main .totp-qr svg').waitFor();
    },
  },
  {
    path: '/{lang}/account/two-factor',
    as: 'evaluator',
    state: 'the right code: the recovery codes, shown once',
    act: evaluatorTurnsOn,
    cleanup: evaluatorTurnsOff,
  },
  {
    path: '/{lang}/account/two-factor',
    as: 'evaluator',
    state: 'turned on: the state, renewing the recovery codes, turning it off',
    act: async (page, lang) => {
      await evaluatorTurnsOn(page);
      await visit(page, `/${lang}/account/two-factor`);
      await submitIn(page, '/account/two-factor/disable').waitFor();
    },
    cleanup: evaluatorTurnsOff,
  },
  {
    path: '/{lang}/account/two-factor',
    as: 'evaluator',
    state: "turning it off with a wrong password and no code: 400 with both fields' errors",
    act: async (page, lang) => {
      await evaluatorTurnsOn(page);
      await visit(page, `/${lang}/account/two-factor`);
      await page.fill('#f-disablePassword', 'not the password');
      await submitForm(page, submitIn(page, '/account/two-factor/disable'), 400);
      await page.waitForSelector('.error-summary');
    },
    cleanup: evaluatorTurnsOff,
  },
  // the second step of signing in, for an account with the second factor on
  {
    path: '/{lang}/sign-in',
    as: 'secretary',
    state: 'the password was right: the code, please',
    act: secretaryEntersPassword,
  },
  {
    path: '/{lang}/sign-in',
    as: 'secretary',
    state: 'a wrong code: 400 with the summary and the field error',
    act: async (page, lang) => {
      await secretaryEntersPassword(page, lang);
      await page.fill('#f-code', await wrongTotpCode(secretarySecret));
      await submitForm(page, submitIn(page, '/sign-in/two-factor').first(), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  {
    path: '/{lang}/sign-in',
    as: 'secretary',
    state: 'a wrong recovery code: 400, and the recovery form stays open with its error',
    act: async (page, lang) => {
      await secretaryEntersPassword(page, lang);
      await page.locator('main details > summary').click();
      await page.fill('#f-recoveryCode', 'aaaaa-aaaaa');
      await submitForm(page, submitIn(page, '/sign-in/two-factor').last(), 400);
      await page.waitForSelector('.error-summary');
      assert.ok(await page.locator('#f-recoveryCode').isVisible());
    },
  },

  // ---- accounts: people and organisations in the administration (German and English) ----
  { path: '/{lang}/admin/people', as: 'admin', staffOnly: true },
  { path: '/{lang}/admin/people/new', as: 'admin', staffOnly: true },
  {
    path: '/{lang}/admin/people/new',
    as: 'admin',
    staffOnly: true,
    state: 'sent empty: 400 with the summary and the field errors',
    act: async (page) => {
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/admin/people/grant', as: 'admin', staffOnly: true },
  // a demo carrier's staff member, with a role limited to an organisation
  { path: '/{lang}/admin/people/{person}', as: 'admin', staffOnly: true },
  // invited and not yet there: resending the invitation
  { path: '/{lang}/admin/people/{invitee}', as: 'admin', staffOnly: true },
  { path: '/{lang}/admin/organisations', as: 'admin', staffOnly: true },
  { path: '/{lang}/admin/organisations/new', as: 'admin', staffOnly: true },
  {
    path: '/{lang}/admin/organisations/new',
    as: 'admin',
    staffOnly: true,
    state: 'an empty name and a municipality key that is no key: 400 with the field errors',
    act: async (page) => {
      await page.fill('#f-municipalityKey', '123');
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/admin/organisations/{organisation}', as: 'admin', staffOnly: true },
  { path: '/{lang}/admin/organisations/{organisation}/edit', as: 'admin', staffOnly: true },
  { path: '/{lang}/admin/organisations/{organisation}/directory', as: 'admin', staffOnly: true },
  // the public page behind an invitation's link, in every language
  { path: '/{lang}/invitation/{invitation}', as: 'anonymous' },
  {
    path: '/{lang}/invitation/{invitation}',
    as: 'anonymous',
    state: 'two different passwords: 400 with the error at the confirmation',
    act: async (page) => {
      await page.fill('#f-password', 'a long new passphrase');
      await page.fill('#f-passwordConfirm', 'another passphrase');
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },

  // ---- funding: public ----
  { path: '/{lang}/calls', as: 'anonymous' },
  { path: '/{lang}/calls/{call}', as: 'anonymous' },
  // ---- funding: the demo carrier ----
  { path: '/{lang}/calls/{call}/apply', as: 'carrier' },
  {
    path: '/{lang}/calls/{call}/apply',
    as: 'carrier',
    // "Nein" to the first question: the reason why an application is not possible
    act: async (page) => {
      const groups = page.locator('main fieldset');
      await groups.nth(0).locator('input[value="no"]').check();
      await groups.nth(1).locator('input[value="yes"]').check();
      await submitForm(page, submitButton(page), 200);
      // after the warning that the carrier already applied to this call: the reasons
      await page.locator('main .kern-alert--warning').last().waitFor();
    },
  },
  { path: '/{lang}/applications', as: 'carrier' },
  // "Meine Organisation" (the one organisation the demo carrier works for: sent on to it)
  { path: '/{lang}/organisation/{ownOrganisation}', as: 'carrier' },
  // network: the organisation's directory entry, the partner search and the public directory
  { path: '/{lang}/organisation/{ownOrganisation}/directory', as: 'carrier' },
  {
    path: '/{lang}/organisation/{ownOrganisation}/directory',
    as: 'carrier',
    state: 'a negative count: 400 with the error at its field',
    act: async (page) => {
      await page.fill('#f-staffCount', '-1');
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/organisation/partners', as: 'carrier' },
  { path: '/{lang}/organisations', as: 'anonymous' },
  // the demo carrier's organisation is listed in the demo
  { path: '/{lang}/organisations/{ownOrganisation}', as: 'anonymous' },
  // activities: the carrier's project workspaces
  { path: '/{lang}/projects', as: 'carrier' },
  { path: '/{lang}/projects/{project}', as: 'carrier' },
  // activities: seminars, for the project's staff and for the public
  { path: '/{lang}/projects/{project}/seminars/new', as: 'carrier' },
  {
    path: '/{lang}/projects/{project}/seminars/new',
    as: 'carrier',
    state: 'sent empty: 400 with the field errors',
    act: async (page) => {
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/projects/{project}/seminars/{heldSeminar}', as: 'carrier' },
  { path: '/{lang}/projects/{project}/seminars/{heldSeminar}/sessions/{heldSession}/attendance', as: 'carrier' },
  { path: '/{lang}/projects/{project}/consultations', as: 'carrier' },
  { path: '/{lang}/projects/{project}/consultations/new', as: 'carrier' },
  {
    path: '/{lang}/projects/{project}/consultations/new',
    as: 'carrier',
    state: 'a date in the future and a due date without what is due: 400 with the field errors',
    act: async (page) => {
      await page.fill('#f-heldOn', '2099-01-01');
      await page.fill('#f-followUpDueOn', '2099-02-01');
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/projects/{project}/mentoring', as: 'carrier' },
  { path: '/{lang}/projects/{project}/mentoring/{mentoringRound}', as: 'carrier' },
  { path: '/{lang}/seminars', as: 'anonymous' },
  { path: '/{lang}/seminars/{openSeminar}', as: 'anonymous' },
  {
    path: '/{lang}/seminars/{openSeminar}',
    as: 'anonymous',
    state: 'sent empty: 400 with the field errors',
    act: async (page) => {
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/seminars/{fullSeminar}', as: 'anonymous' },
  { path: '/{lang}/registration/{registration}', as: 'anonymous' },
  { path: '/{lang}/applications/{draft}', as: 'carrier' },
  ...['project', 'partners', 'workplan', 'plan', 'documents', 'declarations'].map(
    (section): ScannedPage => ({ path: `/{lang}/applications/{draft}/${section}`, as: 'carrier' }),
  ),
  // required documents with expiry: the date beside each file, the warning and the dates on the overview
  { path: '/{lang}/applications/{federalDraft}', as: 'carrier' },
  { path: '/{lang}/applications/{federalDraft}/documents', as: 'carrier' },
  {
    path: '/{lang}/applications/{federalDraft}/documents',
    as: 'carrier',
    // a declaration chosen without its issue date: refused at the date field, with the summary
    act: async (page) => {
      await page
        .locator('#f-document-noInsolvency')
        .setInputFiles({ name: 'erklaerung.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') });
      await submitForm(page, submitIn(page, '/documents'), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  {
    path: '/{lang}/applications/{draft}',
    as: 'carrier',
    // "Antrag einreichen" on the incomplete draft: the open points, with status 400
    act: async (page) => {
      await submitForm(page, submitIn(page, '/submit'), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  {
    path: '/{lang}/applications/{draft}/plan',
    as: 'carrier',
    // a word instead of an amount: 400 with the field error beside the cell
    act: async (page) => {
      const cell = page.locator('input[name^="plan-"][name$="-staff"]').first();
      const name = await cell.getAttribute('name');
      await cell.fill('zehn');
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
      assert.equal(await page.getAttribute(`input[name="${name}"]`, 'aria-invalid'), 'true');
    },
  },
  // ---- funding: the programme officer (German and English; in Arabic the notice that says so) ----
  { path: '/{lang}/funding/inbox', as: 'officer', staffOnly: true },
  {
    path: '/de/funding',
    as: 'officer',
    only: ['de'],
    // with the dashboard of the approved projects
    act: async (page) => {
      await page.locator('main table', { hasText: 'Vereine stark machen' }).waitFor();
    },
  },
  { path: '/de/funding/programmes/{programme}', as: 'officer', only: ['de'] },
  { path: '/de/funding/programmes/{programme}/edit', as: 'officer', only: ['de'] },
  { path: '/de/funding/programmes/{programme}/calls/new', as: 'officer', only: ['de'] },
  {
    path: '/de/funding/programmes/{programme}/calls/new',
    as: 'officer',
    only: ['de'],
    // submitted empty: the error summary and the field errors
    act: async (page) => {
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/de/funding/calls/{call}/edit', as: 'officer', only: ['de'] },
  // the open call's translations (demo.ts translates it into Turkish and Arabic)
  { path: '/de/funding/calls/{call}/translations', as: 'officer', only: ['de'] },
  { path: '/de/funding/calls/{call}/translations/ar', as: 'officer', only: ['de'] },
  {
    path: '/de/funding/calls/{call}/translations/uk',
    as: 'officer',
    only: ['de'],
    // a title too long: the error summary and the field's error
    act: async (page) => {
      await page.locator('#f-title').fill('x'.repeat(301));
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  {
    path: '/de/applications/{submitted}',
    as: 'officer',
    only: ['de'],
    // the PDF of the submitted version is fetched, not scanned
    act: async (page) => {
      const pdf = await page.request.get(await hrefOf(page.locator('main a[href$=".pdf"]').first()));
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
    },
  },
  { path: '/de/funding/calls/{rankedCall}/ranking', as: 'officer', only: ['de'] },
  {
    path: '/de/funding/applications/{waitlisted}',
    as: 'officer',
    only: ['de'],
    // on the waiting list, so that the decision form shows
    act: async (page) => {
      await page.getByRole('button', { name: 'Entwurf speichern' }).waitFor();
    },
  },
  {
    path: '/de/funding/applications/{waitlisted}',
    as: 'officer',
    only: ['de'],
    // the decision submitted without an outcome: 400 with the errors, and no decision taken
    act: async (page) => {
      await submitForm(page, page.getByRole('button', { name: 'Entwurf speichern' }), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/de/grants/{grant}', as: 'officer', only: ['de'] },
  { path: '/de/grants/{grant}/reports/{interimReport}', as: 'officer', only: ['de'] },
  { path: '/de/grants/{grant}/reports/{finalReport}', as: 'officer', only: ['de'] },
  // money back: the reclaim recorded on the demo grant (see "the demo data's pages"), the base rate table
  { path: '/de/grants/{grant}/reclaims/{reclaim}', as: 'officer', only: ['de'] },
  {
    path: '/de/grants/{grant}/reclaims/{reclaim}',
    as: 'officer',
    only: ['de'],
    // a repayment submitted empty: 400 with the errors
    act: async (page) => {
      await page.fill('#f-paidOn', '');
      await submitForm(page, submitIn(page, '/repayments'), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  // the officer's tools: all applications (filtered) and the payments by budget year and programme
  { path: '/{lang}/funding/applications', as: 'officer', staffOnly: true },
  { path: '/de/funding/payments', as: 'officer', only: ['de'] },
  // withdrawing the demo grant's decision: the form with its fields per budget year
  { path: '/de/grants/{grant}/withdrawal', as: 'officer', only: ['de'] },
  // the case history with its internal notes, and the deadline calendar with its feed address
  { path: '/de/funding/applications/{waitlisted}/history', as: 'officer', only: ['de'] },
  { path: '/de/grants/{grant}/history', as: 'officer', only: ['de'] },
  {
    path: '/de/grants/{grant}/history',
    as: 'officer',
    only: ['de'],
    state: 'an empty note',
    // an empty note: 400 with the errors
    act: async (page) => {
      await submitForm(page, submitIn(page, '/notes'), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/funding/calendar', as: 'officer', staffOnly: true },
  { path: '/de/funding/money-back', as: 'officer', only: ['de'] },
  {
    path: '/de/funding/money-back',
    as: 'officer',
    only: ['de'],
    // a base rate that is no percentage: 400 with the errors
    act: async (page) => {
      await page.fill('#f-rate', 'viel');
      await submitForm(page, submitIn(page, '/rates'), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/de/grants/{changedGrant}/changes', as: 'officer', only: ['de'] },
  { path: '/de/grants/{cutGrant}', as: 'officer', only: ['de'] },
  { path: '/de/grants/{cutGrant}/changes', as: 'officer', only: ['de'] },
  { path: '/de/grants/{changedGrant}/changes/{pendingChange}', as: 'officer', only: ['de'] },
  {
    path: '/de/grants/{changedGrant}/changes/{pendingChange}',
    as: 'officer',
    only: ['de'],
    // rejected without a reason: 400 with the field error, and the request stays open
    act: async (page) => {
      await submitForm(page, page.getByRole('button', { name: 'Ablehnen' }), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  // ---- funding: the demo carrier's grant decided one budget year at a time, and its continuation ----
  { path: '/{lang}/grants/{yearlyGrant}', as: 'carrier' },
  { path: '/{lang}/grants/{yearlyGrant}/continuation', as: 'carrier' },
  {
    path: '/{lang}/grants/{yearlyGrant}/continuation',
    as: 'carrier',
    // submitted without the year's progress: 400 with the errors, nothing saved
    act: async (page) => {
      await submitForm(page, page.locator('main button[value="submit"]'), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/de/funding/continuations', as: 'officer', only: ['de'] },
  // ---- funding: the demo carrier's grant ----
  { path: '/{lang}/grants/{runningGrant}/changes', as: 'carrier' },
  ...['shift', 'extension', 'partners'].map(
    (kind): ScannedPage => ({ path: `/{lang}/grants/{runningGrant}/changes/new/${kind}`, as: 'carrier' }),
  ),
  {
    path: '/{lang}/grants/{runningGrant}/changes/new/shift',
    as: 'carrier',
    // submitted empty: 400 with the errors
    act: async (page) => {
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/grants/{runningGrant}/notifications/new', as: 'carrier' },
  {
    path: '/{lang}/grants/{runningGrant}/notifications/new',
    as: 'carrier',
    act: async (page) => {
      await submitForm(page, submitButton(page), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/grants', as: 'carrier' },
  {
    path: '/de/grants/{unspentGrant}',
    as: 'carrier',
    only: ['de'],
    // with the warning about money unspent beyond six weeks and the form to report spending
    act: async (page) => {
      await page.locator('main [role="alert"]').waitFor();
      await submitIn(page, '/spent').first().waitFor();
    },
  },
  {
    path: '/{lang}/grants/{runningGrant}',
    as: 'carrier',
    // with the payment request form (its money so far is spent; the spending form is on {unspentGrant})
    act: async (page) => {
      await submitIn(page, '/payments').waitFor();
    },
  },
  // the 2010-2012 grant: ended, so it offers no payment or change forms
  { path: '/{lang}/grants/{grant}', as: 'carrier' },
  { path: '/{lang}/grants/{grant}/reports/{finalReport}', as: 'carrier' },
  { path: '/{lang}/grants/{grant}/reclaims/{reclaim}', as: 'carrier' },
  {
    path: '/{lang}/grants/{runningGrant}',
    as: 'carrier',
    // the payment request submitted empty: 400 with the errors
    act: async (page) => {
      await submitForm(page, submitIn(page, '/payments'), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  // ---- funding: messages between carrier and funder, the same page for both sides ----
  { path: '/{lang}/grants/{runningGrant}/messages', as: 'carrier' },
  {
    path: '/{lang}/grants/{runningGrant}/messages',
    as: 'carrier',
    // sent without a text: 400 with the error summary, nothing sent
    act: async (page) => {
      await submitForm(page, submitIn(page, '/messages'), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/de/grants/{grant}/messages', as: 'officer', only: ['de'] },
  { path: '/de/applications/{submitted}/messages', as: 'officer', only: ['de'] },
  // ---- funding: the demo reviewer (German and English; in Arabic the notice) ----
  { path: '/{lang}/reviews', as: 'reviewer', staffOnly: true },
  { path: '/de/reviews/{pendingReview}', as: 'reviewer', only: ['de'] },
  {
    path: '/de/reviews/{pendingReview}',
    as: 'reviewer',
    only: ['de'],
    // "Ich bin befangen" without a reason: 400 with the error, and the assignment stays pending
    act: async (page) => {
      await page.getByLabel('Ich bin befangen', { exact: true }).check();
      await submitForm(page, page.getByRole('button', { name: 'Erklärung abgeben' }), 400);
      await page.waitForSelector('.error-summary');
    },
  },
  {
    path: '/de/reviews/{review}',
    as: 'reviewer',
    only: ['de'],
    // a submitted review: the own scores and the table of the others'
    act: async (page) => {
      await page.locator('main table', { hasText: 'Beteiligung der Migrantenorganisation' }).waitFor();
    },
  },
  // ---- funding: the administrator ----
  { path: '/de/funding/programmes/new', as: 'admin', only: ['de'] },
];

/** The address with its language and the ids of the demo data filled in. */
function address(path: string, lang: string): string {
  return path.replace('{lang}', lang).replace(/\{(\w+)\}/g, (_, name: string) => {
    const id = ids[name];
    if (!id) throw new Error(`no id for {${name}}: the test that follows the demo data's links failed`);
    return id;
  });
}

/** The id a link's path carries, e.g. <id> in /de/calls/<id>, taken by the pattern's group. */
const idIn = (href: string, pattern: RegExp) => {
  const id = pattern.exec(new URL(href, 'http://x').pathname)?.[1];
  if (!id) throw new Error(`no id in ${href} (${pattern})`);
  return id;
};

let server: Server;
let browser: Browser;
const contexts: Partial<Record<Person, BrowserContext>> = {};
let demoAccounts = new Map<string, string>();

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // axe-core is injected as an inline script, which the app's CSP refuses
  const people: Person[] = [
    'anonymous',
    'admin',
    'secretary',
    ...(Object.keys(demoEmails) as (keyof typeof demoEmails)[]),
  ];
  for (const who of people) contexts[who] = await newContext(browser, server.baseUrl, { bypassCSP: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('accessibility (axe, WCAG 2.1 AA)', { concurrency: false }, () => {
  test('the imprint and the privacy notice before anyone wrote them: "to be completed by the operator"', async () => {
    const page = await contexts.anonymous!.newPage();
    try {
      for (const lang of scanLanguages) {
        for (const slug of ['imprint', 'privacy']) {
          await visit(page, `/${lang}/${slug}`);
          assert.equal(await page.locator('main .kern-alert--warning').count(), 1, `${lang}/${slug}: the marked state`);
          await expectNoAxeViolations(page, `/${lang}/${slug} before the operator wrote it`);
        }
      }
    } finally {
      await page.close();
    }
  });

  test('the setup page, before and after it is used, and the demo accounts it lists', async () => {
    const page = await contexts.admin!.newPage();
    await visit(page, server.setupUrl);
    await expectNoAxeViolations(page, 'setup page');
    // submitted empty: the error summary and the field errors
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
    await page.waitForSelector('.error-summary');
    await expectNoAxeViolations(page, 'setup page with errors');
    // with demo data, so that the demo banner and the filled admin pages are scanned as well
    await visit(page, server.setupUrl);
    await submitSetup(page, { ...admin, demo: true });
    await expectNoAxeViolations(page, 'setup done, demo accounts');
    demoAccounts = await readDemoAccounts(page);
    await page.close();
  });

  test("the demo data's pages: sign in as demo accounts and follow links to the ids", async () => {
    for (const who of Object.keys(demoEmails) as (keyof typeof demoEmails)[]) {
      const email = demoEmails[who];
      const password = demoAccounts.get(email);
      assert.ok(password, `the setup page lists ${email}`);
      const page = await contexts[who]!.newPage();
      await signIn(page, email, password);
      await page.close();
    }
    // the open call is for projects of next year (Berlin calendar), as the demo lays it out
    const open = `Gemeinsam vor Ort ${Number(berlinDate(new Date()).slice(0, 4)) + 1}`;
    // the open call: its card on the public list
    const anonymous = await contexts.anonymous!.newPage();
    await visit(anonymous, '/de/calls');
    const callLink = anonymous.locator('main .kern-card').getByRole('link', { name: open, exact: true });
    ids.call = idIn(await hrefOf(callLink), /^\/de\/calls\/([^/]+)$/);
    await Promise.all([anonymous.waitForURL((u) => u.pathname.endsWith(ids.call!)), callLink.click()]);
    const programmeTitle = ((await anonymous.locator('main .kern-subline').textContent()) ?? '').trim();
    await anonymous.close();

    // the carrier's draft in it, and a submitted application of the same carrier (an earlier call)
    const carrier = await contexts.carrier!.newPage();
    await visit(carrier, '/de/applications');
    const row = (text: string) => carrier.locator('main tbody tr', { hasText: text });
    ids.draft = idIn(
      await hrefOf(row(open).getByRole('link', { name: 'Nachbarschaft im Tandem', exact: true })),
      /^\/de\/applications\/([^/]+)$/,
    );
    // the draft in the federal call: documents with the dates they count by, and the warning
    ids.federalDraft = idIn(
      await hrefOf(carrier.locator('main tbody tr').getByRole('link', { name: 'Beiräte im Netz', exact: true })),
      /^\/de\/applications\/([^/]+)$/,
    );
    // any application past its draft has a submitted version
    const submitted = carrier
      .locator('main tbody tr')
      .filter({ hasNot: carrier.getByText('Entwurf', { exact: true }) })
      .first();
    ids.submitted = idIn(await hrefOf(submitted.getByRole('link').first()), /^\/de\/applications\/([^/]+)$/);
    await carrier.close();

    // the officer's programme of that call, and the call's edit link there
    const officer = await contexts.officer!.newPage();
    await visit(officer, '/de/funding');
    ids.programme = idIn(
      await hrefOf(officer.locator('main tbody').getByRole('link', { name: programmeTitle, exact: true })),
      /^\/de\/funding\/programmes\/([^/]+)$/,
    );
    await visit(officer, `/de/funding/programmes/${ids.programme}`);
    const editId = idIn(
      await hrefOf(officer.locator('main tbody').getByRole('link', { name: open, exact: true })),
      /^\/de\/funding\/calls\/([^/]+)\/edit$/,
    );
    assert.equal(editId, ids.call, 'the officer edits the call the public reads');

    // the ranking of the closed call, and the application on its waiting list
    await visit(officer, '/de/funding');
    const migrantOrganisations = 'Stärkere Beteiligung von Migrantenorganisationen';
    await officer.locator('main tbody').getByRole('link', { name: migrantOrganisations, exact: true }).click();
    await officer.waitForURL((u) => /^\/de\/funding\/programmes\/[^/]+$/.test(u.pathname));
    const rankingLink = officer
      .locator('main')
      .getByRole('link', { name: 'Rangliste: Tandems, Mentoring, Kooperation 2010–2011', exact: true });
    ids.rankedCall = idIn(await hrefOf(rankingLink), /^\/de\/funding\/calls\/([^/]+)\/ranking$/);
    await visit(officer, await hrefOf(rankingLink));
    const waitlisted = officer.locator('main tbody tr', { hasText: 'Frauen gestalten mit' });
    await waitlisted.getByText('Warteliste', { exact: true }).waitFor();
    ids.waitlisted = idIn(await hrefOf(waitlisted.getByRole('link')), /^\/de\/funding\/applications\/([^/]+)$/);

    // the demo carrier's grant on the dashboard, and its interim and final reports
    const granted = 'Vereine stark machen';
    await visit(officer, '/de/funding');
    ids.grant = idIn(
      await hrefOf(officer.locator('main tbody').getByRole('link', { name: granted, exact: true })),
      /^\/de\/grants\/([^/]+)$/,
    );
    await visit(officer, `/de/grants/${ids.grant}`);
    const report = (name: string) => hrefOf(officer.locator('main tbody').getByRole('link', { name, exact: true }));
    const reportPattern = new RegExp(`^/de/grants/${ids.grant}/reports/([^/]+)$`);
    ids.interimReport = idIn(await report('Zwischennachweis 2010'), reportPattern);
    ids.finalReport = idIn(await report('Verwendungsnachweis'), reportPattern);
    // the officer records a reclaim on it through the grant page's form
    await officer.fill('#f-amount', '1.250,00');
    await officer.fill('#f-reason', 'Zweck teilweise nicht erreicht');
    await officer.fill('#f-dueOn', '2099-01-31');
    await submitForm(officer, submitIn(officer, '/reclaims'), 303);
    ids.reclaim = idIn(new URL(officer.url()).pathname, new RegExp(`^/de/grants/${ids.grant}/reclaims/([^/]+)$`));

    // the cut grant, with its amended decision
    await visit(officer, '/de/funding');
    ids.cutGrant = idIn(
      await hrefOf(officer.locator('main tbody').getByRole('link', { name: demoGrantTitles.cut, exact: true })),
      /^\/de\/grants\/([^/]+)$/,
    );

    // the change request waiting in the officer's inbox, on the other approved project
    await visit(officer, '/de/funding/inbox');
    const changeLink = officer
      .locator('main tbody')
      .getByRole('link', { name: 'Mittel zwischen Positionen umschichten', exact: true })
      .first();
    const changePath = new URL(await hrefOf(changeLink), 'http://x').pathname;
    const changeMatch = /^\/de\/grants\/([^/]+)\/changes\/([^/]+)$/.exec(changePath);
    assert.ok(changeMatch, `a change request's address: ${changePath}`);
    ids.changedGrant = changeMatch[1]!;
    ids.pendingChange = changeMatch[2]!;
    await officer.close();

    // the carrier manages the same grant
    const carrierGrants = await contexts.carrier!.newPage();
    await visit(carrierGrants, '/de/grants');
    const carrierGrant = idIn(
      await hrefOf(carrierGrants.locator('main tbody').getByRole('link', { name: granted, exact: true })),
      /^\/de\/grants\/([^/]+)$/,
    );
    assert.equal(carrierGrant, ids.grant, 'the carrier manages the grant the officer oversees');
    // the running grant in its last months, with money unspent beyond six weeks
    ids.unspentGrant = idIn(
      await hrefOf(
        carrierGrants.locator('main tbody').getByRole('link', { name: demoGrantTitles.lastMonths, exact: true }),
      ),
      /^\/de\/grants\/([^/]+)$/,
    );
    // the running grant: payments, spending and changes can be asked for on it today
    ids.runningGrant = idIn(
      await hrefOf(
        carrierGrants.locator('main tbody').getByRole('link', { name: demoGrantTitles.running, exact: true }),
      ),
      /^\/de\/grants\/([^/]+)$/,
    );
    // the grant decided one budget year at a time, whose next year's continuation can be filed today
    ids.yearlyGrant = idIn(
      await hrefOf(carrierGrants.locator('main tbody').getByRole('link', { name: demoYearlyGrantTitle, exact: true })),
      /^\/de\/grants\/([^/]+)$/,
    );
    // "Meine Organisation" sends the carrier on to the one organisation they work for
    await carrierGrants.goto('/de/organisation');
    ids.ownOrganisation = idIn(new URL(carrierGrants.url()).pathname, /^\/de\/organisation\/([^/]+)$/);
    // the running grant's project workspace, opened by the server's worker from grant.approved
    for (let tries = 0; !ids.project && tries < 60; tries++) {
      await visit(carrierGrants, '/de/projects');
      const link = carrierGrants
        .locator('main tbody')
        .getByRole('link', { name: demoGrantTitles.running, exact: true });
      if ((await link.count()) > 0) ids.project = idIn(await hrefOf(link), /^\/de\/projects\/([^/]+)$/);
      else await carrierGrants.waitForTimeout(500);
    }
    assert.ok(ids.project, 'the running grant has its workspace');
    // its seminars (activities' demo): the one held, with its first session, the open and the full one
    await visit(carrierGrants, `/de/projects/${ids.project}`);
    const seminarLink = (title: string) =>
      carrierGrants.locator('main tbody').getByRole('link', { name: title, exact: true });
    ids.heldSeminar = idIn(await hrefOf(seminarLink(demoSeminarTitles.held)), /\/seminars\/([^/]+)$/);
    ids.openSeminar = idIn(await hrefOf(seminarLink(demoSeminarTitles.open)), /\/seminars\/([^/]+)$/);
    ids.fullSeminar = idIn(await hrefOf(seminarLink(demoSeminarTitles.full)), /\/seminars\/([^/]+)$/);
    await visit(carrierGrants, `/de/projects/${ids.project}/seminars/${ids.heldSeminar}`);
    ids.heldSession = idIn(
      await hrefOf(carrierGrants.locator('main a[href$="/attendance"]').first()),
      /\/sessions\/([^/]+)\/attendance$/,
    );
    // the demo's mentoring round, in its matching phase
    await visit(carrierGrants, `/de/projects/${ids.project}/mentoring`);
    ids.mentoringRound = idIn(
      await hrefOf(
        carrierGrants.locator('main ul').getByRole('link', { name: demoSeminarTitles.mentoring, exact: true }),
      ),
      /\/mentoring\/([^/]+)$/,
    );
    // a registration for the open seminar, made as anyone would: its personal page
    const participant = await contexts.anonymous!.newPage();
    await visit(participant, `/de/seminars/${ids.openSeminar}`);
    await participant.fill('#f-name', 'Zeynep A.');
    await participant.fill('#f-email', 'zeynep.a11y@example.org');
    await participant.check('#f-consent');
    await Promise.all([
      participant.waitForURL((u) => u.pathname.includes('/registration/')),
      participant.locator('main form button[type="submit"]').click(),
    ]);
    ids.registration = idIn(participant.url(), /\/registration\/([A-Za-z0-9_-]{43})$/);
    await participant.close();
    await carrierGrants.close();

    // the reviewer's pending declaration and a submitted review
    const reviewer = await contexts.reviewer!.newPage();
    await visit(reviewer, '/de/reviews');
    const reviewRow = (filter: string) => reviewer.locator('main tbody tr', { hasText: filter });
    const pending = reviewRow('Elternlotsen Westpfalz');
    await pending.getByText('Erklärung ausstehend', { exact: true }).waitFor();
    ids.pendingReview = idIn(
      await hrefOf(pending.getByRole('link', { name: 'Elternlotsen Westpfalz', exact: true })),
      /^\/de\/reviews\/([^/]+)$/,
    );
    ids.review = idIn(await hrefOf(reviewRow('abgeschickt').first().getByRole('link')), /^\/de\/reviews\/([^/]+)$/);
    await reviewer.close();

    // the administration: the demo carrier's staff member, and the organisation they work for
    const administration = await contexts.admin!.newPage();
    await visit(administration, `/de/admin/people?q=${encodeURIComponent(demoEmails.carrier)}`);
    ids.person = idIn(
      await hrefOf(administration.locator('main tbody').getByRole('link', { name: 'Stefan Wagner', exact: true })),
      /^\/de\/admin\/people\/([^/]+)$/,
    );
    const carrierOrganisation = 'Nachbarschaftswerk Mainz e. V.';
    await visit(administration, `/de/admin/organisations?q=${encodeURIComponent('Nachbarschaftswerk')}`);
    ids.organisation = idIn(
      await hrefOf(administration.locator('main tbody').getByRole('link', { name: carrierOrganisation, exact: true })),
      /^\/de\/admin\/organisations\/([^/]+)$/,
    );
    // someone invited in Arabic, and the link of the invitation as Verwaltung › Postausgang shows it
    const invitee = 'amira.haddad@example.org';
    await visit(administration, '/de/admin/people/new');
    await administration.fill('#f-name', 'Amira Haddad');
    await administration.fill('#f-email', invitee);
    await administration.selectOption('#f-language', 'ar');
    await submitForm(administration, submitButton(administration), 303);
    ids.invitee = idIn(administration.url(), /^\/de\/admin\/people\/([^/]+)$/);
    await visit(administration, '/de/admin/outbox');
    await Promise.all([
      administration.waitForURL((u) => /^\/de\/admin\/outbox\/[^/]+$/.test(u.pathname)),
      administration.locator('main tbody tr', { hasText: invitee }).getByRole('link').first().click(),
    ]);
    const mail = (await administration.locator('main pre.mail-body').textContent()) ?? '';
    const invitationLink = /\S+\/invitation\/\S+/.exec(mail)?.[0];
    assert.ok(invitationLink, `the invitation has a link:\n${mail}`);
    ids.invitation = idIn(invitationLink, /^\/ar\/invitation\/([^/]+)$/);
    await administration.close();

    // a staff demo account with the second factor on, for the second step of signing in
    const secretaryContext = await newContext(browser, server.baseUrl);
    const secretary = await secretaryContext.newPage();
    const secretaryPassword = demoAccounts.get(secretaryEmail);
    assert.ok(secretaryPassword, `the setup page lists ${secretaryEmail}`);
    await signIn(secretary, secretaryEmail, secretaryPassword);
    await visit(secretary, '/de/account/two-factor');
    secretarySecret = (await turnOnSecondFactor(secretary)).secret;
    await secretaryContext.close();
  });

  for (const lang of scanLanguages) {
    for (const p of pages) {
      if (p.only && !p.only.includes(lang)) continue;
      const notice = p.staffOnly && lang !== 'de';
      if (notice && p.act) continue;
      const name = `${p.path.replace('{lang}', lang)}${notice ? ' (the German-and-English notice)' : ''}${p.state ? ` (${p.state})` : p.act ? ' (after an action)' : ''} as ${p.as}`;
      test(name, async () => {
        const url = address(p.path, lang);
        const page = await contexts[p.as]!.newPage();
        const problems = watchProblems(page);
        try {
          await visit(page, url, p.status ?? 200);
          // served at its own address in the language asked for: no redirect to English
          assert.equal(new URL(page.url()).pathname, new URL(url, 'http://x').pathname);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          if (notice) await page.locator('main .staff-only a[hreflang="en"]').waitFor();
          else await p.act?.(page, lang);
          await expectNoAxeViolations(page, name);
          // a stylesheet that did not load would make the contrast checks meaningless
          assert.deepEqual(problems, [], `${name}: ${problems.join('\n')}`);
        } finally {
          try {
            await p.cleanup?.(page, lang);
          } finally {
            await page.close();
          }
        }
      });
    }
  }
});
