// What every notice needs besides its own subject, read in the issuing transaction: the issuing
// authority as it stands now, the application's case number (assigned now at the latest), the
// recipient's name and address from the network module, and the name of the officer who signs.
import { eq } from 'drizzle-orm';
import { findUserById } from '../../../core/auth/users';
import type { Db } from '../../../core/db/client';
import { getOrganisation } from '../../network/api';
import { applications } from '../schema';
import type { Authority } from './authority';
import { getAuthority } from './authority.store';
import { assignCaseNumber } from './case-number.store';
import { type Recipient, recipientOf } from './notice-parts';

export interface NoticeContext {
  authority: Authority;
  caseNumber: string;
  recipient: Recipient;
  officerName: string;
}

/** Shown in a draft's preview while the application has no case number yet. */
export const caseNumberPending = '(wird mit dem Bescheid vergeben)';

export async function noticeContext(
  tx: Db,
  o: { applicationId: string; organisationId: string; officerId: string | null; now: Date; preview?: boolean },
): Promise<NoticeContext> {
  // one after the other: a transaction has one connection
  const authority = await getAuthority(tx);
  const org = await getOrganisation(tx, o.organisationId);
  const officer = o.officerId ? await findUserById(tx, o.officerId) : undefined;
  const caseNumber = o.preview
    ? await existingCaseNumber(tx, o.applicationId)
    : await assignCaseNumber(tx, o.applicationId, o.now);
  return { authority, caseNumber, recipient: recipientOf(org), officerName: officer?.name ?? '' };
}

async function existingCaseNumber(tx: Db, applicationId: string): Promise<string> {
  const [row] = await tx
    .select({ c: applications.caseNumber })
    .from(applications)
    .where(eq(applications.id, applicationId));
  return row?.c ?? caseNumberPending;
}
