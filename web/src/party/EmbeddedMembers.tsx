import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmbeddedMember, EmbeddedMemberPage, ServiceHours } from '../../../src/modules/party/schema.ts';
import { getEmbedded, listEmbedded } from './party-api';
import { usePaged } from './use-paged';

const EMPTY: EmbeddedMemberPage = { items: [], total: 0, totalHours: 0 };

/** The service records of one embedded member, loaded when the row opens. */
function HoursRecords({ id }: { id: string }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState<ServiceHours[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    getEmbedded(id).then(
      (d) => !cancelled && setHours(d.hours),
      () => !cancelled && setHours([]),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);
  const columns: ColumnsType<ServiceHours> = [
    { key: 'on', title: t('party.embedded.servedOn'), dataIndex: 'servedOn' },
    { key: 'hours', title: t('party.embedded.hours'), dataIndex: 'hours' },
    { key: 'activity', title: t('party.embedded.activity'), dataIndex: 'activity' },
  ];
  return <Table<ServiceHours> rowKey="id" size="small" loading={hours === null} columns={columns} dataSource={hours ?? []} pagination={false} />;
}

/** Embedded members (下沉党员, 双报到) reporting to communities in a region, with their hours of service. */
export function EmbeddedMembers({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation();
  const { data, loading, pagination } = usePaged((p) => listEmbedded(regionCode, p), regionCode, EMPTY);
  const columns: ColumnsType<EmbeddedMember> = [
    {
      key: 'name',
      title: t('party.embedded.name'),
      render: (_, e) => (
        <Space size={4}>
          {e.name}
          {e.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
        </Space>
      ),
    },
    { key: 'unit', title: t('party.embedded.workUnit'), dataIndex: 'workUnit' },
    { key: 'position', title: t('party.embedded.position'), render: (_, e) => e.position ?? t('common.empty') },
    { key: 'village', title: t('party.embedded.village'), dataIndex: 'villageName' },
    { key: 'reported', title: t('party.embedded.reportedOn'), dataIndex: 'reportedOn' },
    { key: 'records', title: t('party.embedded.records'), dataIndex: 'recordCount' },
    { key: 'total', title: t('party.embedded.totalHours'), dataIndex: 'totalHours' },
  ];
  return (
    <div data-testid="party-embedded">
      <Typography.Paragraph type="secondary">{t('party.embedded.regionTotal', { hours: data.totalHours })}</Typography.Paragraph>
      <Table<EmbeddedMember>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        pagination={pagination}
        expandable={{ expandedRowRender: (e) => <HoursRecords id={e.id} /> }}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}
