import { sql } from 'kysely';
import { areaRows, averageFigures, countMeasure, ratioMeasure, sumMeasure, type Measure, type MeasureQuery } from '../../platform/measures.js';
import { chinaDate } from '../../platform/time.js';
import { COUNTED } from './disclosure-store.js';

// Co-creation's figures for the one-map, reports and assessment (platform/measures.ts): how many
// opinions a village hears and answers in time, how its meetings and votes draw residents, where
// its projects stand, what residents gave, and how they rated the result. Every figure is read
// from the rows within each area's path. Dates stored as dates (contributions, due dates) are
// compared with the period's China dates; instants with the period's instants.

const fromDate = (q: MeasureQuery) => sql`${chinaDate(q.from)}::date`;
const toDate = (q: MeasureQuery) => sql`${chinaDate(q.to)}::date`;

const opinionsReceived = (q: MeasureQuery) =>
  sql`FROM ${areaRows(q.areas)} JOIN cocreation_opinions o ON o.path <@ a.path WHERE o.created_at >= ${q.from} AND o.created_at < ${q.to}`;

const heldMeetings = (q: MeasureQuery) =>
  sql`FROM ${areaRows(q.areas)} JOIN cocreation_meetings m ON m.path <@ a.path
      WHERE m.status = 'held' AND m.held_at >= ${q.from} AND m.held_at < ${q.to}`;

const closedVotes = (q: MeasureQuery) =>
  sql`FROM ${areaRows(q.areas)} JOIN cocreation_votes v ON v.path <@ a.path
      WHERE v.status = 'closed' AND v.closed_at >= ${q.from} AND v.closed_at < ${q.to}`;

const counted = (q: MeasureQuery, kind: string) =>
  sql`FROM ${areaRows(q.areas)} JOIN cocreation_contributions c ON c.path <@ a.path
      WHERE c.kind = ${kind} AND ${COUNTED} AND c.contributed_on >= ${fromDate(q)} AND c.contributed_on < ${toDate(q)}`;

const stage = (status: 'planned' | 'building' | 'completed', name: string, nameEn: string) =>
  countMeasure(
    { id: `cocreation.projects_${status}`, name, nameEn, formula: `当前状态为“${name.replace('项目数', '')}”的共建项目数`, kind: 'stock' },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN cocreation_projects p ON p.path <@ a.path
               WHERE p.status = ${status} GROUP BY a.code`,
  );

export const COCREATION_MEASURES: readonly Measure[] = [
  countMeasure(
    { id: 'cocreation.opinions', name: '收到意见建议数', nameEn: 'Opinions received', formula: '期间内登记的意见建议数（各来源合计）', kind: 'period' },
    (q) => sql`SELECT a.code, count(*)::int AS n ${opinionsReceived(q)} GROUP BY a.code`,
  ),
  ratioMeasure(
    {
      id: 'cocreation.adoption_rate',
      name: '意见采纳率',
      nameEn: 'Opinion adoption rate',
      formula: '期间内收到的意见中已采纳的条数 ÷ 已办结的条数（已采纳 + 已合并 + 已答复 + 不予采纳；与意见建议页的采纳率同一口径）',
      kind: 'period',
    },
    (q) =>
      sql`SELECT a.code, count(*) FILTER (WHERE o.status = 'adopted')::int AS num, count(*)::int AS den
          ${opinionsReceived(q)} AND o.status <> 'open' GROUP BY a.code`,
  ),
  ratioMeasure(
    {
      id: 'cocreation.feedback_rate',
      name: '意见按时反馈率',
      nameEn: 'Opinions answered on time',
      formula: '答复期限在期间内的意见中，在期限当日或之前答复的条数 ÷ 已到期（期限早于今天）或已答复的条数',
      kind: 'period',
    },
    (q) =>
      sql`SELECT a.code,
            count(*) FILTER (WHERE o.answered_at IS NOT NULL AND (o.answered_at AT TIME ZONE 'Asia/Shanghai')::date <= o.due_on)::int AS num,
            count(*)::int AS den
          FROM ${areaRows(q.areas)} JOIN cocreation_opinions o ON o.path <@ a.path
          WHERE o.due_on >= ${fromDate(q)} AND o.due_on < ${toDate(q)}
            AND (o.answered_at IS NOT NULL OR o.due_on < ${chinaDate(q.now)}::date)
          GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'cocreation.meetings_held',
      name: '召开议事会议数',
      nameEn: 'Deliberation meetings held',
      formula: '期间内已召开的议事会议数（各类会议合计）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n ${heldMeetings(q)} GROUP BY a.code`,
  ),
  ratioMeasure(
    {
      id: 'cocreation.attendance_rate',
      name: '议事参会率',
      nameEn: 'Meeting attendance rate',
      formula: '期间内已召开会议的到会（本人或委托）人数 ÷ 应邀人数',
      kind: 'period',
    },
    (q) =>
      sql`SELECT a.code, count(*) FILTER (WHERE t.attendance IN ('present', 'proxy'))::int AS num, count(*)::int AS den
          FROM ${areaRows(q.areas)} JOIN cocreation_meetings m ON m.path <@ a.path JOIN cocreation_attendees t ON t.meeting_id = m.id
          WHERE m.status = 'held' AND m.held_at >= ${q.from} AND m.held_at < ${q.to} GROUP BY a.code`,
  ),
  countMeasure(
    { id: 'cocreation.votes_closed', name: '完成表决数', nameEn: 'Votes closed', formula: '期间内结束计票的表决（含豆选）数', kind: 'period' },
    (q) => sql`SELECT a.code, count(*)::int AS n ${closedVotes(q)} GROUP BY a.code`,
  ),
  ratioMeasure(
    {
      id: 'cocreation.turnout',
      name: '表决参与率',
      nameEn: 'Vote turnout',
      formula: '期间内结束的表决所收选票（网上与纸质）之和 ÷ 选民（户或成年人，开始表决时的名单）之和',
      kind: 'period',
    },
    (q) =>
      sql`SELECT a.code,
            coalesce(sum((SELECT count(*) FROM cocreation_ballots b WHERE b.vote_id = v.id)), 0)::int AS num,
            coalesce(sum(coalesce(v.electorate_size, (SELECT count(*) FROM cocreation_electors e WHERE e.vote_id = v.id))), 0)::int AS den
          ${closedVotes(q)} GROUP BY a.code`,
  ),
  stage('planned', '计划中项目数', 'Projects planned'),
  stage('building', '在建项目数', 'Projects being built'),
  stage('completed', '已完工项目数', 'Projects completed'),
  sumMeasure(
    {
      id: 'cocreation.money_yuan',
      name: '群众筹资金额（元）',
      nameEn: 'Money given by residents (yuan)',
      formula: '期间内登记的群众筹资金额之和（作废的记录不计）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, coalesce(sum(c.amount), 0)::float8 AS n ${counted(q, 'money')} GROUP BY a.code`,
  ),
  sumMeasure(
    {
      id: 'cocreation.labour_days',
      name: '投工投劳（工日）',
      nameEn: 'Labour given (days)',
      formula: '期间内登记的投工投劳工日之和（作废的记录不计）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, coalesce(sum(c.labour_days), 0)::float8 AS n ${counted(q, 'labour')} GROUP BY a.code`,
  ),
  sumMeasure(
    {
      id: 'cocreation.land_m2',
      name: '让地面积（平方米）',
      nameEn: 'Land given (m²)',
      formula: '期间内登记的群众让地面积之和（作废的记录不计）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, coalesce(sum(c.area_m2), 0)::float8 AS n ${counted(q, 'land')} GROUP BY a.code`,
  ),
  {
    id: 'cocreation.evaluation_score',
    name: '群众评价平均分',
    nameEn: 'Average evaluation score',
    formula: '期间内各户对已完工项目的评分（1–5 分）之和 ÷ 评价户次（保留两位小数）',
    unit: 'average',
    kind: 'period',
    compute: async (tx, q) => {
      if (!q.areas.length) return new Map();
      const { rows } = await sql<{ code: string; num: number; den: number }>`
        SELECT a.code, coalesce(sum(r.score), 0)::int AS num, count(*)::int AS den
        FROM ${areaRows(q.areas)} JOIN cocreation_ratings r ON r.path <@ a.path
        WHERE r.created_at >= ${q.from} AND r.created_at < ${q.to} GROUP BY a.code`.execute(tx);
      return averageFigures(q.areas, rows);
    },
  },
];
