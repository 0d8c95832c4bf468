import { sql, type RawBuilder } from 'kysely';
import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, outOfScope } from '../../platform/errors.js';
import { authorize, inScope } from './policy.js';
import type { RateCounts, RatesQuery, RatesReport } from './schema.js';
import { catchUpRollups } from './rollup-service.js';
import { subcategory } from './taxonomy/index.js';

/** The formulas, exactly as computed below; the dashboard shows them under each figure. */
export const RATE_FORMULAS: Record<string, string> = {
  responseRate: '响应率 = 回访中表示承办单位联系过自己的工单数 ÷ 已回访工单数',
  resolutionRate: '解决率 = 回访中表示问题已解决的工单数 ÷ 已回访工单数',
  satisfactionRate: '满意率 = 回访评价为“满意”或“基本满意”的工单数 ÷ 已回访工单数',
  onTimeSignForRate: '按时签收率 = 在签收时限内签收的派单环节数 ÷ 已签收或在环节结束前（未结束的到现在）已过签收时限的派单环节数（审核通过的退单不计）',
  onTimeResolutionRate: '按时办结率 = 在办理时限内办结的环节数 ÷ 已办结或已过办理时限的环节数（审核通过的退单、合并、改派不计）',
  closedShare: '各层级办结占比 = 在该层级办结的工单数 ÷ 已结案工单数（当场答复计入“受理环节”）',
  basis: '统计口径：受理时间在所选期间内的工单（合并到主工单的不单独计），回访取每张工单最近一次回访。',
};

const EMPTY = (): Omit<RateCounts, 'key' | 'name' | 'responseRate' | 'resolutionRate' | 'satisfactionRate' | 'onTimeSignForRate' | 'onTimeResolutionRate'> => ({
  orders: 0,
  followedUp: 0,
  contacted: 0,
  resolvedPerResident: 0,
  satisfied: 0,
  basicallySatisfied: 0,
  stagesDue: 0,
  signedOnTime: 0,
  resolveDue: 0,
  resolvedOnTime: 0,
  closed: 0,
  closedAt: { intake: 0, grid: 0, village: 0, township: 0, county: 0 },
});

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

/** Adds the rates to a row of counts. */
export function withRates(key: string, name: string, c: ReturnType<typeof EMPTY>): RateCounts {
  return {
    key,
    name,
    ...c,
    responseRate: ratio(c.contacted, c.followedUp),
    resolutionRate: ratio(c.resolvedPerResident, c.followedUp),
    satisfactionRate: ratio(c.satisfied + c.basicallySatisfied, c.followedUp),
    onTimeSignForRate: ratio(c.signedOnTime, c.stagesDue),
    onTimeResolutionRate: ratio(c.resolvedOnTime, c.resolveDue),
  };
}

/** The grouping key of an order (for order counts) and of a stage (for on-time counts). */
function orderKey(groupBy: RatesQuery['groupBy']): RawBuilder<string | null> {
  switch (groupBy) {
    case 'township':
      return sql`o.township_code`;
    case 'village':
      return sql`o.village_code`;
    case 'category':
      return sql`o.category_code`;
    case 'month':
      return sql`to_char(o.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
    case 'unit':
      return sql`coalesce(o.unit_department_id::text, o.unit_region_code)`;
  }
}

function stageKey(groupBy: RatesQuery['groupBy']): RawBuilder<string | null> {
  return groupBy === 'unit' ? sql`coalesce(s.unit_department_id::text, s.unit_region_code)` : orderKey(groupBy);
}

interface Scope {
  path: string | null;
  departmentId: string | null;
  from: Date;
  to: Date;
  /** The same period as China dates, both ends included (the rollups' days). */
  fromDay: string;
  toDay: string;
}

/** The rollups hold places down to villages: a narrower scope (a grid, a group) reads the rows. */
const ROLLUP_DEPTH = 3;

function orderWhere(s: Scope): RawBuilder<boolean> {
  return sql<boolean>`o.status <> 'merged' AND o.created_at >= ${s.from} AND o.created_at < ${s.to}
    AND ${s.path ? sql`o.path <@ ${s.path}::ltree` : sql`true`}
    AND ${s.departmentId ? sql`o.unit_department_id = ${s.departmentId}` : sql`true`}`;
}

async function orderCounts(tx: Tx, s: Scope, groupBy: RatesQuery['groupBy']) {
  const { rows } = await sql<{
    key: string | null;
    orders: number;
    followed_up: number;
    contacted: number;
    resolved: number;
    satisfied: number;
    basically: number;
    closed: number;
    at_intake: number;
    at_grid: number;
    at_village: number;
    at_township: number;
    at_county: number;
  }>`
    SELECT ${orderKey(groupBy)} AS key,
      count(*)::int AS orders,
      count(l.order_id)::int AS followed_up,
      count(*) FILTER (WHERE l.contacted)::int AS contacted,
      count(*) FILTER (WHERE l.resolved)::int AS resolved,
      count(*) FILTER (WHERE l.satisfaction = 'satisfied')::int AS satisfied,
      count(*) FILTER (WHERE l.satisfaction = 'basically')::int AS basically,
      count(*) FILTER (WHERE o.status = 'closed')::int AS closed,
      count(*) FILTER (WHERE o.status = 'closed' AND o.closed_level = 'intake')::int AS at_intake,
      count(*) FILTER (WHERE o.status = 'closed' AND o.closed_level = 'grid')::int AS at_grid,
      count(*) FILTER (WHERE o.status = 'closed' AND o.closed_level = 'village')::int AS at_village,
      count(*) FILTER (WHERE o.status = 'closed' AND o.closed_level = 'township')::int AS at_township,
      count(*) FILTER (WHERE o.status = 'closed' AND o.closed_level = 'county')::int AS at_county
    FROM work_orders o
    -- Each order's latest follow-up, looked up for the orders in the window only: a latest-per-order
    -- pass over all follow-ups cost seconds at 100k orders and grew with the county's history.
    LEFT JOIN LATERAL (
      SELECT f.order_id, f.contacted, f.resolved, f.satisfaction FROM follow_ups f
      WHERE f.order_id = o.id ORDER BY f.created_at DESC, f.id DESC LIMIT 1
    ) l ON true
    WHERE ${orderWhere(s)}
    GROUP BY 1`.execute(tx);
  return rows;
}

type StageCountRow = { key: string | null; stages_due: number; signed_on_time: number; resolve_due: number; resolved_on_time: number };

/** From the stage rows: all of them, or (beside the rollups) the open ones, whose lateness moves with the clock. */
async function stageCounts(tx: Tx, s: Scope, groupBy: RatesQuery['groupBy'], now: Date, openOnly = false): Promise<StageCountRow[]> {
  const { rows } = await sql<StageCountRow>`
    SELECT ${stageKey(groupBy)} AS key,
      count(*) FILTER (WHERE s.signed_at IS NOT NULL OR s.sign_for_due < coalesce(s.ended_at, ${now}))::int AS stages_due,
      count(*) FILTER (WHERE s.signed_at IS NOT NULL AND s.signed_at <= s.sign_for_due)::int AS signed_on_time,
      count(*) FILTER (WHERE s.end_reason = 'resolved'
        OR (s.resolve_due < coalesce(s.ended_at, ${now}) AND coalesce(s.end_reason, 'escalated') = 'escalated'))::int AS resolve_due,
      count(*) FILTER (WHERE s.end_reason = 'resolved' AND s.ended_at <= s.resolve_due)::int AS resolved_on_time
    FROM work_order_stages s JOIN work_orders o ON o.id = s.order_id
    WHERE NOT s.excused AND ${orderWhere(s)} AND ${openOnly ? sql`s.ended_at IS NULL` : sql`true`}
      AND ${s.departmentId ? sql`s.unit_department_id = ${s.departmentId}` : sql`true`}
    GROUP BY 1`.execute(tx);
  return rows;
}

// ---- from the rollups (migration 0036) ---------------------------------------------------

function rollupKey(groupBy: RatesQuery['groupBy'], unitColumn: 'unit_key' | 'stage_unit_key'): RawBuilder<string | null> {
  switch (groupBy) {
    case 'township':
      return sql`nullif(r.township_code, '')`;
    case 'village':
      return sql`nullif(r.village_code, '')`;
    case 'category':
      return sql`nullif(r.category_code, '')`;
    case 'month':
      return sql`to_char(r.day, 'YYYY-MM')`;
    case 'unit':
      return sql`nullif(${sql.ref(`r.${unitColumn}`)}, '')`;
  }
}

function rollupWhere(s: Scope): RawBuilder<boolean> {
  return sql<boolean>`r.day >= ${s.fromDay}::date AND r.day <= ${s.toDay}::date
    AND ${s.path ? sql`r.path <@ ${s.path}::ltree` : sql`true`}
    AND ${s.departmentId ? sql`r.unit_key = ${s.departmentId}` : sql`true`}`;
}

/** Grouped by place or month, and not a department's own figures: the smaller by-place rollups serve. */
const byPlace = (s: Scope, groupBy: RatesQuery['groupBy']) => !s.departmentId && ['township', 'village', 'month'].includes(groupBy);

async function orderCountsFromRollups(tx: Tx, s: Scope, groupBy: RatesQuery['groupBy']): Promise<Awaited<ReturnType<typeof orderCounts>>> {
  const { rows } = await sql<Awaited<ReturnType<typeof orderCounts>>[number]>`
    SELECT ${rollupKey(groupBy, 'unit_key')} AS key,
      sum(orders)::int AS orders, sum(followed_up)::int AS followed_up, sum(contacted)::int AS contacted,
      sum(resolved)::int AS resolved, sum(satisfied)::int AS satisfied, sum(basically)::int AS basically,
      sum(closed)::int AS closed, sum(at_intake)::int AS at_intake, sum(at_grid)::int AS at_grid,
      sum(at_village)::int AS at_village, sum(at_township)::int AS at_township, sum(at_county)::int AS at_county
    FROM ${sql.table(byPlace(s, groupBy) ? 'place_rollups' : 'order_rollups')} r WHERE ${rollupWhere(s)}
    GROUP BY 1 HAVING sum(orders) <> 0`.execute(tx);
  return rows;
}

async function stageCountsFromRollups(tx: Tx, s: Scope, groupBy: RatesQuery['groupBy'], now: Date): Promise<StageCountRow[]> {
  const { rows } = await sql<StageCountRow>`
    SELECT ${rollupKey(groupBy, 'stage_unit_key')} AS key,
      sum(stages_due)::int AS stages_due, sum(signed_on_time)::int AS signed_on_time,
      sum(resolve_due)::int AS resolve_due, sum(resolved_on_time)::int AS resolved_on_time
    FROM ${sql.table(byPlace(s, groupBy) ? 'place_stage_rollups' : 'stage_rollups')} r
    WHERE ${rollupWhere(s)} AND ${s.departmentId ? sql`r.stage_unit_key = ${s.departmentId}` : sql`true`}
    GROUP BY 1`.execute(tx);
  return [...rows, ...(await stageCounts(tx, s, groupBy, now, true))];
}

async function namesFor(tx: Tx, groupBy: RatesQuery['groupBy'], keys: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (groupBy === 'category') for (const k of keys) names.set(k, subcategory(k)?.name ?? k);
  else if (groupBy === 'month') for (const k of keys) names.set(k, k);
  else if (keys.length) {
    const regions = await tx.selectFrom('regions').select(['code', 'name']).where('code', 'in', keys).execute();
    const grids = await tx.selectFrom('grids').select(['code', 'name']).where('code', 'in', keys).execute();
    const uuids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k));
    const depts = uuids.length ? await tx.selectFrom('departments').select(['id as code', 'name']).where('id', 'in', uuids).execute() : [];
    for (const r of [...regions, ...grids, ...depts]) names.set(r.code, r.name);
  }
  return names;
}

/**
 * The three rates and the on-time rates for orders received in a period, grouped by township,
 * village, unit, category or month, with a total row; counts come with every rate so each
 * can be checked against the orders it counts.
 */
export async function ratesReport(deps: Deps, actor: Actor, q: RatesQuery, opts: { source?: 'rollups' | 'rows' } = {}): Promise<RatesReport> {
  authorize(actor, 'requests.read');
  if (q.to < q.from) throw invalidField('to', '结束日期不能早于开始日期');
  const now = deps.clock.now();
  // What was written a moment ago counts: apply the queue first (a backlog is the background job's).
  if (opts.source !== 'rows') await catchUpRollups(deps, { maxBatches: 5 });
  return withContext(deps.db, dbContext(actor), async (tx) => {
    let path: string | null = actor.role === 'department_staff' ? null : actor.scopePath || null;
    if (q.regionCode) {
      const r = await tx.selectFrom('regions').select('path').where('code', '=', q.regionCode).executeTakeFirst();
      if (!r || (actor.role !== 'department_staff' && !inScope(actor, r.path))) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
      path = r.path;
    }
    const scope: Scope = {
      path,
      departmentId: actor.role === 'department_staff' ? actor.departmentId : null,
      from: new Date(`${q.from}T00:00:00+08:00`),
      to: new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000),
      fromDay: q.from,
      toDay: q.to,
    };
    const rollups = opts.source !== 'rows' && (!path || path.split('.').length <= ROLLUP_DEPTH);
    const groups = new Map<string, ReturnType<typeof EMPTY>>();
    const total = EMPTY();
    const at = (key: string | null) => {
      const k = key ?? '-';
      let g = groups.get(k);
      if (!g) groups.set(k, (g = EMPTY()));
      return g;
    };
    for (const r of rollups ? await orderCountsFromRollups(tx, scope, q.groupBy) : await orderCounts(tx, scope, q.groupBy)) {
      for (const g of [at(r.key), total]) {
        g.orders += r.orders;
        g.followedUp += r.followed_up;
        g.contacted += r.contacted;
        g.resolvedPerResident += r.resolved;
        g.satisfied += r.satisfied;
        g.basicallySatisfied += r.basically;
        g.closed += r.closed;
        g.closedAt.intake += r.at_intake;
        g.closedAt.grid += r.at_grid;
        g.closedAt.village += r.at_village;
        g.closedAt.township += r.at_township;
        g.closedAt.county += r.at_county;
      }
    }
    for (const r of rollups ? await stageCountsFromRollups(tx, scope, q.groupBy, now) : await stageCounts(tx, scope, q.groupBy, now)) {
      for (const g of [at(r.key), total]) {
        g.stagesDue += r.stages_due;
        g.signedOnTime += r.signed_on_time;
        g.resolveDue += r.resolve_due;
        g.resolvedOnTime += r.resolved_on_time;
      }
    }
    const names = await namesFor(
      tx,
      q.groupBy,
      [...groups.keys()].filter((k) => k !== '-'),
    );
    // A group with nothing counted (a unit whose only stage was handed on before it was due) is left out.
    const counted = (c: ReturnType<typeof EMPTY>) => c.orders + c.stagesDue + c.resolveDue > 0;
    const rows = [...groups]
      .filter(([, c]) => counted(c))
      .map(([key, c]) => withRates(key, key === '-' ? (q.groupBy === 'unit' ? '未派单' : '未定位/未分类') : (names.get(key) ?? key), c))
      .sort((a, b) => a.key.localeCompare(b.key));
    return { from: q.from, to: q.to, groupBy: q.groupBy, total: withRates('total', '合计', total), rows, formulas: RATE_FORMULAS };
  });
}
