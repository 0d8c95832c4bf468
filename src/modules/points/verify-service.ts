import { sql } from 'kysely';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';

// `gongzhi points verify`: recomputes every balance from the entries and checks the stored figures.
//   - each account's balance by its debit/credit columns equals the sum by its member column
//     (a posting names the member account it concerns; a wrong one would show here);
//   - all postings together sum to zero (double entry);
//   - no member account spent (redeemed, less cancelled redemptions) more than it ever earned — a balance below zero can only
//     come from a deduction (a breach of the compact), never from the shop;
//   - each shop item's stock equals its restocks minus its redemptions;
//   - no volunteer's or village pool's hours balance is below zero.

export interface VerifyResult {
  ok: boolean;
  accounts: number;
  entries: number;
  items: number;
  volunteers: number;
  pools: number;
  problems: string[];
}

export async function verifyPoints(deps: Deps): Promise<VerifyResult> {
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const problems: string[] = [];
    const totals = await sql<{ accounts: number; entries: number; items: number; volunteers: number; pools: number }>`SELECT
        (SELECT count(*) FROM points_accounts)::int AS accounts, (SELECT count(*) FROM points_entries)::int AS entries,
        (SELECT count(*) FROM points_shop_items)::int AS items, (SELECT count(*) FROM timebank_volunteers)::int AS volunteers,
        (SELECT count(DISTINCT village_code) FROM timebank_transfers WHERE to_volunteer_id IS NULL AND kind = 'donate')::int AS pools`.execute(tx);

    const accounts = await sql<{ id: string; kind: string; by_columns: number; by_member: number; spent: number; earned: number }>`
      SELECT a.id, a.kind,
        (coalesce((SELECT sum(amount) FROM points_entries e WHERE e.credit_account = a.id), 0)
          - coalesce((SELECT sum(amount) FROM points_entries e WHERE e.debit_account = a.id), 0))::int AS by_columns,
        coalesce((SELECT sum(CASE WHEN e.credit_account = e.account_id THEN e.amount ELSE -e.amount END) FROM points_entries e WHERE e.account_id = a.id), 0)::int AS by_member,
        coalesce((SELECT sum(CASE WHEN e.kind = 'redemption' THEN amount ELSE -amount END) FROM points_entries e
          WHERE e.account_id = a.id AND e.kind IN ('redemption', 'cancellation')), 0)::int AS spent,
        coalesce((SELECT sum(amount) FROM points_entries e WHERE e.account_id = a.id AND e.kind IN ('rule', 'adjustment') AND e.credit_account = a.id), 0)::int AS earned
      FROM points_accounts a ORDER BY a.id`.execute(tx);
    for (const a of accounts.rows) {
      if (a.kind === 'household' || a.kind === 'resident') {
        if (a.by_columns !== a.by_member) problems.push(`积分账户 ${a.id}: 借贷合计 ${a.by_columns} 与按户合计 ${a.by_member} 不一致`);
        if (a.spent > a.earned) problems.push(`积分账户 ${a.id}: 兑换 ${a.spent} 分超过累计获得 ${a.earned} 分`);
      } else {
        const member = await sql<{ n: number }>`SELECT count(*)::int AS n FROM points_entries WHERE account_id = ${a.id}`.execute(tx);
        if (member.rows[0]!.n > 0) problems.push(`村账户 ${a.id}: 不应作为积分记录的户账户`);
      }
    }
    const zero = await sql<{ s: number }>`SELECT coalesce(sum(x), 0)::int AS s FROM (
        SELECT amount AS x FROM points_entries UNION ALL SELECT -amount FROM points_entries) t`.execute(tx);
    const sumBalances = accounts.rows.reduce((s, a) => s + a.by_columns, 0);
    if (zero.rows[0]!.s !== 0 || sumBalances !== 0) problems.push(`全部账户余额合计应为 0，实为 ${sumBalances}`);

    const items = await sql<{ id: string; name: string; stock: number; moved: number }>`SELECT i.id, i.name, i.stock,
        (coalesce((SELECT sum(quantity) FROM points_shop_restocks r WHERE r.item_id = i.id), 0)
          - coalesce((SELECT sum(quantity) FROM points_redemptions d WHERE d.item_id = i.id), 0))::int AS moved
      FROM points_shop_items i ORDER BY i.id`.execute(tx);
    // A cancelled redemption gave its items back through a restock row ("撤销兑换：…"); each must have one.
    const unreturned = await sql<{ id: string }>`SELECT c.redemption_id AS id FROM points_redemption_closures c
      WHERE c.kind = 'cancel' AND NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.redemption_id = c.redemption_id AND e.kind = 'cancellation')`.execute(tx);
    for (const u of unreturned.rows) problems.push(`兑换 ${u.id}: 已撤销但没有退回积分的记录`);
    for (const i of items.rows) if (i.stock !== i.moved) problems.push(`商品“${i.name}”(${i.id}): 库存 ${i.stock} 与进出合计 ${i.moved} 不一致`);

    const volunteers = await sql<{ id: string; name: string; balance: number }>`SELECT v.id, v.name,
        (coalesce((SELECT sum(hours) FROM timebank_hours h WHERE h.volunteer_id = v.id AND h.status = 'confirmed'), 0)
          - coalesce((SELECT sum(hours) FROM timebank_transfers t WHERE t.from_volunteer_id = v.id), 0)
          + coalesce((SELECT sum(hours) FROM timebank_transfers t WHERE t.to_volunteer_id = v.id), 0))::float8 AS balance
      FROM timebank_volunteers v ORDER BY v.id`.execute(tx);
    for (const v of volunteers.rows) if (v.balance < 0) problems.push(`志愿者 ${v.name}(${v.id}): 时长余额为负 (${v.balance})`);
    const pools = await sql<{ village_code: string; balance: number }>`SELECT village_code,
        (coalesce(sum(hours) FILTER (WHERE kind = 'donate' AND to_volunteer_id IS NULL), 0)
          - coalesce(sum(hours) FILTER (WHERE kind = 'spend' AND from_volunteer_id IS NULL), 0))::float8 AS balance
      FROM timebank_transfers GROUP BY village_code`.execute(tx);
    for (const p of pools.rows) if (p.balance < 0) problems.push(`村（社区）${p.village_code} 公共时长池余额为负 (${p.balance})`);

    return { ok: problems.length === 0, ...totals.rows[0]!, problems };
  });
}
