import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { VILLAGE_LEVEL_KINDS } from '../../../src/modules/party/org-rules.ts';
import type { EmbeddedMember, EmbeddedMemberPage, PartyOrgDetail, ServiceHours } from '../../../src/modules/party/schema.ts';
import { AddHoursModal } from './AddHoursModal';
import { getEmbedded, listEmbedded } from './party-api';
import { RegisterEmbeddedModal } from './RegisterEmbeddedModal';
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

/**
 * Embedded members (下沉党员, 双报到) reporting to communities in the organization's region, with
 * their hours of service; editors register one and record hours.
 */
export function EmbeddedMembers({ org, canEdit }: { org: PartyOrgDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const regionCode = org.regionCode;
  const [registering, setRegistering] = useState(false);
  const [serving, setServing] = useState<EmbeddedMember | null>(null);
  const { data, loading, pagination, reload } = usePaged((p) => listEmbedded(regionCode, p), regionCode, EMPTY);
  const done = (text: string) => {
    setRegistering(false);
    setServing(null);
    void message.success(text);
    reload();
  };
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
    { key: 'total', title: t('party.embedded.totalHours'), render: (_, e) => <span data-testid="embedded-total">{e.totalHours}</span> },
    ...(canEdit
      ? [
          {
            key: 'actions',
            fixed: 'right' as const,
            title: t('party.memberAction.actions'),
            render: (_: unknown, e: EmbeddedMember) => (
              <Button type="link" size="small" onClick={() => setServing(e)} data-testid="embedded-hours-open">
                {t('party.embeddedForm.addHours')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <div data-testid="party-embedded">
      <Space style={{ marginBottom: 12 }} wrap>
        {canEdit && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="embedded-add-open">
            {t('party.embeddedForm.add')}
          </Button>
        )}
        <Typography.Text type="secondary">{t('party.embedded.regionTotal', { hours: data.totalHours })}</Typography.Text>
      </Space>
      <Table<EmbeddedMember>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        pagination={pagination}
        // Keyed by the count so a record just added shows when the row is open.
        expandable={{ expandedRowRender: (e) => <HoursRecords key={e.recordCount} id={e.id} /> }}
        scroll={{ x: 'max-content' }}
        onRow={(e) => ({ 'data-testid': 'embedded-row', 'data-name': e.name }) as HTMLAttributes<HTMLElement>}
      />
      {canEdit && (
        <>
          <RegisterEmbeddedModal
            open={registering}
            villageCode={VILLAGE_LEVEL_KINDS.includes(org.kind) ? org.regionCode : undefined}
            onClose={() => setRegistering(false)}
            onRegistered={(e) => done(t('party.embeddedForm.saved', { name: e.name }))}
          />
          <AddHoursModal
            member={serving}
            onClose={() => setServing(null)}
            onSaved={(e) => done(t('party.embeddedForm.hoursSaved', { name: e.name, hours: e.totalHours }))}
          />
        </>
      )}
    </div>
  );
}
