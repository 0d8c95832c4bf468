import { ROLE_LABELS, type Role } from '../accounts/schema.js';
import { newWorkbook } from '../spreadsheet.js';
import { auditEventLabel, auditTargetLabel } from './events.js';
import type { AuditRecord } from './schema.js';

const ROLE_EN: Record<Role, string> = {
  system_admin: 'System administrator',
  security_admin: 'Security administrator',
  audit_admin: 'Audit administrator',
  county_staff: 'County staff',
  township_staff: 'Township staff',
  village_cadre: 'Village cadre',
  grid_worker: 'Grid worker',
  department_staff: 'Department staff',
  resident: 'Resident',
};

const HEADERS = {
  'zh-CN': ['序号', '时间', '操作人', '角色', '事件', '事件代码', '对象类型', '对象', '结果', '来源 IP'],
  en: ['Seq', 'Time', 'Actor', 'Role', 'Event', 'Event code', 'Object type', 'Object', 'Outcome', 'Client IP'],
} as const;
const OUTCOMES = { 'zh-CN': { ok: '成功', denied: '拒绝', failed: '失败' }, en: { ok: 'OK', denied: 'Denied', failed: 'Failed' } } as const;

/** Local time (the records carry +08:00) to the second: "2026-11-23 09:05:12". */
export function auditTime(occurredAt: string): string {
  return `${occurredAt.slice(0, 10)} ${occurredAt.slice(11, 19)}`;
}

function roleName(role: string | null, lang: 'zh-CN' | 'en'): string {
  if (!role) return '';
  const labels: Record<string, string> = lang === 'en' ? ROLE_EN : ROLE_LABELS;
  return labels[role] ?? role;
}

/** The exported log: one row per record, events and objects in words; a last line says when rows were left out. */
export async function buildAuditSheet(records: AuditRecord[], lang: 'zh-CN' | 'en', total: number): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(lang === 'en' ? 'Audit log' : '审计日志');
  const widths = [10, 20, 16, 18, 20, 24, 12, 28, 8, 16];
  ws.columns = HEADERS[lang].map((header, i) => ({ header, width: widths[i], style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of records) {
    ws.addRow([
      String(r.seq),
      auditTime(r.occurredAt),
      r.actorName ?? '',
      roleName(r.actorRole, lang),
      auditEventLabel(r.action, lang),
      r.action,
      r.targetType ? auditTargetLabel(r.targetType, lang) : '',
      r.targetName ?? r.targetId ?? '',
      OUTCOMES[lang][r.outcome],
      r.clientIp ?? '',
    ]);
  }
  if (total > records.length) {
    ws.addRow([]);
    ws.addRow([
      lang === 'en'
        ? `Only the newest ${records.length} of ${total} records are exported; narrow the filters.`
        : `仅导出最新 ${records.length} 条（共 ${total} 条），请缩小筛选范围。`,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
