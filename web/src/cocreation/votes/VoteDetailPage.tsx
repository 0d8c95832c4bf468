import { Alert, App, Button, Card, Descriptions, Flex, Input, Progress, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Elector, Vote } from '../../../../src/modules/cocreation/vote-schema.ts';
import { errorMessage } from '../../api';
import { useMe } from '../../auth';
import { ResponsiveList } from '../../components/ResponsiveList';
import { CocreationTabs } from '../CocreationTabs';
import { PaperBallotCard } from './PaperBallotCard';
import { TallyBars } from './TallyBars';
import { VOTE_STATUS_COLOR } from './VotesPage';
import { closeVote, getVote, listElectors, openVote } from './votes-api';

const EDITORS = ['county_staff', 'township_staff', 'village_cadre'];
const when = (s: string | null) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '—');

/** One vote: electorate and live turnout, paper ballots with a witness, open and close, the tally once closed. */
export default function VoteDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const { message, modal } = App.useApp();
  const editor = EDITORS.includes(me.role);
  const [vote, setVote] = useState<Vote | null>(null);
  const [electors, setElectors] = useState<Elector[]>([]);
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    getVote(id).then(
      (v) => {
        setVote(v);
        if (v.status !== 'draft') listElectors(id).then(setElectors, (err: unknown) => setError(errorMessage(err)));
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, [id]);
  useEffect(load, [load]);

  const act = (confirm: string, run: () => Promise<Vote>, done: (v: Vote) => string) =>
    modal.confirm({
      content: confirm,
      onOk: async () => {
        try {
          const v = await run();
          void message.success(done(v));
          load();
        } catch (err) {
          setError(errorMessage(err));
        }
      },
    });

  if (!vote) {
    return (
      <>
        <CocreationTabs />
        {error ? <Alert type="error" showIcon title={error} /> : <Card loading />}
      </>
    );
  }

  const shown = q ? electors.filter((e) => e.name.includes(q) || e.address.includes(q)) : electors;
  const columns: ColumnsType<Elector> = [
    { key: 'name', title: t('cocreationVotes.paper.elector'), render: (_, e) => e.name },
    { key: 'address', title: '', render: (_, e) => e.address },
    {
      key: 'voted',
      title: t('cocreationVotes.detail.voted'),
      width: 240,
      render: (_, e) =>
        e.voted ? (
          <Space size={4} wrap>
            <Tag color="green">{t(`cocreationVotes.channel.${e.channel!}`)}</Tag>
            {when(e.votedAt)}
            {e.witnessName && `${t('cocreationVotes.detail.witness')}：${e.witnessName}`}
            {e.enteredBy && `${t('cocreationVotes.detail.enteredBy')}：${e.enteredBy}`}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('cocreationVotes.detail.notVoted')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <CocreationTabs />
      <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="vote-detail">
        {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
        <Card
          title={
            <Flex gap={8} wrap align="center">
              <span style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{vote.title}</span>
              <Tag color={VOTE_STATUS_COLOR[vote.status]} data-testid="vote-status">
                {t(`cocreationVotes.status.${vote.status}`)}
              </Tag>
              {vote.due && <Tag color="orange">{t('cocreationVotes.due')}</Tag>}
            </Flex>
          }
          extra={
            editor && (
              <Space wrap>
                {vote.status === 'draft' && (
                  <Button
                    type="primary"
                    data-testid="vote-open"
                    onClick={() =>
                      act(
                        t('cocreationVotes.openConfirm'),
                        () => openVote(id),
                        (v) => t('cocreationVotes.opened', { n: v.electorateSize ?? 0 }),
                      )
                    }
                  >
                    {t('cocreationVotes.open')}
                  </Button>
                )}
                {vote.status === 'open' && (
                  <Button
                    danger
                    data-testid="vote-close"
                    onClick={() =>
                      act(
                        t('cocreationVotes.closeConfirm'),
                        () => closeVote(id),
                        () => t('cocreationVotes.closed'),
                      )
                    }
                  >
                    {t('cocreationVotes.close')}
                  </Button>
                )}
              </Space>
            )
          }
        >
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('cocreationVotes.col.region')}>{vote.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('cocreationVotes.col.method')}>
              {t(`cocreationVotes.method.${vote.method}`)} · {t(`cocreationVotes.electorate.${vote.electorate}`)} ·{' '}
              {t(vote.secret ? 'cocreationVotes.secretTag' : 'cocreationVotes.namedTag')}
            </Descriptions.Item>
            <Descriptions.Item label={t('cocreationVotes.detail.opensAt')}>{when(vote.opensAt)}</Descriptions.Item>
            <Descriptions.Item label={t('cocreationVotes.detail.closesAt')}>{when(vote.closesAt)}</Descriptions.Item>
            {vote.closedAt && <Descriptions.Item label={t('cocreationVotes.detail.closedAt')}>{when(vote.closedAt)}</Descriptions.Item>}
            <Descriptions.Item label={t('cocreationVotes.detail.electorate')}>
              <span data-testid="vote-electorate">{vote.electorateSize ?? '—'}</span>
            </Descriptions.Item>
          </Descriptions>
          {vote.status === 'draft' && vote.options.length > 0 && (
            <ol style={{ paddingInlineStart: 20, marginTop: 8 }}>
              {vote.options.map((o) => (
                <li key={o.id}>{o.label}</li>
              ))}
            </ol>
          )}
          {vote.status === 'open' && (
            <>
              <Typography.Text>
                {t('cocreationVotes.detail.turnout')}: {vote.ballots} / {vote.electorateSize}
              </Typography.Text>
              <Progress percent={vote.turnoutPct ?? 0} data-testid="vote-turnout" />
              <Typography.Text type="secondary">{t('cocreationVotes.detail.countsHidden')}</Typography.Text>
            </>
          )}
          {vote.result && <TallyBars tally={vote.result} quorumPct={vote.quorumPct} passPct={vote.passPct} />}
          {vote.result?.passed && vote.result.winnerOptionId && editor && (
            <Link
              data-testid="vote-to-project"
              to={`/cocreation/projects?${new URLSearchParams({
                voteOptionId: vote.result.winnerOptionId,
                villageCode: vote.regionCode.slice(0, 12),
                title: vote.options.find((o) => o.id === vote.result!.winnerOptionId)?.label ?? '',
              }).toString()}`}
            >
              {t('cocreationVotes.detail.toProject')}
            </Link>
          )}
        </Card>
        {vote.status === 'open' && editor && <PaperBallotCard vote={vote} electors={electors} onSaved={load} />}
        {vote.status !== 'draft' && (
          <Card
            title={t('cocreationVotes.detail.electors')}
            size="small"
            extra={<Input.Search allowClear placeholder={t('cocreationVotes.detail.search')} onSearch={setQ} style={{ maxWidth: 220 }} />}
          >
            <ResponsiveList<Elector>
              columns={columns}
              dataSource={shown}
              rowKey="id"
              size="small"
              pagination={{ pageSize: 50, showSizeChanger: false }}
              onRow={(e) => ({ 'data-testid': 'elector-row', 'data-name': e.name, 'data-voted': String(e.voted) })}
            />
          </Card>
        )}
      </Space>
    </>
  );
}
