// Continuation applications (Fortsetzungsanträge) under a programme deciding one budget year at a
// time. The carrier files one for the next intended year (draft, then submitted: frozen with the
// spending so far); the officer approves it (in full or cut, with reasons) or rejects it. An approval
// makes the year decided: the year's plan replaces its part of the binding plan in a new plan
// version, and the notice (Bescheid über die Fortsetzung der Förderung) is rendered in the same
// transaction and kept in `files` with its sha-256. Each write is one transaction with its audit
// entry and its event (ADR 0011); the rules of continuation-rules.ts are checked again here.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { emit } from '../../../core/events/events';
import { readFile, storeFile } from '../../../core/files/files';
import { type FieldIssue, issue } from '../../../core/http/form';
import { translator } from '../../../core/i18n/i18n';
import { berlinDate } from '../../../core/time/calendar';
import { organisationNames } from '../../network/api';
import { rulesOf } from '../applications/application-rules';
import type { ContinuationDecided, ContinuationSubmitted } from '../events';
import { ledger } from '../grants/ledger';
import { noticeContext } from '../notices/notice-context';
import { listGrantReceipts } from '../reports/reports.store';
import {
  type ContinuationContent,
  continuations,
  decisions,
  grants,
  paymentRequests,
  planVersions,
  programmes,
} from '../schema';
import { continuationNoticePdf } from './continuation-notice-pdf';
import {
  type ContinuationDecisionInput,
  continuationDecision,
  continuationIssues,
  filingIssues,
  grantInYear,
  totalOfDecidedYears,
  withYearPlan,
  yearPlan,
} from './continuation-rules';

export type Continuation = typeof continuations.$inferSelect;

export async function listContinuations(db: Db, grantId: string): Promise<Continuation[]> {
  return db
    .select()
    .from(continuations)
    .where(eq(continuations.grantId, grantId))
    .orderBy(asc(continuations.budgetYear));
}

export async function getContinuation(db: Db, grantId: string, id: string): Promise<Continuation | undefined> {
  const [row] = await db
    .select()
    .from(continuations)
    .where(and(eq(continuations.grantId, grantId), eq(continuations.id, id)));
  return row;
}

export async function continuationOfYear(db: Db, grantId: string, year: number): Promise<Continuation | undefined> {
  const [row] = await db
    .select()
    .from(continuations)
    .where(and(eq(continuations.grantId, grantId), eq(continuations.budgetYear, year)));
  return row;
}

/** Spending so far, from the ledger's figures (what was paid out and the actual spent): frozen at submission. */
export async function spendingSoFar(db: Db, grant: { id: string; plan: ContinuationContent['plan'] }) {
  const payments = await db.select().from(paymentRequests).where(eq(paymentRequests.grantId, grant.id));
  const receipts = await listGrantReceipts(db, grant.id);
  const { rows } = ledger(grant.plan, payments, receipts);
  return {
    paidOutCents: rows.reduce((s, r) => s + r.drawnCents, 0),
    spentCents: rows.reduce((s, r) => s + r.spentCents, 0),
  };
}

/** What the form is prefilled with: the year's part of the binding plan, nothing reported yet. */
export function prefilled(plan: ContinuationContent['plan'], year: number): ContinuationContent {
  return { plan: yearPlan(plan, year), progress: '', milestonesReached: [], changesWished: '' };
}

async function lockGrant(tx: Db, grantId: string) {
  const [row] = await tx
    .select({ grant: grants, programme: programmes })
    .from(grants)
    .innerJoin(programmes, eq(programmes.id, grants.programmeId))
    .where(eq(grants.id, grantId))
    .for('update', { of: grants });
  return row;
}

export type SaveResult = { ok: true; id: string } | { ok: false; issues: FieldIssue[] };

/**
 * The carrier saves the continuation of a year as a draft, or submits it. Under the grant's lock:
 * the year must be the next intended one and open for filing today (Berlin day of `now`), an
 * application already submitted is not changed, and the content passes the same rules as the form.
 */
export async function saveContinuation(
  db: Db,
  actor: Actor,
  grantId: string,
  input: { year: number; content: ContinuationContent; submit: boolean },
  now: Date,
): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const row = await lockGrant(tx, grantId);
    if (!row) throw new Error('grant not found');
    const { grant, programme } = row;
    const today = berlinDate(now);
    const filing = filingIssues(input.year, { today, grant });
    if (filing.length) return { ok: false, issues: filing };
    const [existing] = await tx
      .select()
      .from(continuations)
      .where(and(eq(continuations.grantId, grantId), eq(continuations.budgetYear, input.year)))
      .for('update');
    if (existing && existing.status !== 'draft')
      return {
        ok: false,
        issues: [issue('continuation', 'funding:continuation.alreadySubmitted', { year: input.year })],
      };
    const issues = continuationIssues(
      { plan: input.content.plan, progress: input.content.progress, submit: input.submit },
      {
        year: input.year,
        intendedCents: grantInYear(grant.plan, input.year),
        binding: grant.plan,
        rules: rulesOf(programme),
        project: { start: grant.startDate, end: grant.endDate },
      },
    );
    if (issues.length) return { ok: false, issues };
    const content: ContinuationContent = input.submit
      ? { ...input.content, spending: await spendingSoFar(tx, grant) }
      : input.content;
    const submitted = input.submit
      ? { status: 'submitted', submitted: content, submittedAt: now, submittedBy: actor.id }
      : {};
    let id: string;
    if (existing) {
      await tx
        .update(continuations)
        .set({ content, updatedAt: now, ...submitted })
        .where(eq(continuations.id, existing.id));
      id = existing.id;
    } else {
      const [created] = await tx
        .insert(continuations)
        .values({
          grantId,
          budgetYear: input.year,
          content,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
          ...submitted,
        })
        .returning({ id: continuations.id });
      if (!created) throw new Error('continuation insert returned nothing');
      id = created.id;
    }
    await recordAudit(tx, actor, {
      action: input.submit ? 'continuation.submitted' : 'continuation.saved',
      subjectKind: 'grant',
      subjectId: grantId,
      after: { continuationId: id, year: input.year, content },
    });
    if (input.submit)
      await emit(
        tx,
        {
          name: 'continuation.submitted',
          payload: { grantId, continuationId: id, year: input.year },
        } satisfies ContinuationSubmitted,
        now,
      );
    return { ok: true, id };
  });
}

export type DecideResult = { ok: true } | { ok: false; problem: 'notOpen' } | { ok: false; issues: FieldIssue[] };

/**
 * The officer decides a submitted continuation. An approval checks the amount against what was
 * asked, intended and the cap, balances the year's plan with the first decision's rules, makes the
 * year decided in a new plan version (a cut lowers the grant's total) and issues the notice; a
 * rejection issues its notice too and leaves the year undecided, so nothing can be drawn for it.
 */
export async function decideContinuation(
  db: Db,
  actor: Actor,
  grantId: string,
  id: string,
  input: ContinuationDecisionInput,
  now: Date,
): Promise<DecideResult> {
  return db.transaction(async (tx) => {
    const row = await lockGrant(tx, grantId);
    const [c] = await tx
      .select()
      .from(continuations)
      .where(and(eq(continuations.id, id), eq(continuations.grantId, grantId)))
      .for('update');
    if (!row || c?.status !== 'submitted' || !c.submitted) return { ok: false, problem: 'notOpen' };
    const { grant, programme } = row;
    const year = c.budgetYear;
    const intendedCents = grantInYear(grant.plan, year);
    const checked = continuationDecision(input, {
      year,
      requested: c.submitted.plan,
      binding: grant.plan,
      rules: rulesOf(programme),
      project: { start: grant.startDate, end: grant.endDate },
    });
    if (checked.issues.length) return { ok: false, issues: checked.issues };
    const approved = input.action === 'approve' && checked.plan;
    const approvedCents = approved ? grantInYear(checked.plan ?? { grant: [] }, year) : null;
    let planVersion: number | undefined;
    let newPlan = grant.plan;
    if (approved && checked.plan) {
      newPlan = withYearPlan(grant.plan, year, checked.plan);
      planVersion = grant.planVersion + 1;
      await tx.insert(planVersions).values({
        grantId,
        version: planVersion,
        plan: newPlan,
        endDate: grant.endDate,
        partners: grant.partners,
        basis: 'decision',
        createdBy: actor.id,
      });
      await tx
        .update(grants)
        .set({
          plan: newPlan,
          planVersion,
          decidedYears: [...new Set([...(grant.decidedYears ?? []), year])].sort((a, b) => a - b),
          approvedTotalCents: grant.approvedTotalCents - (intendedCents - (approvedCents ?? 0)),
        })
        .where(eq(grants.id, grantId));
    }
    // a rejection ends the years to come: the grant's total keeps only what the decided years grant
    if (!approved)
      await tx
        .update(grants)
        .set({ approvedTotalCents: totalOfDecidedYears(grant) })
        .where(eq(grants.id, grantId));
    const status = approved ? 'approved' : 'rejected';
    await tx
      .update(continuations)
      .set({
        status,
        approvedCents,
        plan: approved ? checked.plan : null,
        reasons: input.reasons.trim(),
        decidedBy: actor.id,
        decidedAt: now,
        updatedAt: now,
      })
      .where(eq(continuations.id, id));
    const [decision] = await tx.select().from(decisions).where(eq(decisions.id, grant.decisionId));
    const notice = await noticeContext(tx, {
      applicationId: grant.applicationId,
      organisationId: grant.organisationId,
      officerId: actor.id,
      now,
    });
    const content = await continuationNoticePdf(translator('de'), {
      grant: { ...grant, plan: newPlan },
      programme,
      notice,
      decisionDate: decision?.decidedAt ?? grant.createdAt,
      continuation: {
        year,
        submittedAt: c.submittedAt ?? now,
        outcome: status,
        intendedCents,
        askedCents: grantInYear(c.submitted.plan, year),
        approvedCents: approvedCents ?? 0,
        reasons: input.reasons.trim(),
        decidedAt: now,
      },
    });
    const file = await storeFile(tx, {
      owner: 'funding',
      filename: continuationNoticeFilename(year),
      mimeType: 'application/pdf',
      content,
      createdBy: actor.id,
    });
    await tx.update(continuations).set({ documentFileId: file.id }).where(eq(continuations.id, id));
    await recordAudit(tx, actor, {
      action: `continuation.${status}`,
      subjectKind: 'grant',
      subjectId: grantId,
      before: { status: 'submitted', planVersion: grant.planVersion, decidedYears: grant.decidedYears },
      after: { continuationId: id, year, approvedCents, reasons: input.reasons.trim(), planVersion },
    });
    await emit(
      tx,
      {
        name: 'continuation.decided',
        payload: { grantId, continuationId: id, year, outcome: status },
      } satisfies ContinuationDecided,
      now,
    );
    return { ok: true };
  });
}

export const continuationNoticeFilename = (year: number) => `fortsetzungsbescheid-${year}.pdf`;

/** The notice of a decided continuation as issued: its stored bytes and sha-256. */
export async function continuationNotice(
  db: Db,
  grantId: string,
  id: string,
): Promise<{ content: Buffer; sha256: string; year: number } | undefined> {
  const c = await getContinuation(db, grantId, id);
  if (!c?.documentFileId) return undefined;
  const file = await readFile(db, c.documentFileId);
  return file ? { content: file.content, sha256: file.sha256, year: c.budgetYear } : undefined;
}

export interface WaitingContinuation {
  id: string;
  grantId: string;
  title: string;
  organisation: string;
  budgetYear: number;
  submittedAt: Date | null;
}

/** The submitted continuations of the officer's programmes (all for undefined), oldest first. */
export async function waitingContinuations(db: Db, programmeIds: string[] | undefined): Promise<WaitingContinuation[]> {
  if (programmeIds?.length === 0) return [];
  const rows = await db
    .select({
      id: continuations.id,
      grantId: continuations.grantId,
      title: grants.title,
      organisationId: grants.organisationId,
      budgetYear: continuations.budgetYear,
      submittedAt: continuations.submittedAt,
    })
    .from(continuations)
    .innerJoin(grants, eq(grants.id, continuations.grantId))
    .where(
      and(eq(continuations.status, 'submitted'), programmeIds ? inArray(grants.programmeId, programmeIds) : undefined),
    )
    .orderBy(asc(continuations.submittedAt), desc(continuations.id));
  const names = await organisationNames(db, [...new Set(rows.map((r) => r.organisationId))]);
  return rows.map(({ organisationId, ...r }) => ({ ...r, organisation: names.get(organisationId) ?? '' }));
}
