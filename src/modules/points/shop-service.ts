import { uuidv7 } from 'uuidv7';
import { SYSTEM_ACTOR, dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { residentActor, type ResidentPass } from '../cocreation/index.js';
import * as ledger from './ledger-store.js';
import { insufficient, openAccounts, villageIn } from './ledger-service.js';
import type { CreateItemBody, RedeemBody, Redemption, RestockBody, ShopItem, UpdateItemBody } from './points-schema.js';
import { authorize, inScope } from './policy.js';
import * as store from './shop-store.js';

// The points shop (爱心超市 / 积分超市): items with a price in points and stock on the shelf;
// redemption at the counter (a cadre for a household) or by the resident with their pass.
//
// A redemption is one short transaction that can neither oversell nor overdraw:
//   1. a conditional UPDATE takes the quantity off the shelf only if it is there (the item's row
//      stays locked until commit, so concurrent redemptions of one item queue here);
//   2. the member account's row is locked (FOR UPDATE) and its balance summed from the entries —
//      under READ COMMITTED the sum is read after the lock is granted, so it includes every
//      earlier redemption that committed;
//   3. too few points: the refusal rolls the whole transaction back, stock included;
//   4. otherwise one entry moves the points from the account to the village's shop account.
// Locks are always taken item first, then account, so two redemptions never wait on each other
// in a cycle.

export const presentItem = (r: store.ItemRow): ShopItem => ({
  id: r.id,
  villageCode: r.village_code,
  name: r.name,
  price: r.price,
  stock: r.stock,
  active: r.active,
});

export async function listShopItems(deps: Deps, actor: Actor, villageCode: string): Promise<ShopItem[]> {
  authorize(actor, 'points.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await villageIn(tx, actor, villageCode);
    return (await store.listItems(tx, village.code)).map(presentItem);
  });
}

export async function createShopItem(deps: Deps, actor: Actor, body: CreateItemBody): Promise<ShopItem> {
  authorize(actor, 'points.edit');
  const now = deps.clock.now();
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const village = await villageIn(tx, actor, body.villageCode);
      const id = uuidv7();
      await store.insertItem(tx, {
        id,
        village_code: village.code,
        path: village.path,
        name: body.name.trim(),
        price: body.price,
        stock: body.stock,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      if (body.stock > 0) {
        await store.insertRestock(tx, {
          id: uuidv7(),
          item_id: id,
          path: village.path,
          quantity: body.stock,
          reason: '上架',
          created_by: actor.userId,
          created_at: now,
        });
      }
      const saved = presentItem((await store.findItem(tx, id))!);
      await appendAudit(tx, deps.clock, actor, { action: 'points.item.create', targetType: 'points_shop_item', targetId: id, after: saved });
      return saved;
    });
  } catch (err) {
    throw duplicateAs(err, 'name', '本村（社区）爱心超市已有同名商品');
  }
}

async function itemInScope(tx: Tx, actor: Actor, id: string): Promise<store.ItemRow> {
  const item = await store.findItem(tx, id);
  if (!item || !inScope(actor, item.path)) throw notFound('商品', id);
  return item;
}

/** Renames, re-prices or withdraws an item. The stock changes only by restock and redemption. */
export async function updateShopItem(deps: Deps, actor: Actor, id: string, body: UpdateItemBody): Promise<ShopItem> {
  authorize(actor, 'points.edit');
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const before = presentItem(await itemInScope(tx, actor, id));
      await store.updateItem(tx, id, { name: body.name?.trim(), price: body.price, active: body.active, updated_at: deps.clock.now() });
      const after = presentItem((await store.findItem(tx, id))!);
      await appendAudit(tx, deps.clock, actor, { action: 'points.item.update', targetType: 'points_shop_item', targetId: id, before, after });
      return after;
    });
  } catch (err) {
    throw duplicateAs(err, 'name', '本村（社区）爱心超市已有同名商品');
  }
}

/** Puts stock on the shelf (quantity > 0) or writes it off (quantity < 0), with a reason. */
export async function restockShopItem(deps: Deps, actor: Actor, id: string, body: RestockBody): Promise<ShopItem> {
  authorize(actor, 'points.edit');
  if (body.quantity === 0) throw invalidField('quantity', '数量不能为 0（补货为正，报损为负）');
  const reason = body.reason.trim();
  if (!reason) throw invalidField('reason', '请写明补货或报损的原因');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const item = await itemInScope(tx, actor, id);
    const stock = await store.moveStock(tx, id, body.quantity, now);
    if (stock === undefined)
      throw new AppError('OUT_OF_STOCK', `quantity: 报损数量超过库存（现有 ${item.stock} 件）`, { field: 'quantity', stock: item.stock });
    await store.insertRestock(tx, { id: uuidv7(), item_id: id, path: item.path, quantity: body.quantity, reason, created_by: actor.userId, created_at: now });
    const after = presentItem((await store.findItem(tx, id))!);
    await appendAudit(tx, deps.clock, actor, {
      action: 'points.item.restock',
      targetType: 'points_shop_item',
      targetId: id,
      before: { stock: item.stock },
      after: { stock: after.stock, quantity: body.quantity, reason },
    });
    return after;
  });
}

interface RedeemParams {
  itemId: string;
  quantity: number;
  holder: { kind: 'household' | 'resident'; row: ledger.HolderRow };
  channel: 'counter' | 'resident';
  actor: Actor;
}

/** The one transaction of a redemption (see the comment at the top). */
async function redeemIn(tx: Tx, deps: Deps, p: RedeemParams): Promise<Redemption> {
  const now = deps.clock.now();
  const item = await store.findItem(tx, p.itemId);
  if (!item || item.village_code !== p.holder.row.village_code) throw invalidField('itemId', '商品不存在或不是本村（社区）爱心超市的商品');
  if (!item.active) throw invalidField('itemId', `“${item.name}”已下架`);
  const taken = await store.takeStock(tx, item.id, p.quantity);
  if (!taken) {
    const left = (await store.findItem(tx, item.id))!.stock;
    throw new AppError('OUT_OF_STOCK', `stock: “${item.name}”库存不足（剩 ${left} 件，要兑换 ${p.quantity} 件）`, {
      field: 'stock',
      itemId: item.id,
      stock: left,
    });
  }
  const cost = taken.price * p.quantity;
  const accounts = await openAccounts(tx, p.holder.kind, p.holder.row, 'shop', now);
  await ledger.lockAccount(tx, accounts.member);
  const balance = await ledger.balanceOf(tx, accounts.member);
  if (balance < cost) {
    throw insufficient('points', `积分不足：需要 ${cost} 分，现有 ${balance} 分`, { balance, cost });
  }
  const id = uuidv7();
  await store.insertRedemption(tx, {
    id,
    item_id: item.id,
    account_id: accounts.member,
    path: p.holder.row.path,
    quantity: p.quantity,
    points: cost,
    channel: p.channel,
    created_by: p.actor.userId,
    actor_name: p.actor.displayName,
    created_at: now,
  });
  const entryId = uuidv7();
  await ledger.insertEntry(tx, {
    id: entryId,
    village_code: p.holder.row.village_code,
    path: p.holder.row.path,
    account_id: accounts.member,
    debit_account: accounts.member,
    credit_account: accounts.house,
    amount: cost,
    kind: 'redemption',
    redemption_id: id,
    booked_on: chinaDate(now),
    created_by: p.actor.userId,
    actor_name: p.actor.displayName,
    created_at: now,
  });
  const saved: Redemption = {
    id,
    itemId: item.id,
    itemName: taken.name,
    quantity: p.quantity,
    points: cost,
    channel: p.channel,
    balance: balance - cost,
    stock: taken.stock,
  };
  await appendAudit(tx, deps.clock, p.actor, {
    action: 'points.redeem',
    targetType: 'points_redemption',
    targetId: id,
    after: { ...saved, accountId: accounts.member },
  });
  return saved;
}

/** At the shop counter: a cadre redeems an item for a household (or a volunteer's own account). */
export async function redeemAtCounter(deps: Deps, actor: Actor, body: RedeemBody): Promise<Redemption> {
  authorize(actor, 'points.edit');
  if (!!body.householdId === !!body.residentId) throw invalidField('householdId', '请指定一户（householdId）或一名居民（residentId），二者选一');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const field = body.householdId ? 'householdId' : 'residentId';
    const row = body.householdId ? await ledger.findHousehold(tx, body.householdId) : await ledger.findResident(tx, body.residentId!);
    if (!row || !inScope(actor, row.path)) throw outOfScope(field, '户或居民不存在或不在您的管理范围内');
    return redeemIn(tx, deps, {
      itemId: body.itemId,
      quantity: body.quantity,
      holder: { kind: body.householdId ? 'household' : 'resident', row },
      channel: 'counter',
      actor,
    });
  });
}

/** The resident with their pass redeems for their own household; audited as the resident. */
export async function redeemAsResident(
  deps: Deps,
  pass: ResidentPass,
  body: { itemId: string; quantity: number },
  clientIp: string | null,
): Promise<Redemption> {
  if (!pass.adult) throw invalidField('pass', '未满十八周岁的居民不能代表本户兑换');
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const row = await ledger.findHousehold(tx, pass.householdId);
    if (!row || row.village_code !== pass.villageCode) throw invalidField('pass', '身份凭证不是本村（社区）的，请重新核验');
    return redeemIn(tx, deps, {
      itemId: body.itemId,
      quantity: body.quantity,
      holder: { kind: 'household', row },
      channel: 'resident',
      actor: residentActor(pass, clientIp),
    });
  });
}
