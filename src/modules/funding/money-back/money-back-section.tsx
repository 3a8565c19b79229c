// The grant page's part on money back, read here so the grant page's route adds one line: the
// grant's reclaims with what is owed today, the funder's account, and the officer's reclaim form.
import type { Db } from '../../../core/db/client';
import type { ViewContext } from '../../../core/ui/context';
import type { VisibleGrant } from '../grants/grant-access';
import { getPaymentAccount, listBaseRates, listReclaims } from './money-back.store';
import { reclaimBalance } from './money-back-rules';
import { MoneyBackSection } from './money-back-views';

export async function moneyBackOfGrant(db: Db, ctx: ViewContext, g: VisibleGrant, day: string) {
  const reclaims = await listReclaims(db, g.grant.id);
  if (reclaims.length === 0 && !g.asOfficer) return null;
  const [rates, account] = await Promise.all([listBaseRates(db), getPaymentAccount(db)]);
  const rows = reclaims.map((r) => ({ ...r, balance: reclaimBalance(r.reclaim, r.repayments, rates, day) }));
  return (
    <MoneyBackSection ctx={ctx} grant={g.grant} reclaims={rows} account={account} asOfficer={g.asOfficer} today={day} />
  );
}
