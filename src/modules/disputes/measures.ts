import { sql } from 'kysely';
import { areaRows, countMeasure, ratioMeasure, type Measure, type MeasureQuery } from '../../platform/measures.js';

// Mediation's figures for the overview, reports and assessment (platform/measures.ts).
// "小事不出村、大事不出乡": the level a case closes at is itself a measure.

const received = (q: MeasureQuery) =>
  sql`FROM ${areaRows(q.areas)} JOIN dispute_cases c ON c.path <@ a.path
      WHERE c.created_at >= ${q.from} AND c.created_at < ${q.to}`;

export const DISPUTE_MEASURES: readonly Measure[] = [
  countMeasure(
    { id: 'disputes.received', name: '受理矛盾纠纷数', nameEn: 'Disputes received', formula: '期间内登记受理的矛盾纠纷案件数', kind: 'period' },
    (q) => sql`SELECT a.code, count(*)::int AS n ${received(q)} GROUP BY a.code`,
  ),
  countMeasure(
    { id: 'disputes.closed', name: '化解结案数', nameEn: 'Disputes closed', formula: '期间内受理、现已结案的矛盾纠纷案件数', kind: 'period' },
    (q) => sql`SELECT a.code, count(*)::int AS n ${received(q)} AND c.status = 'closed' GROUP BY a.code`,
  ),
  ratioMeasure(
    {
      id: 'disputes.closed_in_village_share',
      name: '矛盾纠纷村级化解率',
      nameEn: 'Disputes settled in the village',
      formula: '在网格或村（社区）结案的案件数 ÷ 已结案案件数（期间内受理的案件；小事不出村）',
      kind: 'period',
    },
    (q) =>
      sql`SELECT a.code, count(*) FILTER (WHERE c.closed_level IN ('grid','village'))::int AS num, count(*)::int AS den
          ${received(q)} AND c.status = 'closed' GROUP BY a.code`,
  ),
  ratioMeasure(
    {
      id: 'disputes.closed_in_township_share',
      name: '矛盾纠纷乡镇及以下化解率',
      nameEn: 'Disputes settled in the township or below',
      formula: '在网格、村（社区）或乡镇（街道）结案的案件数 ÷ 已结案案件数（期间内受理的案件；大事不出乡）',
      kind: 'period',
    },
    (q) =>
      sql`SELECT a.code, count(*) FILTER (WHERE c.closed_level IN ('grid','village','township'))::int AS num, count(*)::int AS den
          ${received(q)} AND c.status = 'closed' GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'disputes.high_risk_open',
      name: '在办高风险纠纷数',
      nameEn: 'High-risk disputes open',
      formula: '当前未结案、风险等级为“高”的案件数',
      kind: 'stock',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN dispute_cases c ON c.path <@ a.path
               WHERE c.status <> 'closed' AND c.risk_level = 'high' GROUP BY a.code`,
  ),
  // Cases received by the risk level they carry now (the monthly report's "by risk level").
  ...(
    [
      ['low', '低', 'low'],
      ['medium', '中', 'medium'],
      ['high', '高', 'high'],
    ] as const
  ).map(([level, zh, en]) =>
    countMeasure(
      {
        id: `disputes.received.risk.${level}`,
        name: `受理矛盾纠纷数·${zh}风险`,
        nameEn: `Disputes received, ${en} risk`,
        formula: `期间内登记受理、当前风险等级为“${zh}”的矛盾纠纷案件数`,
        kind: 'period',
      },
      (q) => sql`SELECT a.code, count(*)::int AS n ${received(q)} AND c.risk_level = ${level} GROUP BY a.code`,
    ),
  ),
];
