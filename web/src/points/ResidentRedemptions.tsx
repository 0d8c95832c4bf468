import { Button, Card, Flex, List, Popconfirm, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RedemptionRecord } from '../../../src/modules/points/points-schema.ts';
import { Refusal } from './common';
import { myCancel, myRedemptions } from './points-api';

/**
 * 我家的兑换 on the resident's phone: the household's recent redemptions (to collect, handed over,
 * cancelled); one made on the phone can be cancelled before collection (an adult of the household).
 * Names and words only.
 */
export function ResidentRedemptions({
  villageCode,
  adult,
  reloadKey,
  onError,
  onChanged,
}: {
  villageCode: string;
  adult: boolean;
  reloadKey: number;
  onError(err: unknown): boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<RedemptionRecord[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    myRedemptions(villageCode).then(setRows, (err: unknown) => !onError(err) && setError(err));
  }, [villageCode, reloadKey, onError]);
  const cancel = async (r: RedemptionRecord) => {
    setError(undefined);
    try {
      await myCancel(villageCode, r.id);
      onChanged();
    } catch (err) {
      if (!onError(err)) setError(err);
    }
  };
  if (!rows?.length && !error) return null;
  return (
    <Card title={t('points.resident.redemptions')} size="small" data-testid="resident-redemptions">
      <Typography.Paragraph type="secondary">{t('points.resident.redemptionsIntro')}</Typography.Paragraph>
      <Refusal error={error} testId="resident-cancel-refusal" />
      <List
        size="small"
        dataSource={rows ?? []}
        renderItem={(r) => (
          <List.Item data-testid="resident-redemption" data-status={r.status} data-item={r.itemName}>
            <Flex justify="space-between" align="center" gap={8} style={{ width: '100%', minWidth: 0 }}>
              <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {t('points.resident.redemptionLine', { item: r.itemName, quantity: r.quantity, points: r.points })}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  <Tag color={r.status === 'waiting' ? 'gold' : r.status === 'handed_over' ? 'green' : undefined}>
                    {t(`points.redemptions.status.${r.status}`)}
                  </Tag>
                  {r.createdAt.slice(0, 10)}
                </Typography.Text>
              </div>
              {adult && r.status === 'waiting' && r.channel === 'resident' && (
                <Popconfirm
                  title={t('points.resident.cancelRedemptionTitle', { item: r.itemName, quantity: r.quantity, points: r.points })}
                  okText={t('points.resident.cancelRedemption')}
                  cancelText={t('points.resident.keepRedemption')}
                  onConfirm={() => cancel(r)}
                  okButtonProps={{ 'data-testid': 'resident-cancel-submit' }}
                >
                  <Button size="small" danger style={{ flex: 'none' }} data-testid="resident-cancel">
                    {t('points.resident.cancelRedemption')}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
