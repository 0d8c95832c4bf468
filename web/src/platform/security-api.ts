import type { AuditPage, SecurityAlertQuery } from '../../../src/platform/audit/schema.ts';
import { apiGet } from '../api';

/** Security alerts for the security admin, newest first (audit records `security.alert`). */
export function listSecurityAlerts(query: SecurityAlertQuery): Promise<AuditPage> {
  return apiGet<AuditPage>('/security/alerts', { ...query });
}
