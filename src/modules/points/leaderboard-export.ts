import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { buildListWorkbook, chinaDateTime, collectPages, queryString } from '../../platform/list-export.js';
import { leaderboardPeriod, villageIn } from './ledger-service.js';
import { findRegion, leaderPage, type LeaderRow } from './ledger-store.js';
import type { LeaderboardQuery } from './points-schema.js';
import { authorize } from './policy.js';

// The points ledger's ranking (积分台账 › 积分排行) as .xlsx: every household of the village that
// earned points in the period, in the page's order (the page shows the first 20), read by keyset a
// thousand at a time up to the export cap. Households appear by their head's name as on the page;
// no ID or phone number leaves in the file. The export is audited.

type LeaderboardExportQuery = Omit<LeaderboardQuery, 'limit'>;

const words = (r: { code: string; name: string }) => `${r.name}（${r.code}）`;

/** A village's points ranking for a period as .xlsx, within the actor's scope; audited. */
export async function exportLeaderboard(deps: Deps, actor: Actor, query: LeaderboardExportQuery): Promise<{ name: string; file: Buffer }> {
  authorize(actor, 'points.read');
  const now = deps.clock.now();
  const { from, to } = leaderboardPeriod(query, now);
  const q = { villageCode: query.villageCode, from, to };
  const { rows, capped, scope, village } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await villageIn(tx, actor, q.villageCode);
    const got = await collectPages<LeaderRow, LeaderRow>(async (after, limit) => {
      const page = await leaderPage(tx, { ...q, after, limit });
      return { rows: page, next: page.length === limit ? page.at(-1)! : null };
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'points.leaderboard.export',
      targetType: 'region',
      targetId: village.code,
      details: { ...q, rows: got.rows.length, capped: got.capped },
    });
    const own = await findRegion(tx, actor.regionCode);
    return { ...got, village, scope: `${own ? `${words(own)}及下辖` : actor.regionCode}；本次限定：${words(village)}` };
  });
  const file = await buildListWorkbook({
    title: '积分排行',
    columns: ['名次', '户', '所得积分'],
    widths: [8, 20, 12],
    rows: rows.map((r, i) => [i + 1, r.name, r.points]),
    capped,
    filters: [
      ['村（社区）', words(village)],
      ['统计期间', `${from} 至 ${to}（含首尾两日）`],
    ],
    scope,
    selects:
      '该村（社区）在统计期间内得到过积分的每一户（与“积分台账”页的积分排行同一查询；页面只列前 20 名，本表列全部），' +
      '所得积分为期间内按规则计分与调整之和（兑换不减少名次），按所得积分从多到少、再按户名排列，按键集分页逐页读取。下面的查询每次至多给出前 100 名。',
    query: `GET /api/v1/points/leaderboard?${queryString({ ...q, limit: 100 })}`,
    now,
    notes: [['个人信息', '户只列户主姓名（与页面相同），不导出身份证号、电话。本次导出已记入审计日志。']],
  });
  return { name: `积分排行_${village.name}_${chinaDateTime(now).slice(0, 10)}.xlsx`, file };
}
