import { Card, Empty, Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DisclosedVote, Disclosure } from '../../../../src/modules/cocreation/disclosure-schema.ts';

const percent = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);

function VoteTally({ vote }: { vote: DisclosedVote }) {
  const { t } = useTranslation();
  const v = 'cocreationProjects.disclosure.vote';
  const label = (o: DisclosedVote['options'][number]) =>
    o.choice ? t(`${v}.${o.choice === 'yes' ? 'yesLabel' : o.choice === 'no' ? 'noLabel' : 'abstainLabel'}`) : o.label;
  return (
    <Card size="small" data-testid="disclosure-vote">
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
          {vote.title}
        </Typography.Text>
        {vote.passed !== null && <Tag color={vote.passed ? 'green' : 'default'}>{t(vote.passed ? `${v}.passed` : `${v}.notPassed`)}</Tag>}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[vote.closedOn && t(`${v}.closedOn`, { day: vote.closedOn }), t(`${v}.method.${vote.method}`), t(`${v}.electorate.${vote.electorate}`)]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      <Flex vertical gap={4} style={{ margin: '8px 0' }}>
        {vote.options.map((o, i) => (
          <div key={i} data-testid="disclosure-vote-option">
            <Flex justify="space-between" gap={8}>
              <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                {label(o)} {o.winner && <Tag color="gold">{t(`${v}.winner`)}</Tag>}
              </Typography.Text>
              <Typography.Text strong>{t(`${v}.count`, { n: o.count })}</Typography.Text>
            </Flex>
            <Progress percent={vote.ballots ? Math.round((o.count / vote.ballots) * 100) : 0} showInfo={false} size="small" style={{ margin: 0 }} />
          </div>
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="disclosure-vote-turnout">
        {t(`${v}.turnout`, { ballots: vote.ballots, size: vote.electorateSize, pct: percent(vote.turnout) })} ·{' '}
        {t(`${v}.channels`, { online: vote.online, paper: vote.paper })}
        {vote.quorumReached === false && ` · ${t(`${v}.quorumMissed`)}`}
      </Typography.Text>
    </Card>
  );
}

/** 结果公开 (votes): every closed vote's count per option and turnout. */
export function DisclosureVotes({ votes }: { votes: Disclosure['votes'] }) {
  const { t } = useTranslation();
  if (!votes.length) return <Empty description={t('cocreationProjects.disclosure.empty.votes')} />;
  return (
    <Flex vertical gap={12} data-testid="disclosure-votes">
      {votes.map((vote, i) => (
        <VoteTally key={i} vote={vote} />
      ))}
    </Flex>
  );
}
