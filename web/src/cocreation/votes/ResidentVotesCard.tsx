import { Alert, App, Button, Card, Empty, Flex, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentVotes } from '../../../../src/modules/cocreation/vote-schema.ts';
import { ApiError, errorMessage } from '../../api';
import { ChoicePicker } from './ChoicePicker';
import { TallyBars } from './TallyBars';
import { castBallot, residentVotes } from './votes-api';

type OpenVote = ResidentVotes['open'][number];
const when = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm');

/**
 * The resident's votes on the village page (a phone, 390 px): open votes they are an elector of,
 * with a ballot or "you voted on … (online / paper)", and the tallies of closed votes.
 */
export function ResidentVotesCard({ villageCode, onExpired }: { villageCode: string; onExpired: () => void }) {
  const { t } = useTranslation();
  const [data, setData] = useState<ResidentVotes | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) onExpired();
      else setError(errorMessage(err));
    },
    [onExpired],
  );
  const load = useCallback(() => {
    residentVotes(villageCode).then(setData, fail);
  }, [villageCode, fail]);
  useEffect(load, [load]);

  return (
    <Card title={t('cocreationVotes.resident.title')} size="small" loading={data === null && !error} data-testid="resident-votes">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {data && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {data.open.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cocreationVotes.resident.none')} />}
          {data.open.map((v) => (
            <OpenVoteBallot key={v.id} villageCode={villageCode} vote={v} onCast={load} onError={fail} />
          ))}
          {data.closed.length > 0 && <Typography.Text strong>{t('cocreationVotes.resident.results')}</Typography.Text>}
          {data.closed.map((v) => (
            <div key={v.id} data-testid="resident-closed-vote">
              <Typography.Paragraph strong style={{ marginBottom: 4, overflowWrap: 'anywhere' }}>
                {v.title}
              </Typography.Paragraph>
              {v.result && <TallyBars tally={v.result} quorumPct={v.quorumPct} passPct={v.passPct} />}
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

function OpenVoteBallot({ villageCode, vote, onCast, onError }: { villageCode: string; vote: OpenVote; onCast(): void; onError(err: unknown): void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [choices, setChoices] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const household = vote.electorate === 'household';
  const cast = () =>
    modal.confirm({
      content: t('cocreationVotes.resident.confirm'),
      onOk: async () => {
        setSaving(true);
        try {
          await castBallot(villageCode, vote.id, choices);
          void message.success(t('cocreationVotes.resident.done'));
          onCast();
        } catch (err) {
          onError(err);
          onCast();
        } finally {
          setSaving(false);
        }
      },
    });
  return (
    <Flex vertical gap={6} data-testid="resident-open-vote" data-title={vote.title}>
      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
        {vote.title}
      </Typography.Text>
      <Typography.Text type="secondary">
        {vote.closesAt && t('cocreationVotes.resident.closesAt', { date: when(vote.closesAt) })}
        {household && ` · ${t('cocreationVotes.resident.household')}`}
      </Typography.Text>
      {vote.myVote ? (
        <Alert
          type="success"
          showIcon
          data-testid="resident-voted"
          title={t(household ? 'cocreationVotes.resident.votedHousehold' : 'cocreationVotes.resident.voted', {
            date: when(vote.myVote.votedAt),
            channel: t(`cocreationVotes.channel.${vote.myVote.channel}`),
          })}
        />
      ) : (
        <>
          <Typography.Text type="secondary">
            {t(vote.method === 'approval' ? 'cocreationVotes.resident.pickSome' : 'cocreationVotes.resident.pickOne')}
          </Typography.Text>
          <ChoicePicker method={vote.method} options={vote.options} value={choices} onChange={setChoices} />
          <Button type="primary" block disabled={choices.length === 0} loading={saving} onClick={cast} data-testid="resident-vote-submit">
            {t('cocreationVotes.resident.submit')}
          </Button>
        </>
      )}
    </Flex>
  );
}
