// The issuing authority in settings (core/content/settings), saved with its audit entry.
import type { Actor } from '../../../core/audit/audit';
import { recordAudit } from '../../../core/audit/audit';
import { getSetting, setSetting } from '../../../core/content/settings';
import type { Db } from '../../../core/db/client';
import { type Authority, authorityOrDefault } from './authority';

export const authorityKey = 'funding.authority';

export async function getAuthority(db: Db): Promise<Authority & { isDefault: boolean }> {
  return authorityOrDefault(await getSetting<Authority>(db, authorityKey));
}

export async function saveAuthority(db: Db, actor: Actor, authority: Authority): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getSetting<Authority>(tx, authorityKey);
    await setSetting(tx, authorityKey, authority);
    await recordAudit(tx, actor, {
      action: 'authority.saved',
      subjectKind: 'setting',
      subjectId: authorityKey,
      before: before ?? null,
      after: authority,
    });
  });
}
