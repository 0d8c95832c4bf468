import { Card, Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { kindLabel } from '../labels';

interface RegionDetailsProps {
  region: Region;
  subregions: Region[] | undefined;
  loading: boolean;
  onSelect(code: string): void;
}

/** One region's facts and a table of the regions directly below it. */
export function RegionDetails({ region, subregions, loading, onSelect }: RegionDetailsProps) {
  const { t } = useTranslation();
  return (
    <Card title={region.name}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'code',
            label: t('region.field.code'),
            children: <Typography.Text copyable>{region.code}</Typography.Text>,
          },
          { key: 'level', label: t('region.field.level'), children: t(`region.level.${region.level}`) },
          { key: 'kind', label: t('region.field.kind'), children: kindLabel(t, region.kind) },
          { key: 'childCount', label: t('region.field.childCount'), children: region.childCount },
        ]}
      />
      <Typography.Title level={5}>{t('region.children')}</Typography.Title>
      <Table<Region>
        key={region.code}
        rowKey="code"
        size="small"
        loading={loading}
        dataSource={subregions ?? []}
        locale={{ emptyText: t('region.noChildren') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => onSelect(r.code), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'name', dataIndex: 'name', title: t('region.field.name') },
          { key: 'code', dataIndex: 'code', title: t('region.field.code') },
          { key: 'kind', title: t('region.field.kind'), render: (_, r) => kindLabel(t, r.kind) },
          { key: 'childCount', dataIndex: 'childCount', title: t('region.field.childCount'), align: 'right' },
        ]}
      />
    </Card>
  );
}
