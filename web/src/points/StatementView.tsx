import { Alert, Flex, List, Select, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Statement } from '../../../src/modules/points/points-schema.ts';
import { recentMonths } from './common';

/** A month picker over the last twelve months (YYYY-MM). */
export function MonthSelect({ value, onChange, testId = 'statement-month' }: { value: string; onChange(month: string): void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Select
      value={value}
      onChange={onChange}
      style={{ width: 130 }}
      aria-label={t('points.statement.month')}
      data-testid={testId}
      options={recentMonths().map((m) => ({ value: m, label: m }))}
    />
  );
}

/**
 * One month of a household's points: opening, earned, spent, closing, and each entry (a rule, an
 * adjustment with its reason, a redemption). Shown to cadres and to the resident, so it holds no
 * ids or codes: an entry reads by its description.
 */
export function StatementView({ statement }: { statement: Statement }) {
  const { t } = useTranslation();
  const figures = [
    ['opening', statement.opening],
    ['earned', statement.earned],
    ['spent', statement.spent],
    ['closing', statement.closing],
  ] as const;
  return (
    <div data-testid="statement" data-month={statement.month} data-closing={statement.closing}>
      <Flex wrap gap={16} style={{ marginBottom: 12 }}>
        {figures.map(([k, v]) => (
          <Statistic key={k} title={t(`points.statement.${k}`)} value={v} style={{ minWidth: 70 }} data-testid={`statement-${k}`} />
        ))}
      </Flex>
      {statement.closing < 0 && <Alert type="warning" showIcon title={t('points.statement.debt')} style={{ marginBottom: 12 }} />}
      <List
        size="small"
        dataSource={statement.entries}
        locale={{ emptyText: t('points.common.empty') }}
        renderItem={(e) => (
          <List.Item data-testid="statement-entry" data-kind={e.kind} data-points={e.points}>
            <Flex justify="space-between" gap={8} style={{ width: '100%', minWidth: 0 }}>
              <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {e.description}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {e.bookedOn} · {t(`points.entryKind.${e.kind}`)} · {e.actorName}
                </Typography.Text>
              </div>
              <Typography.Text strong type={e.points < 0 ? 'danger' : 'success'} style={{ flex: 'none' }}>
                {e.points > 0 ? `+${e.points}` : e.points}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </div>
  );
}
