import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit, VisitPage } from '../../../src/modules/party/stewardship-schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { setFollowUp, listVisits } from './party-api';
import { usePaged } from './use-paged';
import { VisitFormModal } from './VisitFormModal';

const EMPTY: VisitPage = { items: [], total: 0 };

/** Visits in scope, newest first, with their follow-up items; "记录走访" records one. */
export function VisitsTab() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const canEdit = me.permissions.includes('stewardship.edit');
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [recording, setRecording] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const { data, loading, pagination, reload } = usePaged((p) => listVisits(p, onlyOpen), String(onlyOpen), EMPTY);

  const toggle = async (v: Visit) => {
    setBusyId(v.id);
    try {
      await setFollowUp(v.id, !v.followUpDone);
      reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  const columns: ColumnsType<Visit> = [
    { key: 'on', title: t('stewardship.visit.visitedOn'), dataIndex: 'visitedOn' },
    { key: 'kind', title: t('stewardship.visit.kind'), render: (_, v) => <Tag color="blue">{t(`stewardship.visitKind.${v.kind}`)}</Tag> },
    { key: 'where', title: t('stewardship.visit.household'), render: (_, v) => v.householdAddress ?? v.regionName },
    {
      key: 'visitor',
      title: t('stewardship.visit.visitor'),
      render: (_, v) => (
        <Space size={4}>
          {v.visitorName}
          {v.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
        </Space>
      ),
    },
    { key: 'notes', title: t('stewardship.visit.notes'), render: (_, v) => v.notes ?? t('common.empty') },
    {
      key: 'followUp',
      title: t('stewardship.visit.followUp'),
      render: (_, v) =>
        v.followUp ? (
          <Space size={4} wrap>
            <Tag color={v.followUpDone ? 'green' : 'gold'}>{t(v.followUpDone ? 'stewardship.visit.followUpDone' : 'stewardship.visit.followUpOpen')}</Tag>
            <Typography.Text>{v.followUp}</Typography.Text>
            {canEdit && (
              <Button type="link" size="small" loading={busyId === v.id} onClick={() => void toggle(v)}>
                {t(v.followUpDone ? 'stewardship.visit.markOpen' : 'stewardship.visit.markDone')}
              </Button>
            )}
          </Space>
        ) : (
          t('common.empty')
        ),
    },
  ];

  return (
    <div data-testid="visits-table">
      <Space style={{ marginBottom: 12 }} wrap>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-visit">
            {t('stewardship.visit.record')}
          </Button>
        )}
        <Switch size="small" checked={onlyOpen} onChange={setOnlyOpen} />
        {t('stewardship.visit.onlyOpen')}
      </Space>
      <ResponsiveList<Visit>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        pagination={pagination}
        scroll={{ x: 'max-content' }}
      />
      {canEdit && (
        <VisitFormModal
          open={recording}
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false);
            void message.success(t('stewardship.visit.saved'));
            reload();
          }}
        />
      )}
    </div>
  );
}
