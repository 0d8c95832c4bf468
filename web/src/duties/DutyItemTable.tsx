import { Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { DutyItem } from '../../../src/modules/duties/schema.ts';
import { ResponsiveList } from '../components/ResponsiveList';
import { ItemStatusTag } from './status-tags';

export interface DutyItemTableProps {
  items: DutyItem[];
  /** The proposals view: shows who proposed and offers approve / reject. */
  pending?: boolean;
  /** County staff: retire items in force, decide proposals. */
  canManage: boolean;
  onDecide?(item: DutyItem, approve: boolean): void;
  onRetire?(item: DutyItem): void;
}

/** One list's items (code, name, basis, department, dates, inherited or own, status), cards on a phone. */
export function DutyItemTable({ items, pending, canManage, onDecide, onRetire }: DutyItemTableProps) {
  const { t } = useTranslation();
  const columns: ColumnsType<DutyItem> = [
    { key: 'name', title: t('duties.lists.name'), render: (_, r) => `${r.code} ${r.name}` },
    ...(pending ? [{ key: 'list', title: t('duties.lists.list'), render: (_: unknown, r: DutyItem) => r.listName }] : []),
    {
      key: 'basis',
      title: t('duties.lists.basis'),
      render: (_, r) => (
        <>
          {r.basis ?? t('common.empty')}
          {r.procedure.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
              {t('duties.lists.procedure')}
              {t('common.colon')}
              {r.procedure.join(' → ')}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { key: 'department', title: t('duties.lists.department'), width: 160, render: (_, r) => r.departmentName ?? t('common.empty') },
    {
      key: 'effective',
      title: t('duties.lists.effective'),
      width: 170,
      render: (_, r) =>
        r.effectiveTo ? t('duties.lists.fromTo', { from: r.effectiveFrom, to: r.effectiveTo }) : t('duties.lists.from', { from: r.effectiveFrom }),
    },
    {
      key: 'origin',
      title: pending ? t('duties.lists.proposedBy') : t('duties.lists.origin'),
      width: 120,
      render: (_, r) =>
        pending ? r.regionName : <Tag color={r.inherited ? 'blue' : 'purple'}>{r.inherited ? t('duties.lists.inherited') : t('duties.lists.own')}</Tag>,
    },
    { key: 'status', title: t('duties.lists.status'), width: 100, render: (_, r) => <ItemStatusTag status={r.status} /> },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('duties.lists.actions'),
      width: 170,
      render: (_, r) =>
        pending ? (
          <Space size={4}>
            <Button size="small" type="primary" data-testid="duty-approve" onClick={() => onDecide?.(r, true)}>
              {t('duties.lists.approve')}
            </Button>
            <Button size="small" danger data-testid="duty-reject" onClick={() => onDecide?.(r, false)}>
              {t('duties.lists.reject')}
            </Button>
          </Space>
        ) : r.status === 'active' && !r.effectiveTo ? (
          <Button size="small" data-testid="duty-retire" onClick={() => onRetire?.(r)}>
            {t('duties.lists.retire')}
          </Button>
        ) : null,
    });
  }
  return (
    <ResponsiveList<DutyItem>
      columns={columns}
      dataSource={items}
      rowKey="id"
      size="small"
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      onRow={(r) => ({ 'data-testid': 'duty-item-row', 'data-code': r.code })}
      locale={{ emptyText: pending ? t('duties.lists.pendingEmpty') : t('duties.lists.empty') }}
    />
  );
}
