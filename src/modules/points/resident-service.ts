import { SYSTEM_ACTOR, dbContext } from '../../platform/actor.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { chinaDate } from '../../platform/time.js';
import type { ResidentPass } from '../cocreation/index.js';
import * as ledger from './ledger-store.js';
import { presentAccount, statementFor } from './ledger-service.js';
import type { ShopItem, Statement } from './points-schema.js';
import { presentItem } from './shop-service.js';
import * as shop from './shop-store.js';

// What a resident sees with their pass: the household's (or their own) statement and the village's shop.

/** The household's statement, or (`me`) the pass holder's own person account's — a volunteer's points. */
export async function myStatement(deps: Deps, pass: ResidentPass, month: string | undefined, whose: 'household' | 'me' = 'household'): Promise<Statement> {
  const m = month ?? chinaDate(deps.clock.now()).slice(0, 7);
  const own = whose === 'me';
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const account = await ledger.findHolderAccount(tx, own ? { residentId: pass.residentId } : { householdId: pass.householdId });
    if (!account) {
      const empty = {
        id: '',
        kind: own ? ('resident' as const) : ('household' as const),
        village_code: pass.villageCode,
        path: pass.householdPath,
        household_id: own ? null : pass.householdId,
        resident_id: own ? pass.residentId : null,
        name: pass.name,
      };
      return { account: presentAccount(empty, 0), month: m, opening: 0, earned: 0, spent: 0, closing: 0, entries: [] };
    }
    return statementFor(tx, account, m);
  });
}

export async function myItems(deps: Deps, pass: ResidentPass): Promise<ShopItem[]> {
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => (await shop.listItems(tx, pass.villageCode)).filter((i) => i.active).map(presentItem));
}
