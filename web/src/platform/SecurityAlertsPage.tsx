import { Alert, Card, Flex, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../../src/platform/audit/schema.ts';
import { REVEAL_RATE_EXCEEDED, type RevealAlertDetails } from '../../../src/platform/reveal/schema.ts';
import { formatDateTime, roleLabel } from '../labels';
import { PagedAuditTable } from './PagedAuditTable';
import { listSecurityAlerts } from './security-api';

/** An alert raised by the reveal throttle (platform/reveal); other kinds show the server's own sentence. */
function revealAlert(details: unknown): RevealAlertDetails | null {
  if (typeof details !== 'object' || details === null) return null;
  const d = details as Partial<RevealAlertDetails>;
  return d.kind === REVEAL_RATE_EXCEEDED && (d.window === 'ten_minutes' || d.window === 'day') && d.limits && d.lastTarget ? (d as RevealAlertDetails) : null;
}

function serverMessage(details: unknown): string | null {
  const m = typeof details === 'object' && details !== null ? (details as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : null;
}

/** The number a refused reveal asked for, in words: "居民身份证号". */
function targetLabel(t: TFunction, target: RevealAlertDetails['lastTarget']): string {
  if (target.type === 'resident' && target.field === 'idNumber') return t('securityAlerts.target.residentIdNumber');
  if (target.type === 'resident' && target.field === 'phone') return t('securityAlerts.target.residentPhone');
  if (target.type === 'work_order') return t('securityAlerts.target.workOrderPhone');
  return t('securityAlerts.target.other');
}

/**
 * Security alerts for the security admin (e.g. a user over the limits for revealing full numbers),
 * newest first. The audit log itself stays the audit admin's (三权分立), so the page names the
 * account to look up there rather than linking to it.
 */
export default function SecurityAlertsPage() {
  const { t } = useTranslation();
  const load = useCallback((page: number, pageSize: number) => listSecurityAlerts({ page, pageSize }), []);

  const columns: ColumnsType<AuditRecord> = [
    { key: 'time', title: t('securityAlerts.column.time'), render: (_, r) => formatDateTime(r.occurredAt) },
    {
      key: 'user',
      title: t('securityAlerts.column.user'),
      render: (_, r) => {
        const alert = revealAlert(r.details);
        const username = alert?.username ?? r.actorName;
        return (
          <Flex vertical>
            <Typography.Text strong>{alert?.displayName ?? username ?? t('common.empty')}</Typography.Text>
            <Typography.Text type="secondary">{[username, roleLabel(t, alert?.role ?? r.actorRole)].filter(Boolean).join(' · ')}</Typography.Text>
          </Flex>
        );
      },
    },
    {
      key: 'what',
      title: t('securityAlerts.column.what'),
      render: (_, r) => {
        const alert = revealAlert(r.details);
        if (!alert) return serverMessage(r.details) ?? r.action;
        return (
          <Flex vertical gap={4} align="flex-start">
            <Tag color="red">{t('securityAlerts.kind.revealRateExceeded')}</Tag>
            <span data-testid="security-alert-summary">
              {t('securityAlerts.revealExceeded', {
                window: t(`securityAlerts.window.${alert.window}`),
                limit: alert.window === 'ten_minutes' ? alert.limits.per10Min : alert.limits.perDay,
              })}
            </span>
            <Typography.Text type="secondary">{t('securityAlerts.refused', { target: targetLabel(t, alert.lastTarget) })}</Typography.Text>
          </Flex>
        );
      },
    },
  ];

  return (
    <Card title={t('nav.security-alerts')}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('securityAlerts.auditHint')} />
      <PagedAuditTable load={load} columns={columns} testId="security-alerts-table" defaultPageSize={20} emptyText={t('securityAlerts.empty')} />
    </Card>
  );
}
