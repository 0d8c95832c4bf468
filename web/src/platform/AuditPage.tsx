import { Alert, Button, Card, Flex, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../../src/platform/audit/schema.ts';
import { currentLanguage } from '../i18n';
import { roleLabel } from '../labels';
import { listAudit } from './audit-api';
import { auditLocalTime, eventLabel, targetTypeLabel } from './audit-labels';
import { AuditFilters, type AuditFilter } from './AuditFilters';
import { AuditRecordDetails } from './AuditRecordDetails';
import { PagedAuditTable } from './PagedAuditTable';

const OUTCOME_COLORS: Record<AuditRecord['outcome'], string> = { ok: 'green', denied: 'orange', failed: 'red' };

/**
 * The audit log for the audit admin: events in words, objects by name, filters picked from lists,
 * and an .xlsx export of what the filters select. An object's name opens that object's history in
 * the log (the auditor's role opens no business pages, 三权分立).
 */
export default function AuditPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [filter, setFilter] = useState<AuditFilter>({});
  const load = useCallback((page: number, pageSize: number) => listAudit({ ...filter, page, pageSize }), [filter]);
  const empty = t('common.empty');

  const columns: ColumnsType<AuditRecord> = [
    { key: 'seq', dataIndex: 'seq', title: t('audit.column.seq'), width: 80 },
    { key: 'time', title: t('audit.column.time'), render: (_, r) => <span data-testid="audit-time">{auditLocalTime(r.occurredAt)}</span> },
    { key: 'actor', title: t('audit.column.actor'), render: (_, r) => r.actorName ?? r.actorId ?? empty },
    { key: 'role', title: t('audit.column.role'), render: (_, r) => roleLabel(t, r.actorRole) },
    {
      key: 'action',
      title: t('audit.column.action'),
      render: (_, r) => (
        <Flex vertical>
          <span data-testid="audit-event">{eventLabel(r.action, lang)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.action}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'target',
      title: t('audit.column.target'),
      render: (_, r) => {
        if (!r.targetType) return empty;
        const kind = targetTypeLabel(r.targetType, lang);
        if (!r.targetId) return kind;
        return (
          <Flex vertical align="flex-start">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {kind}
            </Typography.Text>
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto' }}
              title={t('audit.targetHistory')}
              data-testid="audit-target"
              onClick={() => setFilter({ targetType: r.targetType ?? undefined, targetId: r.targetId ?? undefined })}
            >
              {r.targetName ?? t('audit.unnamedTarget', { id: r.targetId.slice(0, 8) })}
            </Button>
          </Flex>
        );
      },
    },
    {
      key: 'outcome',
      title: t('audit.column.outcome'),
      render: (_, r) => <Tag color={OUTCOME_COLORS[r.outcome]}>{t(`audit.outcome.${r.outcome}`)}</Tag>,
    },
    { key: 'clientIp', title: t('audit.column.clientIp'), render: (_, r) => r.clientIp ?? empty },
  ];

  return (
    <Card title={t('nav.audit')}>
      <div style={{ marginBottom: 16 }}>
        <AuditFilters current={filter} onSearch={setFilter} />
      </div>
      {filter.targetType && filter.targetId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('audit.targetFilter', { kind: targetTypeLabel(filter.targetType, lang) })}
          action={
            <Button size="small" onClick={() => setFilter({})}>
              {t('audit.filter.reset')}
            </Button>
          }
        />
      )}
      <PagedAuditTable
        key={JSON.stringify(filter)}
        load={load}
        columns={columns}
        testId="audit-table"
        expandable={{ expandedRowRender: (r) => <AuditRecordDetails record={r} /> }}
      />
    </Card>
  );
}
