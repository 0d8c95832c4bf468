import { Card, Flex, List, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoursStatement } from '../../../src/modules/points/timebank-schema.ts';
import { recentMonths, Refusal } from './common';
import { getHoursStatement } from './points-api';
import { MonthSelect } from './StatementView';

/**
 * A volunteer's month in the time bank: opening, served, received, spent, donated, closing, and
 * each movement by its words (what was done, for whom). Shown to cadres and to the volunteer on
 * the phone, so it holds no ids or codes.
 */
export function HoursStatementView({ statement }: { statement: HoursStatement }) {
  const { t } = useTranslation();
  const figures = [
    ['opening', statement.opening],
    ['earned', statement.earned],
    ['received', statement.received],
    ['spent', statement.spent],
    ['donated', statement.donated],
    ['closing', statement.closing],
  ] as const;
  return (
    <div data-testid="hours-statement" data-month={statement.month} data-closing={statement.closing}>
      <Flex wrap gap={16} style={{ marginBottom: 12 }}>
        {figures.map(([k, v]) => (
          <Statistic key={k} title={t(`points.hoursStatement.${k}`)} value={v} style={{ minWidth: 60 }} data-testid={`hours-statement-${k}`} />
        ))}
      </Flex>
      <List
        size="small"
        dataSource={statement.lines}
        locale={{ emptyText: t('points.common.empty') }}
        renderItem={(l) => (
          <List.Item data-testid="hours-statement-line" data-kind={l.kind} data-hours={l.hours}>
            <Flex justify="space-between" gap={8} style={{ width: '100%', minWidth: 0 }}>
              <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {l.otherName ? `${l.otherName} · ${l.text}` : l.text}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {l.on} · {t(`points.hoursStatement.kind.${l.kind}`)}
                </Typography.Text>
              </div>
              <Typography.Text strong type={l.hours < 0 ? 'danger' : 'success'} style={{ flex: 'none' }}>
                {l.hours > 0 ? `+${l.hours}` : l.hours}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </div>
  );
}

/** A volunteer's month of hours (时长月结单) on the cadre's time-bank page, the month chosen here. */
export function VolunteerMonth({ volunteerId, reloadKey }: { volunteerId: string; reloadKey: number }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(recentMonths(1)[0]);
  const [statement, setStatement] = useState<HoursStatement>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    getHoursStatement(volunteerId, month).then(setStatement, setError);
  }, [volunteerId, month, reloadKey]);
  return (
    <Card
      size="small"
      title={t('points.timebank.statement')}
      extra={<MonthSelect value={month} onChange={setMonth} testId="hours-statement-month" />}
      style={{ marginBottom: 12 }}
    >
      <Refusal error={error} testId="hours-statement-error" />
      {statement && <HoursStatementView statement={statement} />}
    </Card>
  );
}
