import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { PointsRedemptionsTable, PointsShopItemsTable, PointsShopRestocksTable } from './tables.js';

// The SQL of the points shop (爱心超市): items, stock movements and redemptions.

export interface ItemRow {
  id: string;
  village_code: string;
  path: string;
  name: string;
  price: number;
  stock: number;
  active: boolean;
}

const itemColumns = ['id', 'village_code', 'path', 'name', 'price', 'stock', 'active'] as const;

export async function findItem(tx: Tx, id: string): Promise<ItemRow | undefined> {
  return tx.selectFrom('points_shop_items').select(itemColumns).where('id', '=', id).executeTakeFirst();
}

export async function listItems(tx: Tx, villageCode: string): Promise<ItemRow[]> {
  return tx
    .selectFrom('points_shop_items')
    .select(itemColumns)
    .where('village_code', '=', villageCode)
    .orderBy('active', 'desc')
    .orderBy('price')
    .orderBy('name')
    .execute();
}

export async function insertItem(tx: Tx, row: Insertable<PointsShopItemsTable>): Promise<void> {
  await tx.insertInto('points_shop_items').values(row).execute();
}

export async function updateItem(tx: Tx, id: string, set: { name?: string; price?: number; active?: boolean; updated_at: Date }): Promise<void> {
  await tx.updateTable('points_shop_items').set(set).where('id', '=', id).execute();
}

/**
 * Takes `n` off the shelf only if `n` are there: one conditional UPDATE, so concurrent takers
 * queue on the row and each sees the stock the previous one left. Undefined when too few (or the
 * item is withdrawn); the transaction then writes nothing.
 */
export async function takeStock(tx: Tx, id: string, n: number): Promise<{ stock: number; price: number; name: string } | undefined> {
  const { rows } = await sql<{ stock: number; price: number; name: string }>`UPDATE points_shop_items SET stock = stock - ${n}
    WHERE id = ${id} AND active AND stock >= ${n} RETURNING stock, price, name`.execute(tx);
  return rows[0];
}

/** Restock (n > 0) or write-off (n < 0, never below zero); undefined when a write-off exceeds the stock. */
export async function moveStock(tx: Tx, id: string, n: number, now: Date): Promise<number | undefined> {
  const { rows } = await sql<{ stock: number }>`UPDATE points_shop_items SET stock = stock + ${n}, updated_at = ${now}
    WHERE id = ${id} AND stock + ${n} >= 0 RETURNING stock`.execute(tx);
  return rows[0]?.stock;
}

export async function insertRestock(tx: Tx, row: Insertable<PointsShopRestocksTable>): Promise<void> {
  await tx.insertInto('points_shop_restocks').values(row).execute();
}

export async function insertRedemption(tx: Tx, row: Insertable<PointsRedemptionsTable>): Promise<void> {
  await tx.insertInto('points_redemptions').values(row).execute();
}
