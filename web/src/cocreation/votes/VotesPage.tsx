import { Alert, Button, Card, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Vote } from '../../../../src/modules/cocreation/vote-schema.ts';
import type { VoteStatus } from '../../../../src/modules/cocreation/kinds.ts';
import { errorMessage } from '../../api';
import { useMe } from '../../auth';
import { ResponsiveList } from '../../components/ResponsiveList';
import { CocreationTabs } from '../CocreationTabs';
import { CreateVoteModal } from './CreateVoteModal';
import { listVotes } from './votes-api';

export const VOTE_STATUS_COLOR = { draft: 'default', open: 'blue', closed: 'green' } as const;
const EDITORS = ['county_staff', 'township_staff', 'village_cadre'];

/** The votes of the user's area: open ones first, then drafts, then closed; a cadre drafts one here. */
export default function VotesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [status, setStatus] = useState<VoteStatus | 'all'>('all');
  const [votes, setVotes] = useState<Vote[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const load = useCallback(() => {
    setVotes(null);
    listVotes(status === 'all' ? {} : { status }).then(setVotes, (err: unknown) => {
      setError(errorMessage(err));
      setVotes([]);
    });
  }, [status]);
  useEffect(load, [load]);

  const columns: ColumnsType<Vote> = [
    { key: 'title', title: t('cocreationVotes.col.title'), render: (_, v) => <Link to={`/cocreation/votes/${v.id}`}>{v.title}</Link> },
    { key: 'region', title: t('cocreationVotes.col.region'), width: 140, render: (_, v) => v.regionName },
    {
      key: 'method',
      title: t('cocreationVotes.col.method'),
      width: 170,
      render: (_, v) => `${t(`cocreationVotes.method.${v.method}`)} · ${t(`cocreationVotes.electorate.${v.electorate}`)}`,
    },
    {
      key: 'status',
      title: t('cocreationVotes.col.status'),
      width: 130,
      render: (_, v) => (
        <Space size={4} wrap>
          <Tag color={VOTE_STATUS_COLOR[v.status]}>{t(`cocreationVotes.status.${v.status}`)}</Tag>
          {v.due && <Tag color="orange">{t('cocreationVotes.due')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'closesAt',
      title: t('cocreationVotes.col.closesAt'),
      width: 140,
      render: (_, v) => (v.closesAt ? dayjs(v.closesAt).format('YYYY-MM-DD HH:mm') : ''),
    },
    {
      key: 'turnout',
      title: t('cocreationVotes.col.turnout'),
      width: 110,
      render: (_, v) => (v.electorateSize === null ? '' : `${v.turnoutPct}% (${v.ballots}/${v.electorateSize})`),
    },
  ];

  return (
    <>
      <CocreationTabs />
      <div data-testid="votes-page">
        <Typography.Paragraph type="secondary">{t('cocreationVotes.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Card
          title={
            <Segmented<VoteStatus | 'all'>
              value={status}
              onChange={setStatus}
              options={[
                { value: 'all', label: t('cocreationVotes.all') },
                ...(['open', 'draft', 'closed'] as const).map((s) => ({ value: s, label: t(`cocreationVotes.status.${s}`) })),
              ]}
            />
          }
          extra={
            EDITORS.includes(me.role) && (
              <Button type="primary" onClick={() => setAdding(true)} data-testid="vote-add">
                {t('cocreationVotes.add')}
              </Button>
            )
          }
        >
          <ResponsiveList<Vote>
            columns={columns}
            dataSource={votes ?? undefined}
            loading={votes === null}
            rowKey="id"
            size="small"
            locale={{ emptyText: t('cocreationVotes.empty') }}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            onRow={(v) => ({ 'data-testid': 'vote-row', 'data-title': v.title, 'data-status': v.status })}
          />
        </Card>
      </div>
      {adding && <CreateVoteModal onDone={(v) => void navigate(`/cocreation/votes/${v.id}`)} onClose={() => setAdding(false)} />}
    </>
  );
}
