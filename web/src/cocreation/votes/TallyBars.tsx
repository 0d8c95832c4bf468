import { Flex, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Tally } from '../../../../src/modules/cocreation/vote-schema.ts';

/** A label for a count: an option's name, or yes / no / abstain in the reader's language. */
export function useChoiceLabel() {
  const { t } = useTranslation();
  return (key: string, label: string) => (key === 'yes' || key === 'no' || key === 'abstain' ? t(`cocreationVotes.choice.${key}`) : label);
}

/** The tally of a closed vote as bars: per option votes and share, turnout, quorum and the outcome. */
export function TallyBars({ tally, quorumPct, passPct }: { tally: Tally; quorumPct: number; passPct: number }) {
  const { t } = useTranslation();
  const labelOf = useChoiceLabel();
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="vote-tally">
      {tally.counts.map((c) => (
        <div key={c.key} data-testid="tally-row" data-label={c.label} data-votes={c.votes}>
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text strong={c.key === tally.winnerOptionId} style={{ overflowWrap: 'anywhere' }}>
              {labelOf(c.key, c.label)} {c.key === tally.winnerOptionId && <Tag color="gold">{t('cocreationVotes.tally.winner')}</Tag>}
            </Typography.Text>
            <Typography.Text type="secondary">{t('cocreationVotes.tally.votes', { n: c.votes })}</Typography.Text>
          </Flex>
          <Progress percent={c.pct} size="small" status="normal" format={(p) => `${p}%`} />
        </div>
      ))}
      <Typography.Text data-testid="tally-turnout">
        {t('cocreationVotes.tally.turnout', { pct: tally.turnoutPct, ballots: tally.ballots, size: tally.electorateSize })} ·{' '}
        {t('cocreationVotes.tally.channels', { online: tally.online, paper: tally.paper })}
      </Typography.Text>
      <Space size={4} wrap>
        <Tag color={tally.quorumReached ? 'green' : 'orange'}>
          {t(tally.quorumReached ? 'cocreationVotes.tally.quorumReached' : 'cocreationVotes.tally.quorumMissed')}
        </Tag>
        <Tag color={tally.passed ? 'green' : 'default'} data-testid="tally-outcome">
          {t(tally.passed ? 'cocreationVotes.tally.passed' : 'cocreationVotes.tally.notPassed')}
        </Tag>
        {tally.tie && <Tag color="orange">{t('cocreationVotes.tally.tie')}</Tag>}
      </Space>
      <Typography.Text type="secondary">{t('cocreationVotes.detail.rules', { quorum: quorumPct, pass: passPct })}</Typography.Text>
    </Space>
  );
}
