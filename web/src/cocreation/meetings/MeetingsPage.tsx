import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { MEETING_KINDS, type MeetingSummary } from '../../../../src/modules/cocreation/meeting-schema.ts';
import type { MeetingKind } from '../../../../src/modules/cocreation/kinds.ts';
import { errorMessage } from '../../api';
import { useMe } from '../../auth';
import { ResponsiveList } from '../../components/ResponsiveList';
import { CocreationTabs } from '../CocreationTabs';
import { listMeetings, STATUS_COLOR } from './meetings-api';
import { ScheduleMeetingModal } from './ScheduleMeetingModal';

const EDITORS = ['county_staff', 'township_staff', 'village_cadre'];

/** Deliberation meetings of the user's area, newest first; a cadre schedules one here. */
export default function MeetingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [kind, setKind] = useState<MeetingKind | undefined>();
  const [meetings, setMeetings] = useState<MeetingSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const load = useCallback(() => {
    setMeetings(null);
    listMeetings({ kind }).then(setMeetings, (err: unknown) => {
      setError(errorMessage(err));
      setMeetings([]);
    });
  }, [kind]);
  useEffect(load, [load]);

  const columns: ColumnsType<MeetingSummary> = [
    { key: 'title', title: t('cocreationMeetings.col.title'), render: (_, m) => <Link to={`/cocreation/meetings/${m.id}`}>{m.title}</Link> },
    { key: 'kind', title: t('cocreationMeetings.col.kind'), width: 130, render: (_, m) => t(`cocreationMeetings.kind.${m.kind}`) },
    { key: 'village', title: t('cocreationMeetings.col.village'), width: 150, render: (_, m) => m.regionName },
    { key: 'startsAt', title: t('cocreationMeetings.col.startsAt'), width: 150, render: (_, m) => dayjs(m.startsAt).format('YYYY-MM-DD HH:mm') },
    {
      key: 'status',
      title: t('cocreationMeetings.col.status'),
      width: 110,
      render: (_, m) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOR[m.status]}>{t(`cocreationMeetings.status.${m.status}`)}</Tag>
          {m.quorumMet === false && <Tag color="orange">{t('cocreationMeetings.detail.quorumNotMet')}</Tag>}
        </Space>
      ),
    },
    { key: 'attendance', title: t('cocreationMeetings.col.attendance'), width: 90, render: (_, m) => `${m.attendedCount} / ${m.invitedCount}` },
    { key: 'resolutions', title: t('cocreationMeetings.col.resolutions'), width: 80, render: (_, m) => m.resolutionCount },
  ];

  return (
    <>
      <CocreationTabs />
      <div data-testid="meetings-page">
        <Typography.Paragraph type="secondary">{t('cocreationMeetings.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Card
          title={
            <Select<MeetingKind>
              allowClear
              placeholder={t('cocreationMeetings.form.kind')}
              value={kind}
              onChange={setKind}
              style={{ minWidth: 150 }}
              options={MEETING_KINDS.map((k) => ({ value: k, label: t(`cocreationMeetings.kind.${k}`) }))}
            />
          }
          extra={
            EDITORS.includes(me.role) && (
              <Button type="primary" onClick={() => setAdding(true)} data-testid="meeting-schedule">
                {t('cocreationMeetings.schedule')}
              </Button>
            )
          }
        >
          <ResponsiveList<MeetingSummary>
            columns={columns}
            dataSource={meetings ?? undefined}
            loading={meetings === null}
            rowKey="id"
            size="small"
            locale={{ emptyText: t('cocreationMeetings.empty') }}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            onRow={(m) => ({ 'data-testid': 'meeting-row', 'data-title': m.title, 'data-status': m.status })}
          />
        </Card>
      </div>
      {adding && (
        <ScheduleMeetingModal
          onClose={() => setAdding(false)}
          onDone={(m) => {
            setAdding(false);
            navigate(`/cocreation/meetings/${m.id}`);
          }}
        />
      )}
    </>
  );
}
