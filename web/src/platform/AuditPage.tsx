import { App, Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditPage as AuditPageData, AuditRecord } from '../../../src/platform/audit/schema.ts';
import { errorMessage } from '../api';
import { roleLabel } from '../labels';
import { listAudit } from './audit-api';
import { AuditFilters, type AuditFilter } from './AuditFilters';
import { AuditRecordDetails } from './AuditRecordDetails';

const OUTCOME_COLORS: Record<AuditRecord['outcome'], string> = { ok: 'green', denied: 'orange', failed: 'red' };

/** The audit log for the audit admin: filter, page through, expand a record to see the change. */
export default function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [data, setData] = useState<AuditPageData>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    listAudit({ ...filter, page, pageSize })
      .then((result) => !cancelled && setData(result))
      .catch((err: unknown) => !cancelled && void message.error(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [filter, page, pageSize, message]);

  const empty = t('common.empty');
  const columns: ColumnsType<AuditRecord> = [
    { key: 'seq', dataIndex: 'seq', title: t('audit.column.seq'), width: 80 },
    // Shown exactly as recorded (with its +08:00 offset): an audit log should not reinterpret time.
    { key: 'time', dataIndex: 'occurredAt', title: t('audit.column.time') },
    { key: 'actor', title: t('audit.column.actor'), render: (_, r) => r.actorName ?? r.actorId ?? empty },
    { key: 'role', title: t('audit.column.role'), render: (_, r) => roleLabel(t, r.actorRole) },
    {
      key: 'action',
      title: t('audit.column.action'),
      render: (_, r) => <Typography.Text code>{r.action}</Typography.Text>,
    },
    {
      key: 'target',
      title: t('audit.column.target'),
      render: (_, r) => [r.targetType, r.targetId].filter(Boolean).join(' ') || empty,
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
        <AuditFilters
          onSearch={(next) => {
            setFilter(next);
            setPage(1);
          }}
        />
      </div>
      <div data-testid="audit-table">
        <Table<AuditRecord>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={data.items}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (r) => <AuditRecordDetails record={r} /> }}
          pagination={{
            current: page,
            pageSize,
            total: data.total,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
        />
      </div>
    </Card>
  );
}
