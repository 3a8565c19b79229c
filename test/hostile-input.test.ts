// Hostile bytes at every form: NUL, control characters, lone surrogates, line breaks, invalid
// UTF-8, very long texts and huge numbers, sent as forms, JSON, multipart and raw bytes to every
// POST route the route table lists (and to every page's address and query), by someone allowed to
// use it, with the fields of the form the page really shows. Nothing may answer with a 5xx; the
// findings of issue 7 are spelled out first, each a 400 (or a safe fallback) with the field named.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import type { HTMLElement } from 'node-html-parser';
import { roleAssignments } from '../src/core/auth/schema';
import { newToken } from '../src/core/auth/tokens';
import { issueUserToken } from '../src/core/auth/users';
import { routePattern } from '../src/core/http/route-table';
import { berlinDate } from '../src/core/time/calendar';
import { prefilled, saveContinuation } from '../src/modules/funding/continuations/continuations.store';
import { linkExpiry } from '../src/modules/funding/partner-confirmations/partner-confirmation-rules';
import { listReports } from '../src/modules/funding/reports/reports.store';
import { applicationDocuments, grants, partnerConfirmations, receipts } from '../src/modules/funding/schema';
import { createOrganisation } from '../src/modules/network/api';
import { seminarScene } from './helpers/activities';
import { type Client, client, makeUser, type TestApp, testApp } from './helpers/app';
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

type Actor = 'anonymous' | 'participant' | 'carrier' | 'officer' | 'reviewer' | 'admin';
const emails: Record<Exclude<Actor, 'anonymous'>, string> = {
  participant: 'pia@example.org',
  carrier: people.carrier,
  officer: people.officer,
  reviewer: 'rita@review.example',
  admin: 'ada@admin.example',
};

let t: TestApp;
/** real ids of the scene, by what they are */
let ids: Record<string, string>;

before(async () => {
  const many = 1_000_000;
  t = await testApp({
    limits: { signInPerAccount: many, signInPerIp: many, resetPerAccount: many, resetPerIp: many },
  });
  const f = funding(t);
  const s = await f.scene({
    call: {
      requiredDocuments: [
        { id: 'd1', label: 'Satzung', types: ['pdf'], maxMegabytes: 1 },
        // a date typed beside its file (document-validity.ts): the documents form carries a date field
        { id: 'd2', label: 'Bescheinigung in Steuersachen', types: ['pdf'], maxMegabytes: 1, validity: 'validUntil' },
      ],
      rubric: [criterion('impact', 'Wirkung')],
    },
  });
  await makeUser(t.db, emails.participant, 'participant');
  const linkOwner = await makeUser(t.db, 'lina@example.org', 'participant');
  const reviewer = await f.reviewer(emails.reviewer);
  await f.admin(emails.admin);
  // someone the administrator's forms act on, so no actor of this test loses its own account
  const victim = await makeUser(t.db, 'vic@example.org', 'carrierStaff', {
    scopeKind: 'organisation',
    scopeId: s.otherOrganisationId,
  });
  const a = { callId: s.callId, organisationId: s.organisationId };
  const submitted = await f.application(a, { submit: true });
  const Y = Number(new Date().toISOString().slice(0, 4));
  const running = await f.grant(a, {
    content: {
      startDate: `${Y}-01-01`,
      endDate: `${Y + 1}-12-31`,
      plan: plan({ year: Y, grant: 900_000, own: 100_000 }, { year: Y + 1, grant: 900_000, own: 100_000 }),
    },
  });
  const [report] = await listReports(t.db, running.grantId);
  // a grant with no payment request waiting, so its decision can be withdrawn
  const withdrawable = await f.grant(a, {
    content: { startDate: `${Y}-01-01`, endDate: `${Y}-12-31`, plan: plan({ year: Y, grant: 900_000, own: 100_000 }) },
  });
  const reclaim = await reclaimAsRecorded(t, running.grantId, {
    amountCents: 10_000,
    reason: 'Zweck verfehlt',
    effectiveOn: `${Y}-01-01`,
    dueOn: `${Y}-02-01`,
  });
  // the interest notice's form is offered only when the base rates reach today
  await baseRatesUpToToday(t.db, berlinDate(new Date()));
  // grants decided one budget year at a time: last year decided; one with this year's continuation
  // submitted (for the officer's decision), one where the carrier's form is open
  const yearly = async () => {
    const g = await f.grant(a, {
      content: {
        startDate: `${Y - 1}-01-01`,
        endDate: `${Y}-12-31`,
        plan: plan({ year: Y - 1, grant: 900_000, own: 100_000 }, { year: Y, grant: 900_000, own: 100_000 }),
      },
    });
    await t.db
      .update(grants)
      .set({ decidedYears: [Y - 1] })
      .where(eq(grants.id, g.grantId));
    return g.grantId;
  };
  const yearlyGrant = await yearly();
  const [yg] = await t.db.select().from(grants).where(eq(grants.id, yearlyGrant));
  const continuation = await saveContinuation(
    t.db,
    system,
    yearlyGrant,
    { year: Y, content: { ...prefilled(yg!.plan, Y), progress: 'Läuft.' }, submit: true },
    t.deps.now(),
  );
  if (!continuation.ok) throw new Error('continuation refused');
  const [role] = await t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, victim));
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
  ids = {
    programme: s.programmeId,
    call: s.callId,
    draft: await f.application(a),
    submitted,
    grant: running.grantId,
    withdrawable: withdrawable.grantId,
    yearlyGrant,
    yearlyOpen: await yearly(),
    continuation: continuation.id,
    report: report!.id,
    reclaim: reclaim.value.id,
    payment: await f.payment(running.grantId),
    paid: await f.payment(running.grantId, { decision: 'approved' }),
    change: await f.change(running.grantId),
    notification: await f.notification(running.grantId),
    assignment: await f.assignment(submitted, reviewer),
    declaredAssignment: await f.assignment(await f.application(a, { submit: true }), reviewer, 'none'),
    victim,
    role: role!.id,
    ownOrganisation: s.organisationId,
    organisation: await createOrganisation(t.db, system, { name: 'Ziel e. V.', kind: 'migrantOrganisation' }),
    // mailed links of someone who is no actor: a hostile form that happens to be valid may use them
    // (a new address, a new password), and no actor may lose the way to sign in
    resetToken: await issueUserToken(t.db, linkOwner, 'reset'),
    confirmToken: await issueUserToken(t.db, linkOwner, 'confirm'),
    emailChangeToken: await issueUserToken(t.db, linkOwner, 'emailChange', { payload: 'lina.neu@example.org' }),
    invitationToken: await issueUserToken(t.db, victim, 'invitation'),
    linked,
    // a partner's open link to its part of that draft, as its request's mail makes it
    partnerToken: await partnerLink(t.db, linked),
  };
  // the running grant's workspace with a seminar open for registration (test/helpers/activities.ts)
  const seminar = await seminarScene(t, running.grantId);
  Object.assign(ids, {
    project: seminar.project,
    seminar: seminar.seminar,
    session: seminar.session,
    registrationToken: seminar.registrationToken,
    consultation: seminar.consultation,
    round: seminar.round,
  });
});
after(() => t.close());

/** An open link for the first partner of `applicationId`; returns the token. */
async function partnerLink(db: TestApp['db'], applicationId: string): Promise<string> {
  const { token, hash } = newToken();
  await db.insert(partnerConfirmations).values({
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

// ---- where each POST route's form is and who may send it ----

interface Plan {
  as: Actor;
  /** the page that shows the form (after the language), if not the route's own address or a parent */
  page?: string;
  /** fields to send when no page shows the form (e.g. a step that needs a state the test cannot reach) */
  fields?: string[];
}

/**
 * Every POST route (after the language prefix). A route added without a line here fails the test:
 * add the plan (who may send it, where its form is) or a skip with its reason.
 */
const plans: Record<string, Plan> = {
  '/accessibility/feedback': { as: 'anonymous', page: '/accessibility' },
  '/sign-in': { as: 'anonymous' },
  '/sign-in/two-factor': { as: 'anonymous', fields: ['code', 'next'] },
  '/sign-out': { as: 'participant', page: '/account' },
  '/password-reset': { as: 'anonymous' },
  '/password-reset/:token': { as: 'anonymous' },
  '/confirm-email/:token': { as: 'anonymous' },
  '/register': { as: 'anonymous' },
  '/account': { as: 'participant' },
  '/account/delete': { as: 'participant', page: '/account' },
  '/account/confirmation': { as: 'participant', page: '/account', fields: [] },
  '/setup': { as: 'anonymous', fields: ['token', 'name', 'email', 'password', 'passwordConfirm', 'demo'] },
  '/account/two-factor/setup': { as: 'admin', page: '/account/two-factor' },
  '/account/two-factor/enable': { as: 'admin', fields: ['code'] },
  '/account/two-factor/recovery-codes': { as: 'admin', fields: ['password', 'code'] },
  '/account/two-factor/disable': { as: 'admin', fields: ['password', 'code'] },
  '/account/security/password': { as: 'participant', page: '/account/security' },
  '/account/security/email': { as: 'participant', page: '/account/security' },
  '/account/security/sessions/:handle/sign-out': { as: 'participant', page: '/account/security' },
  '/account/security/sessions/sign-out-others': { as: 'participant', page: '/account/security', fields: [] },
  '/account/security/sessions/sign-out-all': { as: 'participant', page: '/account/security' },
  '/confirm-email-change/:token': { as: 'participant' },
  '/cancel-email-change/:token': { as: 'anonymous', fields: [] },
  '/admin/content/:slug/:contentLang': { as: 'admin' },
  '/admin/people/new': { as: 'admin' },
  '/admin/people/grant': { as: 'admin' },
  '/admin/people/:id/roles': { as: 'admin', page: '/admin/people/:id' },
  '/admin/people/:id/roles/:roleId/revoke': { as: 'admin', page: '/admin/people/:id' },
  '/admin/people/:id/disable': { as: 'admin', page: '/admin/people/:id' },
  '/admin/people/:id/enable': { as: 'admin', fields: [] },
  '/admin/people/:id/resend-invitation': { as: 'admin', fields: [] },
  '/admin/people/:id/reset-second-factor': { as: 'admin', fields: [] },
  '/invitation/:token': { as: 'anonymous', fields: ['password', 'passwordConfirm'] },
  '/admin/organisations/new': { as: 'admin' },
  '/admin/organisations/:id/edit': { as: 'admin' },
  '/admin/organisations/:id/disable': { as: 'admin', page: '/admin/organisations/:id' },
  '/admin/organisations/:id/enable': { as: 'admin', fields: [] },
  '/organisation/:id': { as: 'carrier' },
  '/organisation/:id/directory': { as: 'carrier' },
  '/admin/organisations/:id/directory': { as: 'admin' },
  '/funding/programmes/new': { as: 'admin' },
  '/funding/programmes/:id/edit': { as: 'officer' },
  '/funding/programmes/:id/calls/new': { as: 'officer' },
  '/funding/calls/:id/edit': { as: 'officer' },
  '/funding/calls/:id/translations/:locale': { as: 'officer' },
  '/calls/:id/apply': { as: 'carrier' },
  '/applications/:id/project': { as: 'carrier' },
  '/applications/:id/partners': { as: 'carrier' },
  '/applications/:id/partners/confirmations': { as: 'carrier', page: '/applications/:linked/partners' },
  '/partner-confirmation/:token': { as: 'anonymous' },
  '/applications/:id/workplan': { as: 'carrier' },
  '/applications/:id/plan': { as: 'carrier' },
  '/applications/:id/declarations': { as: 'carrier' },
  '/applications/:id/documents': { as: 'carrier' },
  '/applications/:id/submit': { as: 'carrier', page: '/applications/:id' },
  '/applications/:id/withdraw': { as: 'carrier', page: '/applications/:id' },
  '/reviews/topics': { as: 'reviewer', page: '/reviews' },
  '/reviews/:id/declaration': { as: 'reviewer', page: '/reviews/:id' },
  '/reviews/:id/scores': { as: 'reviewer', page: '/reviews/:declared' },
  '/funding/calls/:id/assign': { as: 'officer', page: '/funding/calls/:id/reviews' },
  '/funding/applications/:id/reviewers': { as: 'officer', page: '/funding/applications/:id', fields: ['reviewerId'] },
  '/funding/applications/:id/decision': { as: 'officer', page: '/funding/applications/:id' },
  // forms without fields, shown only beside a draft; posted blind they must still not fail
  '/funding/applications/:id/decision/cosign': { as: 'officer', fields: [] },
  '/funding/applications/:id/decision/issue': { as: 'officer', fields: [] },
  '/funding/applications/:id/return': {
    as: 'officer',
    page: '/funding/applications/:id',
    fields: ['returnReason', 'dueDate', 'dueTime'],
  },
  '/funding/applications/:id/invite': { as: 'officer', fields: ['deadline'] },
  '/grants/:id/payments': { as: 'carrier', page: '/grants/:id' },
  '/grants/:id/payments/:paymentId/decision': { as: 'officer', page: '/grants/:id' },
  '/grants/:id/payments/:paymentId/spent': { as: 'carrier', page: '/grants/:id' },
  '/grants/:id/changes/new/:kind': { as: 'carrier' },
  '/grants/:id/changes/:changeId/decision': { as: 'officer' },
  '/grants/:id/notifications': { as: 'carrier', page: '/grants/:id/notifications/new' },
  '/grants/:id/notifications/:notificationId/acknowledge': { as: 'officer', page: '/grants/:id/changes' },
  '/grants/:id/reports/:reportId/narrative': { as: 'carrier', page: '/grants/:id/reports/:reportId' },
  '/grants/:id/reports/:reportId/receipts': { as: 'carrier', page: '/grants/:id/reports/:reportId' },
  '/grants/:id/reports/:reportId/submit': { as: 'carrier', page: '/grants/:id/reports/:reportId' },
  '/grants/:id/reports/:reportId/review': { as: 'officer', fields: ['action', 'note'] },
  '/grants/:id/reclaims': { as: 'officer', page: '/grants/:id' },
  '/grants/:id/reclaims/:reclaimId/repayments': { as: 'officer', page: '/grants/:id/reclaims/:reclaimId' },
  '/grants/:id/reclaims/:reclaimId/notices': { as: 'officer', page: '/grants/:id/reclaims/:reclaimId' },
  '/grants/:id/withdrawal': { as: 'officer' },
  '/funding/money-back/rates': { as: 'officer', page: '/funding/money-back' },
  '/funding/money-back/account': { as: 'admin', page: '/funding/money-back' },
  '/funding/authority': { as: 'admin' },
  '/funding/applications/:id/notes': { as: 'officer', page: '/funding/applications/:id/history' },
  '/grants/:id/notes': { as: 'officer', page: '/grants/:id/history' },
  '/funding/calendar/feed': { as: 'officer', page: '/funding/calendar' },
  '/applications/:id/messages': { as: 'carrier' },
  '/grants/:id/messages': { as: 'carrier' },
  '/grants/:id/continuation': { as: 'carrier' },
  '/grants/:id/continuations/:continuationId/decision': { as: 'officer' },
  '/projects/:id/seminars': { as: 'carrier', page: '/projects/:id/seminars/new' },
  // shown only while the seminar is a draft; posted blind to an open one it must still not fail
  '/projects/:id/seminars/:sid/publish': { as: 'carrier', fields: [] },
  '/projects/:id/seminars/:sid/sessions/:sessionId/attendance': { as: 'carrier' },
  '/seminars/:sid': { as: 'anonymous' },
  '/projects/:id/consultations': { as: 'carrier', page: '/projects/:id/consultations/new' },
  '/projects/:id/consultations/:cid/follow-up-done': { as: 'carrier', page: '/projects/:id/consultations' },
  '/projects/:id/mentoring': { as: 'carrier' },
  '/projects/:id/mentoring/:rid/people': { as: 'carrier', page: '/projects/:id/mentoring/:rid' },
  '/projects/:id/mentoring/:rid/pairs': { as: 'carrier', page: '/projects/:id/mentoring/:rid' },
  '/projects/:id/mentoring/:rid/optimal': { as: 'carrier', page: '/projects/:id/mentoring/:rid' },
  // the last form of the phase: posted last would close the round for the ones above
  '/projects/:id/mentoring/:rid/finish': { as: 'carrier', fields: [] },
  '/registration/:token/cancel': { as: 'anonymous', page: '/registration/:token' },
  '/registration/:token/withdraw': { as: 'anonymous', page: '/registration/:token' },
};

/** POST routes this test does not send hostile bytes to, each with its reason. */
const skipped: Record<string, string> = {};

// ---- filling an address with the scene's ids ----

function idFor(path: string, name: string): string {
  const before = path.slice(0, path.indexOf(`:${name}`));
  const token = (): string => {
    if (before.includes('password-reset')) return ids.resetToken!;
    if (before.includes('confirm-email-change') || before.includes('cancel-email-change')) return ids.emailChangeToken!;
    if (before.includes('confirm-email')) return ids.confirmToken!;
    if (before.includes('invitation')) return ids.invitationToken!;
    if (before.includes('partner-confirmation')) return ids.partnerToken!;
    if (before.includes('/registration/')) return ids.registrationToken!;
    return 'no-such-token';
  };
  const id = (): string => {
    if (before.endsWith('/funding/applications/')) return ids.submitted!;
    // a draft has no thread yet: messages are written about a submitted application
    if (before.endsWith('/applications/') && path.includes('/messages')) return ids.submitted!;
    // a partner with a contact, so the page shows the forms that ask it
    if (before.endsWith('/applications/') && path.includes('/partners/confirmations')) return ids.linked!;
    if (before.endsWith('/applications/')) return ids.draft!;
    if (before.endsWith('/grants/') && path.includes('/continuations/')) return ids.yearlyGrant!;
    if (before.endsWith('/grants/') && path.endsWith('/continuation')) return ids.yearlyOpen!;
    if (before.endsWith('/grants/')) return path.endsWith('/withdrawal') ? ids.withdrawable! : ids.grant!;
    if (before.endsWith('/programmes/')) return ids.programme!;
    if (before.endsWith('/calls/')) return ids.call!;
    if (before.endsWith('/reviews/')) return ids.assignment!;
    if (before.endsWith('/people/')) return ids.victim!;
    if (before.endsWith('/projects/')) return ids.project!;
    if (before.endsWith('/organisations/')) return ids.organisation!;
    if (before.endsWith('/organisation/')) return ids.ownOrganisation!;
    return '00000000-0000-0000-0000-000000000000';
  };
  const byName: Record<string, () => string> = {
    id,
    declared: () => ids.declaredAssignment!,
    linked: () => ids.linked!,
    token,
    reportId: () => ids.report!,
    reclaimId: () => ids.reclaim!,
    paymentId: () => (path.endsWith('/spent') ? ids.paid! : ids.payment!),
    changeId: () => ids.change!,
    continuationId: () => ids.continuation!,
    notificationId: () => ids.notification!,
    roleId: () => ids.role!,
    kind: () => 'extension',
    locale: () => 'tr',
    slug: () => 'imprint',
    contentLang: () => 'de',
    version: () => '1',
    handle: () => 'no-such-session',
    documentId: () => '00000000-0000-0000-0000-000000000000',
    sid: () => ids.seminar!,
    sessionId: () => ids.session!,
    cid: () => ids.consultation!,
    rid: () => ids.round!,
  };
  return (byName[name] ?? (() => 'x'))();
}

const fill = (path: string) => path.replace(/:([A-Za-z]+)/g, (_, name: string) => idFor(path, name));
const withoutLang = (url: string) => url.replace(/^\/de(?=\/|$)/, '') || '/';

// ---- who the actors are: one session each, signed in again when a route ended it ----

const sessions = new Map<Actor, Client>();
async function actorClient(actor: Actor): Promise<Client> {
  if (actor === 'anonymous') return client(t);
  const known = sessions.get(actor);
  if (known && (await known.get('/de/account')).status === 200) return known;
  const fresh = await signedIn(t, emails[actor]);
  sessions.set(actor, fresh);
  return fresh;
}

// ---- the form a page really shows ----

interface Field {
  name: string;
  value: string;
  file: boolean;
}
interface FoundForm {
  action: string;
  fields: Field[];
  multipart: boolean;
}

function fieldsOf(form: HTMLElement): Field[] {
  const out: Field[] = [];
  for (const el of form.querySelectorAll('input[name], textarea[name], select[name]')) {
    const name = el.getAttribute('name') ?? '';
    if (name === '_csrf') continue;
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    const value =
      tag === 'textarea'
        ? el.text
        : tag === 'select'
          ? ((el.querySelector('option[selected]') ?? el.querySelector('option'))?.getAttribute('value') ?? '')
          : (el.getAttribute('value') ?? (type === 'checkbox' ? 'on' : ''));
    out.push({ name, value, file: type === 'file' });
  }
  return out;
}

async function findForm(c: Client, route: string, p: Plan): Promise<FoundForm | undefined> {
  const pattern = routePattern(`/de${route}`);
  const own = fill(route);
  const parents = [own, own.replace(/\/[^/]+$/, ''), own.replace(/\/[^/]+\/[^/]+$/, '')].filter(Boolean);
  const pages = [...(p.page ? [fill(p.page)] : []), ...parents];
  for (const page of pages) {
    const res = await c.get(`/de${page}`);
    if (res.status !== 200) continue;
    const forms = res.html
      .querySelectorAll('form')
      .filter((f) => pattern.test((f.getAttribute('action') ?? '').split('?')[0] ?? ''));
    const form = forms.find((f) => f.getAttribute('action') === `/de${own}`) ?? forms[0];
    if (form)
      return {
        action: form.getAttribute('action') ?? `/de${own}`,
        fields: fieldsOf(form),
        multipart: (form.getAttribute('enctype') ?? '').includes('multipart'),
      };
  }
  return undefined;
}

// ---- hostile values ----

const nasty = [
  '\u0000',
  'Name\u0000mit Null',
  '\ud800',
  'x\udc00y',
  '\ud83d',
  '\r\n',
  '/de/\r\nSet-Cookie: owned=1',
  '\u0001\u0002\u001b[31m',
  '\uffff',
  '\u202eevil',
  '2147483648',
  '99999999999999999999999999',
  '-1',
  '1e309',
  'NaN',
  '0x1F',
  '12.345.678,90',
  '31.02.2027',
  '0000-00-00',
  '//evil.example/',
  '../../etc/passwd',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '😀\u0301\u200d',
  'on',
  '',
];
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const hostileText = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...nasty) },
  { weight: 3, arbitrary: fc.string({ unit: codeUnit, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'ä'.repeat(n)) },
  { weight: 1, arbitrary: fc.oneof(fc.bigInt(), fc.double()).map(String) },
);
/** A value as bytes: usually the text in UTF-8 (lone surrogates become U+FFFD there), sometimes invalid UTF-8. */
const hostileBytes = fc.oneof(
  { weight: 4, arbitrary: hostileText.map((s) => Buffer.from(s, 'utf8')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Buffer.from([0xff]),
      Buffer.from([0xc0, 0x80]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from([0xf4, 0x90, 0x80, 0x80]),
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 32 }).map((a) => Buffer.from(a)) },
);

const encodings = ['form', 'form-bytes', 'raw-bytes', 'json', 'multipart', 'multipart-broken'] as const;
type Encoding = (typeof encodings)[number];

const pct = (b: Buffer) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('');
const boundary = 'hostile-boundary';

interface Case {
  encoding: Encoding;
  values: { keep: boolean; text: string; bytes: Buffer }[];
  extra: [string, string] | null;
  query: string | null;
  cut: number;
}

function body(c: Case, token: string, fields: Field[]): { payload: Buffer | string; type: string } {
  const entries: [string, string, Buffer, boolean][] = fields.map((f, i) => {
    const v = c.values[i % c.values.length]!;
    return [f.name, v.keep ? f.value : v.text, v.keep ? Buffer.from(f.value) : v.bytes, f.file];
  });
  if (c.extra) entries.push([c.extra[0], c.extra[1], Buffer.from(c.extra[1]), false]);
  switch (c.encoding) {
    case 'json': {
      const o: Record<string, string> = { _csrf: token };
      for (const [k, text] of entries) o[k] = text;
      return { payload: JSON.stringify(o), type: 'application/json' };
    }
    case 'form':
      return {
        payload: [
          `_csrf=${token}`,
          ...entries.map(([k, text]) => `${pct(Buffer.from(k))}=${pct(Buffer.from(text))}`),
        ].join('&'),
        type: 'application/x-www-form-urlencoded',
      };
    case 'form-bytes':
      return {
        payload: [`_csrf=${token}`, ...entries.map(([k, , bytes]) => `${pct(Buffer.from(k))}=${pct(bytes)}`)].join('&'),
        type: 'application/x-www-form-urlencoded',
      };
    case 'raw-bytes':
      return {
        payload: Buffer.concat([
          Buffer.from(`_csrf=${token}`),
          ...entries.map(([k, , bytes]) => Buffer.concat([Buffer.from(`&${pct(Buffer.from(k))}=`), bytes])),
        ]),
        type: 'application/x-www-form-urlencoded',
      };
    default: {
      const parts: Buffer[] = [
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
      ];
      for (const [k, , bytes, file] of entries) {
        const name = k.replace(/["\r\n]/g, '_');
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"` +
              (file
                ? `; filename="${bytes
                    .toString('latin1')
                    .replace(/["\r\n]/g, '_')
                    .slice(0, 40)}.pdf"`
                : '') +
              '\r\n\r\n',
          ),
          file ? Buffer.concat([Buffer.from('%PDF-1.4\n'), bytes]) : bytes,
          Buffer.from('\r\n'),
        );
      }
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      let all = Buffer.concat(parts);
      if (c.encoding === 'multipart-broken') all = all.subarray(0, c.cut % Math.max(1, all.length));
      return { payload: all, type: `multipart/form-data; boundary=${boundary}` };
    }
  }
}

const cases = fc.record({
  encoding: fc.constantFrom(...encodings),
  values: fc.array(fc.record({ keep: fc.boolean(), text: hostileText, bytes: hostileBytes }), {
    minLength: 1,
    maxLength: 12,
  }),
  extra: fc.option(fc.tuple(hostileText, hostileText), { nil: null }),
  query: fc.option(hostileText, { nil: null }),
  cut: fc.nat(),
});

const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const snippet = (s: string) => s.replace(/\s+/g, ' ').slice(0, 300);

describe('the bad bytes of issue 7 are answered with a 400 that names the field', () => {
  const badPage = /enthält Zeichen, die nicht erlaubt sind/;

  test('a NUL in a form field (registration, account, application title, feedback) is a 400 naming it', async () => {
    const anon = client(t);
    await anon.get('/de/register');
    const reg = await anon.post('/de/register', {
      name: 'Ada\u0000',
      email: 'neu@example.org',
      password: 'correct horse battery',
      passwordConfirm: 'correct horse battery',
      consent: 'on',
    });
    assert.equal(reg.status, 400);
    assert.match(reg.body, badPage);
    assert.match(reg.body, /„name“/);

    const pia = await signedIn(t, emails.participant);
    await pia.get('/de/account');
    const account = await pia.post('/de/account', { name: 'Pia\u0000', language: 'de' });
    assert.equal(account.status, 400);
    assert.match(account.body, /„name“/);

    const anna = await signedIn(t, people.carrier);
    await anna.get(`/de/applications/${ids.draft}/project`);
    const title = await anna.post(`/de/applications/${ids.draft}/project`, { title: 'Projekt\u0000' });
    assert.equal(title.status, 400);
    assert.match(title.body, /„title“/);

    await anon.get('/de/accessibility');
    const feedback = await anon.post('/de/accessibility/feedback', { message: 'Kontrast\u0000' });
    assert.equal(feedback.status, 400);
    assert.match(feedback.body, /„message“/);
  });

  test('a NUL in a review comment is a 400', async () => {
    const rita = await signedIn(t, emails.reviewer);
    const page = await rita.get(`/de/reviews/${ids.declaredAssignment}`);
    assert.equal(page.status, 200);
    const form = page.html.querySelectorAll('form').find((f) => (f.getAttribute('action') ?? '').endsWith('/scores'));
    assert.ok(form, 'the review page offers the scores form');
    const fields = Object.fromEntries(fieldsOf(form).map((f) => [f.name, f.value]));
    const comment = Object.keys(fields).find((k) => /comment/i.test(k));
    assert.ok(comment, `a comment field among ${Object.keys(fields)}`);
    const res = await rita.post(form.getAttribute('action')!, { ...fields, [comment]: 'gut\u0000' });
    assert.equal(res.status, 400);
    assert.match(res.body, new RegExp(`„${comment}“`));
  });

  test('a NUL in a receipts CSV cell is refused with the row, nothing imported', async () => {
    const anna = await signedIn(t, people.carrier);
    const url = `/de/grants/${ids.grant}/reports/${ids.report}`;
    await anna.get(url);
    const csv = 'Datum;Empfänger;Zweck;Betrag;Position\n01.02.2026;A\u0000B;Miete;500,00;Sachausgaben\n';
    const res = await upload(t, anna, `${url}/receipts`, {
      csv: { filename: 'belege.csv', content: csv, type: 'text/csv' },
    });
    assert.equal(res.status, 400);
    assert.match(res.body, /Zeile 2/);
    assert.match(res.body, /nicht erlaubt/);
    assert.equal((await t.db.select().from(receipts)).length, 0);
  });

  test('a hostile date beside an uploaded document is a 400 at its date field, the file not kept', async () => {
    const anna = await signedIn(t, people.carrier);
    const url = `/de/applications/${ids.draft}/documents`;
    const file = { filename: 'steuer.pdf', content: '%PDF-1.4\n', type: 'application/pdf' };
    for (const date of ['A\u0000B', '9999-99-99', '+275760-09-13', '2027-02-30', 'x'.repeat(5000), '2027-1-1']) {
      await anna.get(url);
      const res = await upload(t, anna, url, { 'document-d2': file }, { 'document-d2-date': date });
      assert.equal(res.status, 400, JSON.stringify(date.slice(0, 20)));
      assert.match(res.body, /document-d2-date/, 'the date field is named');
    }
    const [kept] = await t.db
      .select()
      .from(applicationDocuments)
      .where(eq(applicationDocuments.applicationId, ids.draft!));
    assert.equal(kept, undefined);
  });

  test('a NUL in the audit filter query is a 400', async () => {
    const ada = await signedIn(t, emails.admin);
    const res = await ada.get('/de/admin/audit?actor=%00');
    assert.equal(res.status, 400);
    assert.match(res.body, /„actor“/);
  });

  test('a lone surrogate in a JSON body is a 400 naming the field; JSON that is no form is a 400', async () => {
    const anon = client(t);
    await anon.get('/de/accessibility');
    const post = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/de/accessibility/feedback',
        payload,
        headers: { 'content-type': 'application/json', cookie: cookieHeader(anon) },
      });
    const lone = await post(`{"_csrf":"${anon.lastToken}","message":"Kontrast \\ud800 schwach"}`);
    assert.equal(lone.statusCode, 400);
    assert.match(lone.body, /„message“/);
    const nested = await post(`{"_csrf":"${anon.lastToken}","message":{"toString":"x"}}`);
    assert.equal(nested.statusCode, 400);
  });

  test('a version number above 2³¹ in the address is a 404, not a 500', async () => {
    const anna = await signedIn(t, people.carrier);
    for (const v of ['2147483648', '99999999999999999999', '0', '1.5'])
      assert.equal((await anna.get(`/de/applications/${ids.submitted}/versions/${v}.pdf`)).status, 404, v);
  });

  test('CR/LF in the next field of the sign-in falls back to the start page', async () => {
    const c = client(t);
    await c.get('/de/sign-in');
    const res = await c.post('/de/sign-in', {
      email: emails.participant,
      password: 'correct horse battery staple',
      next: '/de/account\r\nSet-Cookie: owned=1',
    });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/de/');
    assert.equal(res.headers['set-cookie']?.toString().includes('owned'), false);
  });
});

describe('hostile bytes at every route', () => {
  test('every POST route of the route table is planned here or skipped with a reason', () => {
    const posts = [
      ...new Set(
        t.app.routeTable.filter((r) => r.method === 'POST' && /^\/de\//.test(r.url)).map((r) => withoutLang(r.url)),
      ),
    ];
    const missing = posts.filter((r) => !plans[r] && !skipped[r]);
    assert.deepEqual(missing, [], 'add these routes to `plans` (who may send them, where the form is) or `skipped`');
    const gone = Object.keys(plans).filter((r) => !posts.includes(r));
    assert.deepEqual(gone, [], 'these planned routes no longer exist');
  });

  test('no POST route answers a hostile form with a 5xx', async () => {
    const withoutForm: string[] = [];
    for (const [route, p] of Object.entries(plans)) {
      if (skipped[route]) continue;
      const c = await actorClient(p.as);
      const found = await findForm(c, route, p);
      if (!found && !p.fields) withoutForm.push(`${route} (as ${p.as})`);
      const url = found?.action ?? `/de${fill(route)}`;
      const fields: Field[] = found?.fields ?? (p.fields ?? []).map((name) => ({ name, value: '', file: false }));
      if (!c.lastToken) await c.get(p.as === 'anonymous' ? '/de/sign-in' : '/de/account');
      const token = c.lastToken ?? '';
      await fc.assert(
        fc.asyncProperty(cases, async (k) => {
          const { payload, type } = body(k, token, fields);
          const target =
            k.query === null ? url : `${url}?next=${pct(Buffer.from(k.query))}&q=${pct(Buffer.from(k.query))}`;
          const res = await t.app.inject({
            method: 'POST',
            url: target,
            payload,
            headers: { 'content-type': type, cookie: cookieHeader(c) },
          });
          assert.ok(
            res.statusCode < 500,
            `POST ${route} as ${p.as} (${k.encoding}) answered ${res.statusCode}: ${snippet(res.body)}`,
          );
        }),
        // a few runs per route keep the whole walk near half a minute; each run mixes many values
        { numRuns: 6 },
      );
    }
    assert.deepEqual(withoutForm, [], 'no page showed these forms: give the plan a page or its fields');
  });

  test('no page answers a hostile address or query with a 5xx', async () => {
    const gets = [
      ...new Set(t.app.routeTable.filter((r) => r.method === 'GET' && /^\/de(\/|$)/.test(r.url)).map((r) => r.url)),
    ];
    const admin = await actorClient('admin');
    const carrier = await actorClient('carrier');
    const segment = fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: hostileBytes.map((b) => pct(b)) },
    );
    for (const route of gets) {
      const c = /^\/de\/(applications|grants|calls)/.test(route) ? carrier : admin;
      await fc.assert(
        fc.asyncProperty(
          segment,
          hostileBytes,
          fc.constantFrom('q', 'page', 'actor', 'next', 'token', 'from'),
          async (seg, q, key) => {
            const path = route.replace(/:([A-Za-z]+)/g, (_, name: string) => seg ?? idFor(route, name));
            const res = await t.app.inject({
              method: 'GET',
              url: `${path}?${key}=${pct(q)}`,
              headers: { cookie: cookieHeader(c) },
            });
            assert.ok(
              res.statusCode < 500,
              `GET ${route} → ${path}?${key}=… answered ${res.statusCode}: ${snippet(res.body)}`,
            );
          },
        ),
        { numRuns: 3 },
      );
    }
  });
});
