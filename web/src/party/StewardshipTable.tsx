import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Segmented, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { STEWARDSHIP_LEVELS, type Stewardship, type StewardshipLevel, type StewardshipPage } from '../../../src/modules/party/stewardship-schema.ts';
import { useMe } from '../auth';
import { jobTitleEn } from '../locales/names.en';
import { AssignStewardshipModal } from './AssignStewardshipModal';
import { EndDateModal } from './EndDateModal';
import { endStewardship, listStewardships } from './party-api';
import { usePaged } from './use-paged';

const EMPTY: StewardshipPage = { items: [], total: 0 };

/**
 * Stewardship assignments (包保) in scope, level by level: township, village, group, household.
 * Those who assign (staff and cadres; grid workers only record visits) add and end them here.
 */
export function StewardshipTable() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const canAssign = me.permissions.includes('stewardship.edit') && me.role !== 'grid_worker';
  const [level, setLevel] = useState<StewardshipLevel | 'all'>('all');
  const [showEnded, setShowEnded] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState<Stewardship | null>(null);
  const { data, loading, pagination, reload } = usePaged(
    (p) => listStewardships(level === 'all' ? undefined : level, p, showEnded),
    `${level}:${showEnded}`,
    EMPTY,
  );
  const done = (text: string) => {
    setAssigning(false);
    setEnding(null);
    void message.success(text);
    reload();
  };

  const columns: ColumnsType<Stewardship> = [
    { key: 'level', title: t('stewardship.column.level'), render: (_, s) => <Tag>{t(`stewardship.level.${s.level}`)}</Tag> },
    {
      key: 'leader',
      title: t('stewardship.column.leader'),
      render: (_, s) => (
        <Space size={4}>
          {s.leaderName}
          {s.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'title',
      title: t('stewardship.column.title'),
      render: (_, s) => (s.leaderTitle ? (i18n.language === 'en' ? jobTitleEn(s.leaderTitle) : s.leaderTitle) : t('common.empty')),
    },
    { key: 'target', title: t('stewardship.column.target'), dataIndex: 'targetName' },
    { key: 'started', title: t('stewardship.column.startedOn'), dataIndex: 'startedOn' },
    {
      key: 'ended',
      title: t('stewardship.column.endedOn'),
      render: (_, s) => <span data-testid="stewardship-ended-on">{s.endedOn ?? t('common.empty')}</span>,
    },
    {
      key: 'active',
      title: t('stewardship.column.active'),
      render: (_, s) => (
        <Tag color={s.active ? 'green' : 'default'} data-testid="stewardship-state">
          {t(s.active ? 'stewardship.active' : 'stewardship.ended')}
        </Tag>
      ),
    },
    ...(canAssign
      ? [
          {
            key: 'actions',
            fixed: 'right' as const,
            title: t('stewardship.assign.actions'),
            // Ending on the last day already set (today or earlier) would change nothing.
            render: (_: unknown, s: Stewardship) =>
              s.active &&
              (!s.endedOn || s.endedOn > dayjs().format('YYYY-MM-DD')) && (
                <Button type="link" size="small" danger onClick={() => setEnding(s)} data-testid="stewardship-end-open">
                  {t('stewardship.endAssignment.button')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <div data-testid="stewardship-table">
      <Space style={{ marginBottom: 12 }} wrap>
        {canAssign && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setAssigning(true)} data-testid="stewardship-add-open">
            {t('stewardship.assign.button')}
          </Button>
        )}
        <Segmented<StewardshipLevel | 'all'>
          value={level}
          onChange={setLevel}
          options={[{ value: 'all', label: t('stewardship.level.all') }, ...STEWARDSHIP_LEVELS.map((l) => ({ value: l, label: t(`stewardship.level.${l}`) }))]}
        />
        <Space size={4}>
          <Switch size="small" checked={showEnded} onChange={setShowEnded} data-testid="stewardships-show-ended" />
          {t('stewardship.assign.showEnded')}
        </Space>
      </Space>
      <Table<Stewardship>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        pagination={pagination}
        scroll={{ x: 'max-content' }}
        onRow={(s) => ({ 'data-testid': 'stewardship-row', 'data-leader': s.leaderName }) as HTMLAttributes<HTMLElement>}
      />
      {canAssign && (
        <>
          <AssignStewardshipModal
            open={assigning}
            onClose={() => setAssigning(false)}
            onSaved={(s) => done(t('stewardship.assign.saved', { leader: s.leaderName, target: s.targetName }))}
          />
          <EndDateModal
            open={ending !== null}
            title={t('stewardship.endAssignment.title', { leader: ending?.leaderName ?? '', target: ending?.targetName ?? '' })}
            dateLabel={t('stewardship.column.endedOn')}
            testId="stewardship-end"
            allowFuture
            onClose={() => setEnding(null)}
            onSubmit={async (endedOn) => {
              if (ending) await endStewardship(ending.id, endedOn);
              done(t('stewardship.endAssignment.done'));
            }}
          />
        </>
      )}
    </div>
  );
}
