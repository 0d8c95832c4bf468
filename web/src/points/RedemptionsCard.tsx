import { Button, Card, Flex, Form, Input, List, Modal, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REDEMPTION_STATUSES, type RedemptionStatus } from '../../../src/modules/points/kinds.ts';
import type { RedemptionRecord } from '../../../src/modules/points/points-schema.ts';
import { Refusal } from './common';
import { cancelRedemption, handOverRedemption, listRedemptions } from './points-api';

const STATUS_COLOR: Record<RedemptionStatus, string | undefined> = { waiting: 'gold', handed_over: 'green', cancelled: undefined };

/**
 * 兑换记录 on the shop page: redemptions waiting for collection (hand over, or cancel with a
 * reason), and those handed over or cancelled. A refusal (already handed over, cancelled by
 * someone else) shows where it happened, in the server's words.
 */
export function RedemptionsCard({
  villageCode,
  mayEdit,
  reloadKey,
  onChanged,
}: {
  villageCode: string;
  mayEdit: boolean;
  reloadKey: number;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<RedemptionStatus>('waiting');
  const [rows, setRows] = useState<RedemptionRecord[]>();
  const [error, setError] = useState<unknown>();
  const [cancelling, setCancelling] = useState<RedemptionRecord>();
  const [ownKey, setOwnKey] = useState(0);
  const changed = () => {
    setOwnKey((k) => k + 1);
    onChanged();
  };
  useEffect(() => {
    setRows(undefined);
    listRedemptions(villageCode, status).then(setRows, (err: unknown) => {
      setError(err);
      setRows([]);
    });
  }, [villageCode, status, reloadKey, ownKey]);

  const handOver = async (r: RedemptionRecord) => {
    setError(undefined);
    try {
      await handOverRedemption(r.id);
      changed();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Card
      size="small"
      title={t('points.redemptions.title')}
      data-testid="redemptions"
      styles={{ header: { flexWrap: 'wrap', gap: 8 } }}
      extra={
        <Segmented<RedemptionStatus>
          size="small"
          value={status}
          onChange={setStatus}
          options={REDEMPTION_STATUSES.map((s) => ({ value: s, label: t(`points.redemptions.status.${s}`) }))}
          data-testid="redemptions-status"
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('points.redemptions.intro')}</Typography.Paragraph>
      <Refusal error={error} testId="redemption-refusal" />
      <List
        size="small"
        loading={!rows}
        dataSource={rows ?? []}
        locale={{ emptyText: t('points.common.empty') }}
        renderItem={(r) => (
          <List.Item data-testid="redemption-row" data-status={r.status} data-item={r.itemName} data-name={r.holderName}>
            <Flex justify="space-between" align="center" gap={8} wrap style={{ width: '100%', minWidth: 0 }}>
              <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {t('points.redemptions.line', { name: r.holderName, item: r.itemName, quantity: r.quantity, points: r.points })}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  <Tag color={STATUS_COLOR[r.status]}>{t(`points.redemptions.status.${r.status}`)}</Tag>
                  {r.createdAt.slice(0, 10)} · {t(`points.redemptions.channel.${r.channel}`)} · {r.actorName}
                  {r.closedAt && ` · ${t('points.redemptions.closed', { when: r.closedAt.slice(0, 10), by: r.closedBy ?? '' })}`}
                  {r.reason && ` · ${r.reason}`}
                </Typography.Text>
              </div>
              {mayEdit && r.status === 'waiting' && (
                <Space size={4} style={{ flex: 'none' }}>
                  <Popconfirm
                    title={t('points.redemptions.handoverConfirm', { item: r.itemName, quantity: r.quantity, name: r.holderName })}
                    onConfirm={() => handOver(r)}
                    okButtonProps={{ 'data-testid': 'redemption-handover-submit' }}
                  >
                    <Button size="small" type="primary" data-testid="redemption-handover">
                      {t('points.redemptions.handover')}
                    </Button>
                  </Popconfirm>
                  <Button size="small" danger onClick={() => setCancelling(r)} data-testid="redemption-cancel">
                    {t('points.redemptions.cancel')}
                  </Button>
                </Space>
              )}
            </Flex>
          </List.Item>
        )}
      />
      {cancelling && <CancelModal redemption={cancelling} onDone={changed} onClose={() => setCancelling(undefined)} />}
    </Card>
  );
}

/** Cancelling with a reason (required; it stays on the record); a refusal stays in the dialog. */
function CancelModal({ redemption: r, onDone, onClose }: { redemption: RedemptionRecord; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      await cancelRedemption(r.id, { reason: v.reason.trim() });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('points.redemptions.cancelTitle', { item: r.itemName, quantity: r.quantity, name: r.holderName })}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      cancelText={t('points.common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'redemption-cancel-submit' }}
      width="min(520px, calc(100vw - 32px))"
      destroyOnHidden
    >
      <Refusal error={error} testId="redemption-cancel-refusal" />
      <Typography.Paragraph>{t('points.redemptions.cancelText', { points: r.points, quantity: r.quantity })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('points.redemptions.reason')}
          extra={t('points.redemptions.reasonHint')}
          rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="redemption-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
