import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { kindLabel } from '../labels';

interface SubregionsTableProps {
  parentCode: string;
  subregions: Region[] | undefined;
  loading: boolean;
  onSelect(code: string): void;
}

function count(n: number | null): number | string {
  return n ?? '—';
}

/** The regions directly below one (townships, villages), with what each holds; a click opens one. */
export function SubregionsTable({ parentCode, subregions, loading, onSelect }: SubregionsTableProps) {
  const { t } = useTranslation();
  return (
    <Table<Region>
      key={parentCode}
      rowKey="code"
      size="small"
      loading={loading}
      dataSource={subregions ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('region.noChildren') }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      onRow={(r) => ({ onClick: () => onSelect(r.code), style: { cursor: 'pointer' } })}
      columns={[
        { key: 'name', dataIndex: 'name', title: t('region.field.name') },
        { key: 'code', dataIndex: 'code', title: t('region.field.code') },
        { key: 'kind', title: t('region.field.kind'), render: (_, r) => kindLabel(t, r.kind) },
        { key: 'households', title: t('region.field.households'), align: 'right', render: (_, r) => r.counts.households },
        { key: 'residents', title: t('region.field.residents'), align: 'right', render: (_, r) => r.counts.residents },
        { key: 'partyMembers', title: t('region.field.partyMembers'), align: 'right', render: (_, r) => count(r.counts.partyMembers) },
        { key: 'grids', title: t('region.field.grids'), align: 'right', render: (_, r) => count(r.counts.grids) },
        { key: 'childCount', dataIndex: 'childCount', title: t('region.field.childCount'), align: 'right' },
      ]}
    />
  );
}
