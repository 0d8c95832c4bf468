import type { AuditActor, AuditExportQuery, AuditPage, AuditQuery } from '../../../src/platform/audit/schema.ts';
import { apiGet } from '../api';

export function listAudit(query: AuditQuery): Promise<AuditPage> {
  return apiGet<AuditPage>('/audit', { ...query });
}

/** Accounts to filter the log by, matched on username or name. */
export function listAuditActors(q?: string): Promise<AuditActor[]> {
  return apiGet<AuditActor[]>('/audit/actors', q ? { q } : {});
}

/** The .xlsx download of the filtered log (the server caps the rows and audits the export). */
export function auditExportUrl(query: AuditExportQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  return `/api/v1/audit/export?${params.toString()}`;
}
