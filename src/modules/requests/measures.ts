import { sql } from 'kysely';
import { areaRows, countMeasure, ratioMeasure, type Measure, type MeasureQuery } from '../../platform/measures.js';
import { CATEGORIES } from './taxonomy/index.js';

// The intake's figures for the overview, reports and assessment (platform/measures.ts). The
// basis is the rates report's: orders received in the period, merged duplicates not counted on
// their own, each order's latest follow-up (rates-service.ts computes the same, grouped). The
// period figures read the rollups that the rates read; the overview applies their queue first.

const OPEN = sql.raw(`('triage','accepted','dispatched','signed','in_progress')`);

const received = (q: MeasureQuery) =>
  sql`FROM ${areaRows(q.areas)} JOIN work_orders o ON o.path <@ a.path
      WHERE o.status <> 'merged' AND o.created_at >= ${q.from} AND o.created_at < ${q.to}`;

/** Orders received in the period that have a follow-up, each with its latest one (`l`). */
const followedUp = (q: MeasureQuery) =>
  sql`FROM ${areaRows(q.areas)} JOIN work_orders o ON o.path <@ a.path
      JOIN LATERAL (SELECT f.contacted, f.resolved, f.satisfaction FROM follow_ups f
                    WHERE f.order_id = o.id ORDER BY f.created_at DESC, f.id DESC LIMIT 1) l ON true
      WHERE o.status <> 'merged' AND o.created_at >= ${q.from} AND o.created_at < ${q.to}`;

/**
 * The rollups (migration 0036) for areas down to villages, the orders themselves for deeper
 * areas (a group of a village): `rolled` and `rows` give each its part of one UNION.
 */
const rolled = (q: MeasureQuery, what: 'orders' | 'stages' = 'orders') =>
  sql`FROM ${areaRows(q.areas)} JOIN ${what === 'orders' ? ORDER_ROLLUPS : STAGE_ROLLUPS} r ON r.path <@ a.path
      WHERE nlevel(a.path) <= 3 AND r.day >= (${q.from}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
        AND r.day < (${q.to}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;
// By place (few rows) for everyone but a department officer, whose figures are their unit's
// orders: the unit rollups, which row-level security keeps to that unit.
const ORDER_COLUMNS = sql.raw('day, path, orders, followed_up, contacted, resolved, satisfied, basically, closed, at_intake, at_grid, at_village');
const ORDER_ROLLUPS = sql`(SELECT ${ORDER_COLUMNS} FROM place_rollups WHERE app_role() <> 'department_staff'
  UNION ALL SELECT ${ORDER_COLUMNS} FROM order_rollups WHERE app_role() = 'department_staff')`;
const STAGE_COLUMNS = sql.raw('day, path, stages_due, signed_on_time, resolve_due, resolved_on_time');
const STAGE_ROLLUPS = sql`(SELECT ${STAGE_COLUMNS} FROM place_stage_rollups WHERE app_role() <> 'department_staff'
  UNION ALL SELECT ${STAGE_COLUMNS} FROM stage_rollups WHERE app_role() = 'department_staff')`;
const DEEP = sql`AND nlevel(a.path) > 3`;

export const REQUEST_MEASURES: readonly Measure[] = [
  countMeasure(
    {
      id: 'requests.received',
      name: '受理工单数',
      nameEn: 'Work orders received',
      formula: '期间内受理的工单数（合并到主工单的重复件不单独计）',
      kind: 'period',
    },
    (q) =>
      sql`SELECT code, sum(n)::int AS n FROM (
            SELECT a.code, sum(r.orders) AS n ${rolled(q)} GROUP BY a.code
            UNION ALL SELECT a.code, count(*) ${received(q)} ${DEEP} GROUP BY a.code) x GROUP BY code`,
  ),
  countMeasure(
    {
      id: 'requests.closed',
      name: '已结案工单数',
      nameEn: 'Work orders closed',
      formula: '期间内受理、现已结案的工单数',
      kind: 'period',
    },
    (q) =>
      sql`SELECT code, sum(n)::int AS n FROM (
            SELECT a.code, sum(r.closed) AS n ${rolled(q)} GROUP BY a.code
            UNION ALL SELECT a.code, count(*) ${received(q)} AND o.status = 'closed' ${DEEP} GROUP BY a.code) x GROUP BY code`,
  ),
  countMeasure(
    {
      id: 'requests.open',
      name: '在办工单数',
      nameEn: 'Work orders open',
      formula: '当前未办结的工单数（待分拣、已受理、已派单、已签收、办理中）',
      kind: 'stock',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN work_orders o ON o.path <@ a.path
               WHERE o.status IN ${OPEN} GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'requests.overdue',
      name: '超期工单数',
      nameEn: 'Work orders overdue',
      formula: '当前未办结且已过办理时限的工单数',
      kind: 'stock',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN work_orders o ON o.path <@ a.path
               WHERE o.status IN ${OPEN} AND o.resolve_due < ${q.now} GROUP BY a.code`,
  ),
  ratioMeasure(
    {
      id: 'requests.response_rate',
      name: '响应率',
      nameEn: 'Response rate',
      formula: '回访中表示承办单位联系过自己的工单数 ÷ 已回访工单数（期间内受理的工单，取最近一次回访）',
      kind: 'period',
    },
    (q) =>
      sql`SELECT code, sum(num)::int AS num, sum(den)::int AS den FROM (
            SELECT a.code, sum(r.contacted) AS num, sum(r.followed_up) AS den ${rolled(q)} GROUP BY a.code
            UNION ALL SELECT a.code, count(*) FILTER (WHERE l.contacted), count(*) ${followedUp(q)} ${DEEP} GROUP BY a.code) x GROUP BY code`,
  ),
  ratioMeasure(
    {
      id: 'requests.resolution_rate',
      name: '解决率',
      nameEn: 'Resolution rate',
      formula: '回访中表示问题已解决的工单数 ÷ 已回访工单数（期间内受理的工单，取最近一次回访）',
      kind: 'period',
    },
    (q) =>
      sql`SELECT code, sum(num)::int AS num, sum(den)::int AS den FROM (
            SELECT a.code, sum(r.resolved) AS num, sum(r.followed_up) AS den ${rolled(q)} GROUP BY a.code
            UNION ALL SELECT a.code, count(*) FILTER (WHERE l.resolved), count(*) ${followedUp(q)} ${DEEP} GROUP BY a.code) x GROUP BY code`,
  ),
  ratioMeasure(
    {
      id: 'requests.satisfaction_rate',
      name: '满意率',
      nameEn: 'Satisfaction rate',
      formula: '回访评价为“满意”或“基本满意”的工单数 ÷ 已回访工单数（期间内受理的工单，取最近一次回访）',
      kind: 'period',
    },
    (q) =>
      sql`SELECT code, sum(num)::int AS num, sum(den)::int AS den FROM (
            SELECT a.code, sum(r.satisfied + r.basically) AS num, sum(r.followed_up) AS den ${rolled(q)} GROUP BY a.code
            UNION ALL SELECT a.code, count(*) FILTER (WHERE l.satisfaction IN ('satisfied','basically')), count(*)
              ${followedUp(q)} ${DEEP} GROUP BY a.code) x GROUP BY code`,
  ),
  ratioMeasure(
    {
      id: 'requests.on_time_resolution_rate',
      name: '按时办结率',
      nameEn: 'Resolved on time',
      formula: '在办理时限内办结的环节数 ÷ 已办结或已过办理时限的环节数（期间内受理的工单；审核通过的退单、合并、改派不计）',
      kind: 'period',
    },
    (q) =>
      sql`SELECT code, sum(num)::int AS num, sum(den)::int AS den FROM (
            SELECT a.code, sum(r.resolved_on_time) AS num, sum(r.resolve_due) AS den ${rolled(q, 'stages')} GROUP BY a.code
            UNION ALL
            SELECT a.code,
              count(*) FILTER (WHERE s.end_reason = 'resolved' AND s.ended_at <= s.resolve_due),
              count(*) FILTER (WHERE s.end_reason = 'resolved'
                OR (s.resolve_due < coalesce(s.ended_at, ${q.now}) AND coalesce(s.end_reason, 'escalated') = 'escalated'))
            FROM ${areaRows(q.areas)} JOIN work_orders o ON o.path <@ a.path
            JOIN work_order_stages s ON s.order_id = o.id AND NOT s.excused
            WHERE o.status <> 'merged' AND o.created_at >= ${q.from} AND o.created_at < ${q.to}
              AND (nlevel(a.path) > 3 OR s.ended_at IS NULL)
            GROUP BY a.code) x GROUP BY code`,
  ),
  ratioMeasure(
    {
      id: 'requests.on_time_sign_rate',
      name: '按时签收率',
      nameEn: 'Signed for on time',
      formula: '在签收时限内签收的环节数 ÷ 已签收或已过签收时限的环节数（期间内受理的工单；审核通过的退单、合并、改派不计）',
      kind: 'period',
    },
    (q) =>
      sql`SELECT code, sum(num)::int AS num, sum(den)::int AS den FROM (
            SELECT a.code, sum(r.signed_on_time) AS num, sum(r.stages_due) AS den ${rolled(q, 'stages')} GROUP BY a.code
            UNION ALL
            SELECT a.code,
              count(*) FILTER (WHERE s.signed_at IS NOT NULL AND s.signed_at <= s.sign_for_due),
              count(*) FILTER (WHERE s.signed_at IS NOT NULL OR s.sign_for_due < coalesce(s.ended_at, ${q.now}))
            FROM ${areaRows(q.areas)} JOIN work_orders o ON o.path <@ a.path
            JOIN work_order_stages s ON s.order_id = o.id AND NOT s.excused
            WHERE o.status <> 'merged' AND o.created_at >= ${q.from} AND o.created_at < ${q.to}
              AND (nlevel(a.path) > 3 OR s.ended_at IS NULL)
            GROUP BY a.code) x GROUP BY code`,
  ),
  ratioMeasure(
    {
      id: 'requests.closed_below_township_share',
      name: '村级及以下办结占比',
      nameEn: 'Closed at village level or below',
      formula: '在受理环节、网格或村（社区）办结的工单数 ÷ 已结案工单数（期间内受理的工单）',
      kind: 'period',
    },
    (q) =>
      sql`SELECT code, sum(num)::int AS num, sum(den)::int AS den FROM (
            SELECT a.code, sum(r.at_intake + r.at_grid + r.at_village) AS num, sum(r.closed) AS den ${rolled(q)} GROUP BY a.code
            UNION ALL SELECT a.code, count(*) FILTER (WHERE o.closed_level IN ('intake','grid','village')), count(*)
              ${received(q)} AND o.status = 'closed' ${DEEP} GROUP BY a.code) x GROUP BY code`,
  ),
  countMeasure(
    {
      id: 'requests.whistles',
      name: '吹哨次数',
      nameEn: 'Whistles blown',
      formula: '期间内乡镇（街道）或县级吹哨召集部门的次数',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN whistles w ON w.path <@ a.path
               WHERE w.created_at >= ${q.from} AND w.created_at < ${q.to} GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'requests.patrol_reports',
      name: '网格员巡查上报数',
      nameEn: 'Patrol reports by grid workers',
      formula: '期间内网格员巡查上报（渠道为“巡查”）的工单数',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n ${received(q)} AND o.channel = 'patrol' GROUP BY a.code`,
  ),
  // Orders received by top-level category (one measure per category, as people.tagged.* per tag):
  // the monthly report's "by category" table. The unit rollups carry the order's sub-category.
  ...CATEGORIES.map((c) =>
    countMeasure(
      {
        id: `requests.received.category.${c.code}`,
        name: `受理工单数·${c.name}`,
        nameEn: `Work orders received in category ${c.code}`,
        formula: `期间内受理、类别属于“${c.name}”（${c.code}）的工单数（合并到主工单的重复件不单独计）`,
        kind: 'period',
      },
      (q) =>
        sql`SELECT code, sum(n)::int AS n FROM (
              SELECT a.code, sum(r.orders) AS n FROM ${areaRows(q.areas)} JOIN order_rollups r ON r.path <@ a.path
              WHERE nlevel(a.path) <= 3 AND left(r.category_code, 2) = ${c.code}
                AND r.day >= (${q.from}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
                AND r.day < (${q.to}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
              GROUP BY a.code
              UNION ALL SELECT a.code, count(*) ${received(q)} AND left(o.category_code, 2) = ${c.code} ${DEEP} GROUP BY a.code) x GROUP BY code`,
    ),
  ),
];
