// The budget years of a grant decided one year at a time, for the grant page (grants.routes.tsx):
// which years are decided or intended, and the call to action for the next year's continuation.
import type { Db } from '../../../core/db/client';
import type { ViewContext } from '../../../core/ui/context';
import type { VisibleGrant } from '../grants/grant-access';
import { filingOpensOn, mayFile, nextContinuationYear } from './continuation-rules';
import { listContinuations } from './continuations.store';
import { ContinuationSection } from './continuations-views';

/**
 * The budget years on the grant page with the call to action for the next one; nothing for a grant
 * decided for its whole period at once.
 */
export async function continuationsOfGrant(db: Db, ctx: ViewContext, g: VisibleGrant, day: string) {
  if (g.grant.decidedYears === null) return null;
  const list = await listContinuations(db, g.grant.id);
  const year = nextContinuationYear(g.grant);
  const next =
    year === undefined
      ? undefined
      : {
          year,
          open: mayFile(year, { today: day, grant: g.grant }),
          opensOn: filingOpensOn(year),
          existing: list.find((c) => c.budgetYear === year),
        };
  return <ContinuationSection ctx={ctx} grant={g.grant} continuations={list} next={next} asCarrier={g.asCarrier} />;
}
