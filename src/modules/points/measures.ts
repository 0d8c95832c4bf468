import { sql } from 'kysely';
import { areaRows, sumMeasure, type Measure, type MeasureQuery } from '../../platform/measures.js';
import { chinaDate } from '../../platform/time.js';

// The points module's figures for the overview (one interface, platform/measures.ts): points
// earned and spent by households and people, and volunteer hours confirmed, per area and period.

const fromDate = (q: MeasureQuery) => sql`${chinaDate(q.from)}::date`;
const toDate = (q: MeasureQuery) => sql`${chinaDate(q.to)}::date`;

/** Entries booked in the period, joined to the areas by the member account's path. */
const entries = (q: MeasureQuery) =>
  sql`FROM ${areaRows(q.areas)} JOIN points_entries e ON e.path <@ a.path
      WHERE e.booked_on >= ${fromDate(q)} AND e.booked_on < ${toDate(q)}`;

export const POINTS_MEASURES: readonly Measure[] = [
  sumMeasure(
    {
      id: 'points.earned',
      name: '发放积分（分）',
      nameEn: 'Points earned',
      formula: '期间内记入户或个人积分账户的积分之和（按规则奖励与调增；扣分、调减和兑换不计）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, coalesce(sum(e.amount), 0)::int AS n ${entries(q)}
      AND e.credit_account = e.account_id AND e.kind IN ('rule', 'adjustment') GROUP BY a.code`,
  ),
  sumMeasure(
    {
      id: 'points.redeemed',
      name: '兑换积分（分）',
      nameEn: 'Points redeemed',
      formula: '期间内在爱心超市兑换物品所用的积分之和，减去期间内撤销兑换退回的积分',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, coalesce(sum(CASE WHEN e.kind = 'redemption' THEN e.amount ELSE -e.amount END), 0)::int AS n ${entries(q)}
      AND e.kind IN ('redemption', 'cancellation') GROUP BY a.code`,
  ),
  sumMeasure(
    {
      id: 'timebank.hours_confirmed',
      name: '志愿服务时长（小时，已确认）',
      nameEn: 'Volunteer hours confirmed',
      formula: '服务日期在期间内、已由受助人（或村干部代为）确认的时间银行服务时长之和',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, coalesce(sum(h.hours), 0)::float8 AS n
      FROM ${areaRows(q.areas)} JOIN timebank_hours h ON h.path <@ a.path
      WHERE h.status = 'confirmed' AND h.served_on >= ${fromDate(q)} AND h.served_on < ${toDate(q)} GROUP BY a.code`,
  ),
];
