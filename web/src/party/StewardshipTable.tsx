import { Segmented, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STEWARDSHIP_LEVELS, type Stewardship, type StewardshipLevel, type StewardshipPage } from '../../../src/modules/party/stewardship-schema.ts';
import { listStewardships } from './party-api';
import { usePaged } from './use-paged';

const EMPTY: StewardshipPage = { items: [], total: 0 };

/** Stewardship assignments (包保) in scope, level by level: township, village, group, household. */
export function StewardshipTable() {
  const { t } = useTranslation();
  const [level, setLevel] = useState<StewardshipLevel | 'all'>('all');
  const { data, loading, pagination } = usePaged((p) => listStewardships(level === 'all' ? undefined : level, p), level, EMPTY);
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
    { key: 'title', title: t('stewardship.column.title'), render: (_, s) => s.leaderTitle ?? t('common.empty') },
    { key: 'target', title: t('stewardship.column.target'), dataIndex: 'targetName' },
    { key: 'started', title: t('stewardship.column.startedOn'), dataIndex: 'startedOn' },
    { key: 'ended', title: t('stewardship.column.endedOn'), render: (_, s) => s.endedOn ?? t('common.empty') },
    {
      key: 'active',
      title: t('stewardship.column.active'),
      render: (_, s) => <Tag color={s.active ? 'green' : 'default'}>{t(s.active ? 'stewardship.active' : 'stewardship.ended')}</Tag>,
    },
  ];
  return (
    <div data-testid="stewardship-table">
      <Segmented<StewardshipLevel | 'all'>
        style={{ marginBottom: 12 }}
        value={level}
        onChange={setLevel}
        options={[{ value: 'all', label: t('stewardship.level.all') }, ...STEWARDSHIP_LEVELS.map((l) => ({ value: l, label: t(`stewardship.level.${l}`) }))]}
      />
      <Table<Stewardship>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        pagination={pagination}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}
