import { Card, Flex, List, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyVolunteering } from '../../../src/modules/points/timebank-schema.ts';
import { recentMonths, Refusal } from './common';
import { HoursStatementView } from './HoursStatementView';
import { myStatement, myVolunteering } from './points-api';
import { MonthSelect } from './StatementView';

/**
 * 我的志愿服务 on the resident's phone page, for a pass holder who volunteers (nothing otherwise):
 * hours available, confirmed and waiting, their own points, the month's statement of hours and the
 * services they gave. Names and words only: no ids, codes or field names.
 */
export function ResidentVolunteerCard({ villageCode, reloadKey, onError }: { villageCode: string; reloadKey: number; onError(err: unknown): boolean }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(recentMonths(1)[0]);
  const [mine, setMine] = useState<MyVolunteering>();
  const [points, setPoints] = useState<number>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setError(undefined);
    myVolunteering(villageCode, month).then(setMine, (err: unknown) => !onError(err) && setError(err));
  }, [villageCode, month, reloadKey, onError]);
  const volunteers = !!mine?.volunteer;
  useEffect(() => {
    if (!volunteers) return;
    myStatement(villageCode, undefined, 'me').then(
      (s) => setPoints(s.account.balance),
      () => setPoints(undefined), // the hours still show; the points are a side figure
    );
  }, [villageCode, volunteers, reloadKey]);

  if (error) return <Refusal error={error} testId="resident-volunteer-error" />;
  const v = mine?.volunteer;
  if (!v) return null;
  const figures = [
    ['myBalance', t('points.common.hours', { n: v.balance }), v.balance],
    ['myEarned', t('points.common.hours', { n: v.earned }), v.earned],
    ['myPending', t('points.common.hours', { n: v.pending }), v.pending],
    ...(points === undefined ? [] : [['myPoints', t('points.common.points', { n: points }), points] as const]),
  ] as const;
  return (
    <Card title={t('points.resident.mine')} size="small" data-testid="resident-volunteer" data-balance={v.balance}>
      <Typography.Paragraph type="secondary">{t('points.resident.mineIntro')}</Typography.Paragraph>
      {v.partyOrgName && (
        <Tag color="red" style={{ marginBottom: 12, whiteSpace: 'normal' }} data-testid="resident-volunteer-party">
          {t('points.resident.partyMember', { org: v.partyOrgName })}
        </Tag>
      )}
      <Flex wrap gap={16} style={{ marginBottom: 12 }}>
        {figures.map(([k, text, n]) => (
          <Statistic key={k} title={t(`points.resident.${k}`)} value={text} style={{ minWidth: 80 }} data-testid={`resident-volunteer-${k}`} data-value={n} />
        ))}
      </Flex>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('points.resident.monthLines')}
        </Typography.Title>
        <MonthSelect value={month} onChange={setMonth} testId="resident-volunteer-month" />
      </Flex>
      {mine.statement && <HoursStatementView statement={mine.statement} />}
      <Typography.Title level={5}>{t('points.resident.given')}</Typography.Title>
      <List
        size="small"
        dataSource={mine.given}
        locale={{ emptyText: t('points.common.empty') }}
        renderItem={(g) => (
          <List.Item data-testid="resident-given" data-status={g.status} data-hours={g.hours}>
            <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {t('points.resident.givenLine', { name: g.receiverName, category: t(`points.category.${g.category}`), hours: g.hours })}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {g.servedOn} · {g.activity} · {t(`points.timebank.hoursStatus.${g.status}`)}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
