import { App, Table } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditPage, AuditRecord } from '../../../src/platform/audit/schema.ts';
import { errorMessage } from '../api';

interface PagedAuditTableProps {
  /** Loads one page; a new function (new filters) reloads. Remount with a `key` to go back to page 1. */
  load(page: number, pageSize: number): Promise<AuditPage>;
  columns: ColumnsType<AuditRecord>;
  testId: string;
  defaultPageSize?: number;
  expandable?: TableProps<AuditRecord>['expandable'];
  emptyText?: string;
}

/** A page of audit records with the size changer and total: the audit log and the security alerts share it. */
export function PagedAuditTable({ load, columns, testId, defaultPageSize = 50, expandable, emptyText }: PagedAuditTableProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(defaultPageSize);
  const [data, setData] = useState<AuditPage>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    load(page, pageSize)
      .then((result) => !cancelled && setData(result))
      .catch((err: unknown) => !cancelled && void message.error(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [load, page, pageSize, message]);

  return (
    <div data-testid={testId}>
      <Table<AuditRecord>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 'max-content' }}
        expandable={expandable}
        locale={emptyText ? { emptyText } : undefined}
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
  );
}
