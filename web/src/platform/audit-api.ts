import type { AuditPage, AuditQuery } from '../../../src/platform/audit/schema.ts';
import { apiGet } from '../api';

export function listAudit(query: AuditQuery): Promise<AuditPage> {
  return apiGet<AuditPage>('/audit', { ...query });
}
