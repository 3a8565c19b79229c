// Funding test data with sensible defaults: a programme, a call, organisations, people in their
// roles, applications in every state, grants, payments, review assignments. Everything goes through
// the store functions the pages use; each builder takes overrides for what a test cares about.
//
//   const f = funding(t);
//   const s = await f.scene();                               // programme, call, carriers A and B, two officers
//   const id = await f.application(s, { submit: true });     // a complete application of carrier A
//   const { grantId } = await f.grant(s);                    // … approved, with its grant and reports
import type { Actor } from '../../src/core/audit/audit';
import type { Db } from '../../src/core/db/client';
import { addDays, berlinDate } from '../../src/core/time/calendar';
import {
  blankContent,
  createDraft,
  getApplicationContext,
  putDocument,
  saveContent,
  submitApplication,
} from '../../src/modules/funding/applications/applications.store';
import {
  decideChange,
  type NotificationKind,
  reportNotification,
  requestChange,
} from '../../src/modules/funding/changes/changes.store';
import { decide } from '../../src/modules/funding/decisions/decisions.store';
import { decidePayment, getGrantContext, requestPayment } from '../../src/modules/funding/grants/grants.store';
import { nextHalfYear } from '../../src/modules/funding/money-back/interest-rules';
import { addBaseRate, listBaseRates } from '../../src/modules/funding/money-back/money-back.store';
import { recordConfirmations } from '../../src/modules/funding/partner-confirmations/partner-confirmations.store';
import {
  type CallInput,
  createCall,
  createProgramme,
  type ProgrammeInput,
} from '../../src/modules/funding/programmes/programmes.store';
import {
  assignReviewers,
  declare,
  listAssignmentsOfApplications,
} from '../../src/modules/funding/reviews/reviews.store';
import type { ApplicationContent, ChangePayload, RubricCriterion, StoredPlan } from '../../src/modules/funding/schema';
import { createOrganisation } from '../../src/modules/network/api';
import { type Client, client, makeUser, type TestApp } from './app';

export type { CallInput, ProgrammeInput };

/** The actor of set-up writes in the audit log. */
export const system: Actor = { id: null, label: 'test' };

/** E-mail addresses of the people `scene()` creates. */
export const people = {
  carrier: 'anna@carrier-a.example',
  foreignCarrier: 'ben@carrier-b.example',
  officer: 'olga@funder.example',
  foreignOfficer: 'otto@funder.example',
} as const;

/** A local deficit-financing programme: at most 90 % share and 50,000 € a year, two years, no budget set. */
export const programmeInput = (overrides: Partial<ProgrammeInput> = {}): ProgrammeInput => ({
  title: 'P',
  goals: '',
  financingType: 'deficit',
  maxShareBp: 9000,
  minOwnShareBp: 1000,
  maxGrantPerYearCents: 5_000_000,
  fixedAmountCents: null,
  maxDurationMonths: 24,
  scope: 'local',
  requiresMigrantOrganisation: false,
  cooperationForms: [],
  budgetPerYear: {},
  ...overrides,
});

/** A published one-stage call, open since 2026 until 2099, without questions, documents or rubric. */
export const callInput = (programmeId: string, overrides: Partial<CallInput> = {}): CallInput => ({
  programmeId,
  title: 'Aufruf',
  text: '',
  stages: 1,
  projectStartEarliest: null,
  projectEndLatest: null,
  opensAt: new Date('2026-01-01'),
  closesAt: new Date('2099-01-01'),
  eligibility: [],
  requiredDocuments: [],
  rubric: [],
  blindReview: false,
  published: true,
  ...overrides,
});

/** A rubric criterion with five plain anchors. */
export const criterion = (id: string, title: string, weight = 1): RubricCriterion => ({
  id,
  title,
  weight,
  anchors: ['schwach', 'mäßig', 'mittel', 'gut', 'sehr gut'],
});

/** A financing plan: per year one expense line (staff unless said) covered exactly by own funds and the grant. */
export function plan(...years: { year: number; grant: number; own: number; line?: string }[]): StoredPlan {
  return {
    expenses: years.map((y) => ({ line: y.line ?? 'staff', year: y.year, amountCents: y.grant + y.own })),
    ownFunds: years.map((y) => ({ year: y.year, amountCents: y.own })),
    thirdPartyFunds: [],
    grant: years.map((y) => ({ year: y.year, amountCents: y.grant })),
  };
}

/** Content that passes every submission check of the default programme and call: 2027, 9,000 € grant. */
export const content = (overrides: Partial<ApplicationContent> = {}): ApplicationContent => ({
  ...blankContent(),
  title: 'Projekt',
  summary: 'S',
  goals: 'G',
  targetGroups: 'T',
  region: 'Trier',
  startDate: '2027-01-01',
  endDate: '2027-12-31',
  plan: plan({ year: 2027, grant: 900_000, own: 100_000 }),
  milestones: [{ title: 'Start', due: '2027-02-01' }],
  declarations: { truthful: true, noDoubleFunding: true },
  ...overrides,
});

/** Where an application belongs: its call and the carrier organisation that applies. */
export interface Target {
  callId: string;
  organisationId: string;
}

export interface Scene {
  programmeId: string;
  callId: string;
  /** the applying carrier (staff: people.carrier) */
  organisationId: string;
  /** another carrier (staff: people.foreignCarrier) */
  otherOrganisationId: string;
  /** the programme people.foreignOfficer is responsible for */
  otherProgrammeId: string;
  /** the user ids of `people` */
  userIds: Record<keyof typeof people, string>;
}

export function funding(t: TestApp) {
  const db: Db = t.db;

  const f = {
    programme: (overrides: Partial<ProgrammeInput> = {}) => createProgramme(db, system, programmeInput(overrides)),
    call: (programmeId: string, overrides: Partial<CallInput> = {}) =>
      createCall(db, system, callInput(programmeId, overrides)),
    organisation: (name = 'Träger e. V.') => createOrganisation(db, system, { name, kind: 'carrier' }),

    carrier: (email: string, organisationId: string) =>
      makeUser(db, email, 'carrierStaff', { scopeKind: 'organisation', scopeId: organisationId }),
    officer: (email: string, programmeId: string) =>
      makeUser(db, email, 'programmeOfficer', { scopeKind: 'programme', scopeId: programmeId }),
    reviewer: (email: string) => makeUser(db, email, 'reviewer'),
    admin: (email: string) => makeUser(db, email, 'admin'),

    /**
     * The usual cast: a programme with an open call, carrier A (anna) and carrier B (ben), the
     * programme's officer (olga) and the officer of another programme (otto).
     */
    async scene(
      o: { programme?: Partial<ProgrammeInput>; call?: Partial<CallInput>; organisations?: [string, string] } = {},
    ): Promise<Scene> {
      const [nameA, nameB] = o.organisations ?? ['Träger A e. V.', 'Träger B e. V.'];
      const programmeId = await f.programme(o.programme);
      const otherProgrammeId = await f.programme({ title: 'Anderes Programm' });
      const callId = await f.call(programmeId, o.call);
      const organisationId = await f.organisation(nameA);
      const otherOrganisationId = await f.organisation(nameB);
      const userIds = {
        carrier: await f.carrier(people.carrier, organisationId),
        foreignCarrier: await f.carrier(people.foreignCarrier, otherOrganisationId),
        officer: await f.officer(people.officer, programmeId),
        foreignOfficer: await f.officer(people.foreignOfficer, otherProgrammeId),
      };
      return { programmeId, callId, organisationId, otherOrganisationId, otherProgrammeId, userIds };
    },

    /** An application with `content()` (overridable), a draft unless `submit`. */
    async application(
      to: Target,
      o: { content?: Partial<ApplicationContent>; stage?: 'outline' | 'full'; submit?: boolean } = {},
    ): Promise<string> {
      const id = await createDraft(db, system, {
        callId: to.callId,
        organisationId: to.organisationId,
        stage: o.stage ?? 'full',
        eligibilityAnswers: {},
      });
      await saveContent(db, system, id, content(o.content), t.deps.now());
      if (o.submit) await f.submit(id);
      return id;
    },

    /** Submits (the store's way); each partner has confirmed its current part first, as by its link. */
    async submit(applicationId: string): Promise<number> {
      await recordConfirmations(db, applicationId, t.deps.now());
      const version = await submitApplication(db, system, applicationId, { now: t.deps.now(), language: 'de' });
      if (typeof version !== 'number') throw new Error(`application ${applicationId} could not be submitted`);
      return version;
    },

    /** Approves a submitted application, by default with the grant it asked for; returns the grant's id. */
    async approve(
      applicationId: string,
      o: { amountsPerYear?: Record<string, number>; conditions?: string } = {},
    ): Promise<string> {
      const found = await getApplicationContext(db, applicationId);
      if (!found) throw new Error(`no application ${applicationId}`);
      const asked = Object.fromEntries(
        found.application.content.plan.grant.map((g) => [String(g.year), g.amountCents]),
      );
      const result = await decide(
        db,
        system,
        {
          applicationId,
          outcome: 'approved',
          amountsPerYear: o.amountsPerYear ?? asked,
          conditions: o.conditions ?? '',
          reasons: '',
        },
        t.deps.now(),
      );
      if (!result?.grantId) throw new Error(`application ${applicationId} could not be approved`);
      return result.grantId;
    },

    /** A submitted and approved application with its grant (and, with it, its reports). */
    async grant(
      to: Target,
      o: { content?: Partial<ApplicationContent>; amountsPerYear?: Record<string, number> } = {},
    ): Promise<{ applicationId: string; grantId: string }> {
      const applicationId = await f.application(to, { content: o.content, submit: true });
      return { applicationId, grantId: await f.approve(applicationId, o) };
    },

    /**
     * A payment request of 100 € (or `cents`) for the grant's first year (or `year`), due in ten
     * days, optionally decided at once (and then paid today).
     */
    async payment(
      grantId: string,
      o: { year?: number; cents?: number; decision?: 'approved' | 'rejected' } = {},
    ): Promise<string> {
      const now = t.deps.now();
      const today = berlinDate(now);
      const cents = o.cents ?? 10_000;
      const year = o.year ?? (await getGrantContext(db, grantId))?.grant.plan.grant[0]?.year;
      if (!year) throw new Error(`no grant ${grantId} with a grant year`);
      const result = await requestPayment(
        db,
        system,
        grantId,
        {
          year,
          line: 'staff',
          requestedCents: cents,
          dueOn: addDays(today, 10),
          purpose: 'Gehälter',
        },
        now,
      );
      if (!result.ok) throw new Error(`payment request refused: ${JSON.stringify(result.issues)}`);
      if (o.decision)
        await decidePayment(
          db,
          system,
          result.id,
          { status: o.decision, approvedCents: o.decision === 'approved' ? cents : 0 },
          now,
        );
      return result.id;
    },

    /**
     * A change request on a grant, by default new partners (one partner, which waits for the
     * officer); with `decision` the officer has decided it. Returns the change request's id.
     */
    async change(
      grantId: string,
      o: { payload?: ChangePayload; reason?: string; decision?: 'approved' | 'rejected' } = {},
    ): Promise<string> {
      const payload: ChangePayload = o.payload ?? {
        kind: 'partners',
        partners: [{ name: 'Neuer Partner', isMigrantOrganisation: true, role: '', tasks: '', budgetShareBp: 0 }],
      };
      const result = await requestChange(db, system, grantId, payload, o.reason ?? 'Begründung', t.deps.now());
      if (!result.ok) throw new Error(`change refused: ${JSON.stringify(result.issues)}`);
      if (o.decision) {
        const decided = await decideChange(
          db,
          system,
          grantId,
          result.id,
          { approve: o.decision === 'approved', note: o.decision === 'rejected' ? 'Nein' : '' },
          t.deps.now(),
        );
        if (!decided.ok) throw new Error(`change not decided: ${JSON.stringify(decided)}`);
      }
      return result.id;
    },

    /** A notification the carrier reports on a grant (kind "other", today). Returns its id. */
    notification: (grantId: string, o: { kind?: NotificationKind; occurredOn?: string; description?: string } = {}) =>
      reportNotification(
        db,
        system,
        grantId,
        {
          kind: o.kind ?? 'other',
          occurredOn: o.occurredOn ?? berlinDate(t.deps.now()),
          description: o.description ?? 'Umzug der Geschäftsstelle',
        },
        t.deps.now(),
      ),

    /** Assigns a reviewer; with `declaration` the reviewer has declared already. Returns the assignment's id. */
    async assignment(applicationId: string, reviewerId: string, declaration?: 'none' | 'conflict'): Promise<string> {
      await assignReviewers(db, system, [{ applicationId, reviewerId }]);
      const a = (await listAssignmentsOfApplications(db, [applicationId])).find((x) => x.reviewerId === reviewerId);
      if (!a) throw new Error('assignment not stored');
      if (declaration)
        await declare(
          db,
          { id: reviewerId, label: 'reviewer' },
          a.id,
          declaration,
          declaration === 'conflict' ? 'x' : '',
          t.deps.now(),
        );
      return a.id;
    },

    /** Stores an uploaded document for a required document of the call. */
    async document(
      applicationId: string,
      requiredDocumentId: string,
      filename = 'satzung.pdf',
      dates: { validUntil?: string; issuedOn?: string } = {},
    ): Promise<void> {
      await putDocument(db, system, applicationId, {
        requiredDocumentId,
        filename,
        ...dates,
        mimeType: 'application/pdf',
        content: Buffer.from('%PDF-1.4\n% test\n'),
      });
    },
  };
  return f;
}

/** A client signed in as `email`. */
export async function signedIn(t: TestApp, email: string): Promise<Client> {
  const c = client(t);
  const res = await c.signIn(email);
  if (res.status !== 303) throw new Error(`sign-in of ${email} answered ${res.status}`);
  return c;
}

const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** A GET with the client's cookies that keeps the raw bytes (PDFs, downloads). */
export const getRaw = (t: TestApp, c: Client, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(c) } });

/**
 * A multipart form post as a browser sends it, with the client's last CSRF token unless `_csrf`
 * is among the fields. Files are `{ filename, content, type }`.
 */
export async function upload(
  t: TestApp,
  c: Client,
  url: string,
  files: Record<string, { filename: string; content: Buffer | string; type?: string }>,
  fields: Record<string, string> = {},
) {
  const boundary = '----mp-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: c.lastToken ?? '', ...fields }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const res = await t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookieHeader(c) },
  });
  return {
    status: res.statusCode,
    location: typeof res.headers.location === 'string' ? res.headers.location : undefined,
    body: res.body,
  };
}

/** The text of a PDF's pages (all, or the first `pages`), joined by spaces. */
export async function pdfText(bytes: Buffer, pages = Number.POSITIVE_INFINITY): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes) }).promise;
  let text = '';
  for (let i = 1; i <= Math.min(doc.numPages, pages); i++) {
    const page = await (await doc.getPage(i)).getTextContent();
    text += `${page.items.map((x) => ('str' in x ? x.str : '')).join(' ')} `;
  }
  return text;
}

/**
 * The base rate table kept up to today, as an officer keeps it: the seed ends where the published
 * rates we could check end, so tests that need an interest notice carry the last rate on (a test value).
 */
export async function baseRatesUpToToday(db: Db, today: string): Promise<void> {
  for (let rates = await listBaseRates(db); (nextHalfYear(rates) ?? '9999') <= today; rates = await listBaseRates(db)) {
    const added = await addBaseRate(db, system, { validFrom: nextHalfYear(rates)!, rateBp: rates.at(-1)!.rateBp });
    if (!added.ok) throw new Error(JSON.stringify(added.issues));
  }
}

/**
 * A reclaim as an officer recorded it, written past the checks of what was paid out: for fixtures
 * that need a reclaim on a grant and pay nothing first (money-back tests use recordReclaim).
 */
export async function reclaimAsRecorded(
  t: TestApp,
  grantId: string,
  input: { amountCents: number; reason: string; effectiveOn: string; dueOn: string },
) {
  const { insertReclaim } = await import('../../src/modules/funding/money-back/money-back.store');
  return {
    ok: true as const,
    value: await t.db.transaction((tx) => insertReclaim(tx, system, grantId, input, t.deps.now())),
  };
}
