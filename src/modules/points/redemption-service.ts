import { uuidv7 } from 'uuidv7';
import { SYSTEM_ACTOR, dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, duplicateAs, invalidField, notFound } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { residentActor, type ResidentPass } from '../cocreation/index.js';
import * as ledger from './ledger-store.js';
import { villageIn } from './ledger-service.js';
import type { CancelRedemptionBody, RedemptionQuery, RedemptionRecord } from './points-schema.js';
import { authorize, inScope } from './policy.js';
import * as store from './redemption-store.js';
import * as shop from './shop-store.js';

// The end of a redemption (爱心超市): a cadre hands the items over (交付), or cancels it (撤销兑换)
// with a reason while it still waits — at the counter when the household changes its mind, or to
// reverse a redemption made in error. The rule (docs/POINTS.md): a redemption ends exactly once;
// once handed over it cannot be cancelled (the items have left the shop — if they come back, the
// cadre restocks and adjusts, each with a reason), and a cancelled one cannot be cancelled again or
// handed over. The resident may cancel their household's own phone redemption before collection.
// A cancellation deletes nothing: a reversing entry pays the points back from the
// village's shop account, a restock row puts the items back on the shelf, and the closure row keeps
// the reason. Two cadres pressing at once: the closure's primary key lets the first in.

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const presentRedemption = (r: store.RedemptionRow): RedemptionRecord => ({
  id: r.id,
  itemId: r.item_id,
  itemName: r.item_name,
  quantity: r.quantity,
  points: r.points,
  channel: r.channel,
  holderName: r.holder_name,
  householdId: r.household_id,
  residentId: r.resident_id,
  createdAt: iso(r.created_at)!,
  actorName: r.actor_name,
  status: r.closure === 'cancel' ? 'cancelled' : r.closure === 'handover' ? 'handed_over' : 'waiting',
  closedAt: iso(r.closed_at),
  closedBy: r.closed_by,
  reason: r.reason,
});

export async function listRedemptions(deps: Deps, actor: Actor, q: RedemptionQuery): Promise<RedemptionRecord[]> {
  authorize(actor, 'points.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await villageIn(tx, actor, q.villageCode);
    return (await store.listRedemptions(tx, village.code, q.status, q.limit)).map(presentRedemption);
  });
}

/** A waiting redemption in the actor's scope; a closed one is refused, naming the field and what happened. */
async function waitingRedemption(tx: Tx, actor: Actor, id: string, doing: '撤销' | '交付'): Promise<store.RedemptionRow> {
  const r = await store.findRedemption(tx, id);
  if (!r || !inScope(actor, r.path)) throw notFound('兑换记录', id);
  if (r.closure) {
    const when = chinaDate(new Date(r.closed_at!));
    const message =
      r.closure === 'cancel'
        ? `该兑换已于 ${when} 由${r.closed_by}撤销，不能再${doing}`
        : doing === '撤销'
          ? `该兑换已于 ${when} 交付，商品已领走，不能撤销；如商品退回，请补货并调整积分（均须写明理由）`
          : `该兑换已于 ${when} 交付`;
    throw new AppError('CONFLICT', `redemptionId: ${message}`, {
      field: 'redemptionId',
      reason: message,
      status: r.closure === 'cancel' ? 'cancelled' : 'handed_over',
    });
  }
  return r;
}

const closedTwice = (err: unknown) => duplicateAs(err, 'redemptionId', '该兑换刚被他人交付或撤销，请刷新后再看');

/** The writes of a cancellation (see the top): closure, reversing entry, stock back, audit. */
async function cancelIn(tx: Tx, deps: Deps, actor: Actor, r: store.RedemptionRow, reason: string): Promise<RedemptionRecord> {
  const now = deps.clock.now();
  await store.insertClosure(tx, {
    redemption_id: r.id,
    path: r.path,
    kind: 'cancel',
    reason,
    created_by: actor.userId,
    actor_name: actor.displayName,
    created_at: now,
  });
  const village = await ledger.findRegion(tx, r.village_code);
  const house = await ledger.ensureAccount(tx, { id: uuidv7(), kind: 'shop', village_code: r.village_code, path: village!.path, now });
  await ledger.insertEntry(tx, {
    id: uuidv7(),
    village_code: r.village_code,
    path: r.path,
    account_id: r.account_id,
    debit_account: house,
    credit_account: r.account_id,
    amount: r.points,
    kind: 'cancellation',
    reason,
    redemption_id: r.id,
    booked_on: chinaDate(now),
    created_by: actor.userId,
    actor_name: actor.displayName,
    created_at: now,
  });
  const stock = await shop.moveStock(tx, r.item_id, r.quantity, now);
  await shop.insertRestock(tx, {
    id: uuidv7(),
    item_id: r.item_id,
    path: village!.path,
    quantity: r.quantity,
    reason: `撤销兑换：${reason}`.slice(0, 200),
    created_by: actor.userId,
    created_at: now,
  });
  const after = presentRedemption((await store.findRedemption(tx, r.id))!);
  await appendAudit(tx, deps.clock, actor, {
    action: 'points.redemption.cancel',
    targetType: 'points_redemption',
    targetId: r.id,
    before: { status: 'waiting' },
    after: {
      status: after.status,
      reason,
      points: r.points,
      quantity: r.quantity,
      accountId: r.account_id,
      stock,
      balance: await ledger.balanceOf(tx, r.account_id),
    },
  });
  return after;
}

/** Cancels a waiting redemption with a reason: the points and the items go back. */
export async function cancelRedemption(deps: Deps, actor: Actor, id: string, body: CancelRedemptionBody): Promise<RedemptionRecord> {
  authorize(actor, 'points.edit');
  const reason = body.reason.trim();
  if (reason.length < 2) throw invalidField('reason', '撤销兑换必须写明理由（至少 2 个字）');
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => cancelIn(tx, deps, actor, await waitingRedemption(tx, actor, id, '撤销'), reason));
  } catch (err) {
    throw closedTwice(err);
  }
}

/** The household's redemptions, newest first, for the resident's phone (what is waiting to be collected). */
export async function myRedemptions(deps: Deps, pass: ResidentPass): Promise<RedemptionRecord[]> {
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const account = await ledger.findHolderAccount(tx, { householdId: pass.householdId });
    return account ? (await store.redemptionsOfAccount(tx, account.id, 20)).map(presentRedemption) : [];
  });
}

/**
 * The resident cancels their household's own phone redemption before collection (an adult, as for
 * redeeming); a counter redemption is cancelled at the counter. Audited as the resident.
 */
export async function cancelAsResident(deps: Deps, pass: ResidentPass, id: string, clientIp: string | null): Promise<RedemptionRecord> {
  if (!pass.adult) throw invalidField('pass', '未满十八周岁的居民不能代表本户取消兑换');
  const actor = residentActor(pass, clientIp);
  try {
    return await withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
      const own = await store.findRedemption(tx, id);
      if (!own || own.household_id !== pass.householdId || own.village_code !== pass.villageCode) throw notFound('兑换记录', id);
      if (own.channel !== 'resident' && !own.closure) throw invalidField('redemptionId', '柜台兑换请到村爱心超市由工作人员撤销');
      return cancelIn(tx, deps, actor, await waitingRedemption(tx, SYSTEM_ACTOR, id, '撤销'), '居民在手机上取消兑换');
    });
  } catch (err) {
    throw closedTwice(err);
  }
}

/** Records that the items were handed over; from then on the redemption cannot be cancelled. */
export async function handOverRedemption(deps: Deps, actor: Actor, id: string): Promise<RedemptionRecord> {
  authorize(actor, 'points.edit');
  const now = deps.clock.now();
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const r = await waitingRedemption(tx, actor, id, '交付');
      await store.insertClosure(tx, {
        redemption_id: id,
        path: r.path,
        kind: 'handover',
        created_by: actor.userId,
        actor_name: actor.displayName,
        created_at: now,
      });
      const after = presentRedemption((await store.findRedemption(tx, id))!);
      await appendAudit(tx, deps.clock, actor, {
        action: 'points.redemption.handover',
        targetType: 'points_redemption',
        targetId: id,
        before: { status: 'waiting' },
        after: { status: after.status },
      });
      return after;
    });
  } catch (err) {
    throw closedTwice(err);
  }
}
