import { sql } from 'kysely';
import { areaRows, countMeasure, type Measure, type MeasureQuery } from '../../platform/measures.js';
import { chinaDate } from '../../platform/time.js';

// Burden reduction's figures for the overview and assessment (platform/measures.ts): what upper
// levels sent down and what the access check kept away, certificates avoided.

const sent = (q: MeasureQuery) =>
  sql`FROM ${areaRows(q.areas)} JOIN work_items w ON w.target_path <@ a.path
      WHERE w.created_at >= ${q.from} AND w.created_at < ${q.to}`;

/** Documents and meetings sent from inside the area, by the day they were issued or held. */
const notices = (q: MeasureQuery) =>
  sql`FROM ${areaRows(q.areas)} JOIN notices n ON n.sender_path <@ a.path
      WHERE n.issued_on >= ${chinaDate(q.from)}::date AND n.issued_on < ${chinaDate(q.to)}::date`;

/** Reports generated for the area or inside it in the period, with their templates. */
const reports = (q: MeasureQuery) =>
  sql`FROM ${areaRows(q.areas)} JOIN reports r ON r.path <@ a.path JOIN report_templates t ON t.id = r.template_id
      WHERE r.created_at >= ${q.from} AND r.created_at < ${q.to}`;
/** The fields of a report the system filled (its stored `system` figures). */
const systemFields = sql`(SELECT count(*) FROM jsonb_object_keys(coalesce(r.figures -> 'system', '{}'::jsonb)))`;

export const DUTY_MEASURES: readonly Measure[] = [
  countMeasure(
    {
      id: 'duties.work_items_sent',
      name: '上级派发事项数',
      nameEn: 'Work items sent to villages',
      formula: '期间内上级部门、乡镇派往村（社区）的事项数（每村一件）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n ${sent(q)} GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'duties.work_items_delivered',
      name: '准入下达事项数',
      nameEn: 'Work items delivered',
      formula: '期间内派往村（社区）并经准入审查下达的事项数（含批准的例外事项）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n ${sent(q)} AND w.status = 'delivered' GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'duties.work_items_refused',
      name: '替村拒收事项数',
      nameEn: 'Work items refused for villages',
      formula: '期间内派往村（社区）、因负面清单或不在清单内被拒收的事项数（含未获批准的例外申请）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n ${sent(q)} AND w.status IN ('refused', 'rejected') GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'duties.certificates_avoided',
      name: '减免证明次数',
      nameEn: 'Certificates avoided',
      formula: '期间内村（社区）按清单答复“不再出具”、改用告知承诺或部门核查的次数',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN certificate_answers c ON c.path <@ a.path
               WHERE c.created_at >= ${q.from} AND c.created_at < ${q.to} GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'duties.data_requests_answered',
      name: '村级数据报送次数',
      nameEn: 'Data requests answered by villages',
      formula: '期间内村（社区）答复的系统外数据报送次数（同一数据同一期间只填一次）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN work_items w ON w.target_path <@ a.path
               WHERE w.kind = 'data_request' AND w.answered_at >= ${q.from} AND w.answered_at < ${q.to} GROUP BY a.code`,
  ),
  countMeasure(
    { id: 'duties.signboards_removed', name: '清理牌子数', nameEn: 'Signboards removed', formula: '期间内村（社区）登记为已清理的外部挂牌数', kind: 'period' },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN burden_register b ON b.path <@ a.path
               WHERE b.kind = 'signboard' AND b.status = 'removed' AND b.removed_on >= ${chinaDate(q.from)}::date AND b.removed_on < ${chinaDate(q.to)}::date GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'duties.groups_apps_removed',
      name: '清理工作群和 App 数',
      nameEn: 'Work groups and apps cleared',
      formula: '期间内登记为已清理的工作群和政务 App 数',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN burden_register b ON b.path <@ a.path
               WHERE b.kind IN ('work_group', 'app') AND b.status = 'removed' AND b.removed_on >= ${chinaDate(q.from)}::date AND b.removed_on < ${chinaDate(q.to)}::date GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'duties.documents_sent',
      name: '向下发文数',
      nameEn: 'Documents sent down',
      formula: '期间内县级、乡镇（街道）登记的发往乡镇、村（社区）的文件数（按发文日期，一份文件计一次）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n ${notices(q)} AND n.kind = 'document' GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'duties.meetings_held',
      name: '要求基层参加的会议数',
      nameEn: 'Meetings called for villages',
      formula: '期间内县级、乡镇（街道）登记的要求乡镇、村（社区）干部参加的会议数（按开会日期，一次会议计一次）',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n ${notices(q)} AND n.kind = 'meeting' GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'duties.report_fields_system',
      name: '报表系统取数项数',
      nameEn: 'Report fields filled by the system',
      formula: '期间内生成的上级报表中由系统指标自动填写的字段数之和',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, coalesce(sum(${systemFields}), 0)::int AS n ${reports(q)} GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'duties.report_fields_asked',
      name: '报表向村收集项数',
      nameEn: 'Report fields asked of villages',
      formula: '期间内生成的上级报表中系统没有、须由村（社区）填报（或沿用已填报数据）的字段数之和',
      kind: 'period',
    },
    (q) => sql`SELECT a.code, coalesce(sum(jsonb_array_length(t.fields) - ${systemFields}), 0)::int AS n ${reports(q)} GROUP BY a.code`,
  ),
  countMeasure(
    {
      id: 'duties.signboards_left',
      name: '保留及待清理牌子数',
      nameEn: 'Signboards still hanging',
      formula: '当前未清理的外部挂牌数（有依据保留的和待清理的）',
      kind: 'stock',
    },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN burden_register b ON b.path <@ a.path
               WHERE b.kind = 'signboard' AND b.status <> 'removed' GROUP BY a.code`,
  ),
];
