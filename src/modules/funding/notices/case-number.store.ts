// Assigning an application its case number (Aktenzeichen): once, in the caller's transaction, at the
// first submission or at the latest when its first notice is issued, counted per programme and year.
import { and, eq, ilike, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/client';
import { berlinDate } from '../../../core/time/calendar';
import { applications, calls, caseCounters, programmes } from '../schema';
import { caseCodeOf, formatCaseNumber } from './case-number';

/**
 * The application's case number, assigned now if it has none: the next number of its programme in
 * the year of `now` (Berlin), formatted by the programme's pattern. Should a pattern changed in the
 * meantime give a number already taken, the count goes on until it is free. Call it in a transaction.
 */
export async function assignCaseNumber(tx: Db, applicationId: string, now: Date): Promise<string> {
  const [row] = await tx
    .select({ caseNumber: applications.caseNumber, programme: programmes })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(programmes, eq(programmes.id, calls.programmeId))
    .where(eq(applications.id, applicationId));
  if (!row) throw new Error(`no application ${applicationId}`);
  if (row.caseNumber) return row.caseNumber;
  const year = Number(berlinDate(now).slice(0, 4));
  for (;;) {
    const [counted] = await tx
      .insert(caseCounters)
      .values({ programmeId: row.programme.id, year, last: 1 })
      .onConflictDoUpdate({
        target: [caseCounters.programmeId, caseCounters.year],
        set: { last: sql`${caseCounters.last} + 1` },
      })
      .returning({ last: caseCounters.last });
    if (!counted) throw new Error('case counter returned nothing');
    const caseNumber = formatCaseNumber(row.programme.caseNumberPattern, {
      programme: caseCodeOf(row.programme),
      year,
      number: counted.last,
    });
    const [taken] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.caseNumber, caseNumber));
    if (taken) continue;
    await tx
      .update(applications)
      .set({ caseNumber })
      .where(and(eq(applications.id, applicationId), sql`${applications.caseNumber} is null`));
    return caseNumber;
  }
}

/** Applications whose case number contains the text (for the officers' search), at most `limit`. */
export async function findByCaseNumber(db: Db, text: string, limit = 20) {
  const q = text.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  if (!q) return [];
  return db
    .select({ id: applications.id, caseNumber: applications.caseNumber })
    .from(applications)
    .where(ilike(applications.caseNumber, `%${q}%`))
    .limit(limit);
}
