import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Leaderboard, Rule } from '../../../src/modules/points/points-schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { HouseholdInForm, PickVillageHint, PointsTabs, Refusal, useVillage, VillagePicker } from './common';
import { adjust, award, getLeaderboard, leaderboardXlsxUrl, listRules } from './points-api';
import { StatementDrawer } from './StatementDrawer';

type Row = Leaderboard['rows'][number];

/**
 * 积分台账 (/points): the village's leaderboard for a period, awarding by rule, adjusting with a
 * reason, and a household's monthly statement in a drawer.
 */
export default function LedgerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = hasAnyPermission(me, ['points.edit']);
  const village = useVillage();
  const { villageCode } = village;
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const [error, setError] = useState<string>();
  const [modal, setModal] = useState<'award' | 'adjust' | null>(null);
  const [statementOf, setStatementOf] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);

  const load = useCallback(() => {
    if (!villageCode) return;
    setBoard(null);
    setError(undefined);
    getLeaderboard(villageCode, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')).then(setBoard, (err: unknown) => {
      setError(errorMessage(err));
      setBoard({ villageCode, from: '', to: '', rows: [] });
    });
  }, [villageCode, range]);
  useEffect(load, [load, reloadKey]);

  const columns: ColumnsType<Row> = [
    { key: 'name', title: t('points.ledger.household'), render: (_, r) => `${r.rank}. ${r.name}` },
    { key: 'points', title: t('points.ledger.earned'), width: 120, render: (_, r) => t('points.common.points', { n: r.points }) },
    {
      key: 'actions',
      title: '',
      width: 110,
      render: (_, r) => (
        <Button size="small" onClick={() => setStatementOf(r.householdId)} data-testid="leaderboard-statement">
          {t('points.ledger.viewStatement')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PointsTabs />
      <div data-testid="points-ledger-page">
        <Typography.Paragraph type="secondary">{t('points.ledger.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <VillagePicker {...village} />
          {mayEdit && villageCode && (
            <>
              <Button type="primary" onClick={() => setModal('award')} data-testid="points-award-open">
                {t('points.ledger.award')}
              </Button>
              <Button onClick={() => setModal('adjust')} data-testid="points-adjust-open">
                {t('points.ledger.adjust')}
              </Button>
            </>
          )}
          <Button onClick={() => setStatementOf('')} data-testid="points-statement-open">
            {t('points.ledger.statement')}
          </Button>
        </Flex>
        {!villageCode ? (
          <PickVillageHint />
        ) : (
          <Card
            size="small"
            title={t('points.ledger.leaderboard')}
            extra={
              <Space wrap>
                <DatePicker.RangePicker
                  value={range}
                  allowClear={false}
                  onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
                  style={{ maxWidth: '100%' }}
                  aria-label={t('points.ledger.period')}
                  data-testid="leaderboard-period"
                />
                <Button
                  icon={<DownloadOutlined />}
                  href={leaderboardXlsxUrl(villageCode, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'))}
                  data-testid="leaderboard-xlsx"
                >
                  {t('common.exportXlsx')}
                </Button>
              </Space>
            }
            styles={{ header: { flexWrap: 'wrap', gap: 8 } }}
          >
            <ResponsiveList<Row>
              columns={columns}
              dataSource={board?.rows}
              loading={board === null}
              rowKey="householdId"
              size="small"
              pagination={false}
              locale={{ emptyText: t('points.common.empty') }}
              onRow={(r) => ({ 'data-testid': 'leaderboard-row', 'data-name': r.name, 'data-points': r.points, 'data-rank': r.rank })}
            />
          </Card>
        )}
      </div>
      {modal === 'award' && villageCode && <AwardModal villageCode={villageCode} onDone={() => setReloadKey((k) => k + 1)} onClose={() => setModal(null)} />}
      {modal === 'adjust' && <AdjustModal onDone={() => setReloadKey((k) => k + 1)} onClose={() => setModal(null)} />}
      {statementOf !== null && <StatementDrawer householdId={statementOf || undefined} onClose={() => setStatementOf(null)} />}
    </>
  );
}

interface AwardForm {
  ruleId: string;
  householdId: string;
  bookedOn?: Dayjs;
}

/** Points by one of the village's rules (its own, the township's, the county's) to a household. */
function AwardModal({ villageCode, onDone, onClose }: { villageCode: string; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AwardForm>();
  const [rules, setRules] = useState<Rule[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    listRules(villageCode).then(
      (rs) => setRules(rs.filter((r) => r.active)),
      (err: unknown) => setError(err),
    );
  }, [villageCode]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      const res = await award({ ruleId: v.ruleId, householdId: v.householdId, ...(v.bookedOn ? { bookedOn: v.bookedOn.format('YYYY-MM-DD') } : {}) });
      void message.success(t('points.award.done', { name: res.account.name, points: res.entry.points, balance: res.account.balance }));
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
      title={t('points.award.title')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'award-submit' }}
      destroyOnHidden
    >
      <Refusal error={error} testId="award-refusal" />
      <Form form={form} layout="vertical">
        <Form.Item name="ruleId" label={t('points.award.rule')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="award-rule"
            options={rules.map((r) => ({
              value: r.id,
              label: `${r.name} · ${r.points > 0 ? '+' : ''}${r.points} · ${t(`points.cadence.${r.cadence}`)}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="householdId" label={t('points.award.household')} rules={[{ required: true }]}>
          <HouseholdInForm testId="award-household" />
        </Form.Item>
        <Form.Item name="bookedOn" label={t('points.award.bookedOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="award-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AdjustForm {
  householdId: string;
  points: number;
  reason: string;
}

/** A correction outside the rules: any amount (not 0), with a reason that stays on the record. */
function AdjustModal({ onDone, onClose }: { onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AdjustForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      const res = await adjust({ householdId: v.householdId, points: v.points, reason: v.reason.trim() });
      void message.success(t('points.award.done', { name: res.account.name, points: res.entry.points, balance: res.account.balance }));
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
      title={t('points.adjust.title')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'adjust-submit' }}
      destroyOnHidden
    >
      <Refusal error={error} testId="adjust-refusal" />
      <Form form={form} layout="vertical">
        <Form.Item name="householdId" label={t('points.award.household')} rules={[{ required: true }]}>
          <HouseholdInForm testId="adjust-household" />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('points.adjust.points')}
          rules={[
            { required: true },
            { validator: (_, v: number | undefined) => (v === 0 ? Promise.reject(new Error(t('points.adjust.nonZero'))) : Promise.resolve()) },
          ]}
        >
          <InputNumber precision={0} min={-10000} max={10000} style={{ width: '100%' }} data-testid="adjust-points" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('points.adjust.reason')}
          extra={t('points.adjust.reasonHint')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="adjust-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
