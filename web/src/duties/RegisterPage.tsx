import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BurdenCounts, BurdenEntry } from '../../../src/modules/duties/register-schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { showFieldError } from '../components/form-errors';
import { ResponsiveList } from '../components/ResponsiveList';
import { RegionPicker } from '../people/RegionPicker';
import { DutiesTabs } from './DutiesTabs';
import { burdenCounts, listBurdens, registerBurden, updateBurden } from './ledger-api';

type Kind = BurdenEntry['kind'];
const STATUS_COLOR = { approved: 'green', to_remove: 'orange', removed: 'default' } as const;
const KEEPERS = ['county_staff', 'township_staff', 'village_cadre'];

/** 减牌子、减群、减 App: what hangs on or binds each village, kept with a basis or cleared by a date. */
export default function RegisterPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const keeper = KEEPERS.includes(me.role);
  const [kind, setKind] = useState<Kind>('signboard');
  const [entries, setEntries] = useState<BurdenEntry[] | null>(null);
  const [counts, setCounts] = useState<BurdenCounts>([]);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const load = useCallback(() => {
    setEntries(null);
    listBurdens({ kind }).then(setEntries, (err: unknown) => {
      setError(errorMessage(err));
      setEntries([]);
    });
    burdenCounts().then(setCounts, () => undefined);
  }, [kind]);
  useEffect(load, [load]);

  const mark = async (e: BurdenEntry, status: 'removed' | 'to_remove') => {
    try {
      await updateBurden(e.id, status === 'removed' ? { status } : { status, removeBy: dayjs().add(30, 'day').format('YYYY-MM-DD') });
      void message.success(t('dutiesLedger.register.saved'));
      load();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const columns: ColumnsType<BurdenEntry> = [
    { key: 'name', title: t('dutiesLedger.register.name'), render: (_, r) => r.name },
    { key: 'village', title: t('dutiesLedger.register.village'), width: 150, render: (_, r) => r.regionName },
    { key: 'requiredBy', title: t('dutiesLedger.register.requiredBy'), width: 140, render: (_, r) => r.requiredBy },
    {
      key: 'basis',
      title: t('dutiesLedger.register.basis'),
      render: (_, r) => r.basis ?? <Typography.Text type="secondary">{t('dutiesLedger.register.noBasis')}</Typography.Text>,
    },
    {
      key: 'status',
      title: '',
      width: 190,
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOR[r.status]}>{t(`dutiesLedger.register.status.${r.status}`)}</Tag>
          {r.status === 'to_remove' && `${t('dutiesLedger.register.removeBy')} ${r.removeBy}`}
          {r.status === 'removed' && `${t('dutiesLedger.register.removedOn')} ${r.removedOn}`}
          {r.late && <Tag color="red">{t('dutiesLedger.register.late')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: '',
      width: 110,
      render: (_, r) =>
        keeper && r.status !== 'removed' ? (
          <Button size="small" onClick={() => void mark(r, r.status === 'to_remove' ? 'removed' : 'to_remove')} data-testid="register-mark">
            {r.status === 'to_remove' ? t('dutiesLedger.register.markRemoved') : t('dutiesLedger.register.markToRemove')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <DutiesTabs />
      <div data-testid="register-page">
        <Typography.Paragraph type="secondary">{t('dutiesLedger.register.intro')}</Typography.Paragraph>
        <Space direction="vertical" size={2} style={{ marginBottom: 12 }} data-testid="register-counts">
          {counts.map((c) => (
            <Typography.Text key={c.kind}>{t('dutiesLedger.register.counts', { ...c, kind: t(`dutiesLedger.register.kind.${c.kind}`) })}</Typography.Text>
          ))}
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Card
          title={
            <Segmented<Kind>
              value={kind}
              onChange={setKind}
              options={(['signboard', 'work_group', 'app'] as const).map((k) => ({ value: k, label: t(`dutiesLedger.register.kind.${k}`) }))}
            />
          }
          extra={
            keeper && (
              <Button type="primary" onClick={() => setAdding(true)} data-testid="register-add-open">
                {t('dutiesLedger.register.add')}
              </Button>
            )
          }
        >
          <ResponsiveList<BurdenEntry>
            columns={columns}
            dataSource={entries ?? undefined}
            loading={entries === null}
            rowKey="id"
            size="small"
            pagination={{ pageSize: 50, showSizeChanger: false }}
            onRow={(r) => ({ 'data-testid': 'register-row', 'data-name': r.name, 'data-status': r.status })}
          />
        </Card>
      </div>
      {adding && <AddModal kind={kind} onDone={load} onClose={() => setAdding(false)} />}
    </>
  );
}

interface AddForm {
  kind: Kind;
  name: string;
  regionCode: string;
  requiredBy: string;
  basis?: string;
  removeBy?: Dayjs;
}

function AddModal({ kind, onDone, onClose }: { kind: Kind; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<AddForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      await registerBurden({
        kind: v.kind,
        name: v.name.trim(),
        regionCode: v.regionCode,
        requiredBy: v.requiredBy.trim(),
        ...(v.basis?.trim() ? { basis: v.basis.trim() } : {}),
        ...(v.removeBy ? { removeBy: v.removeBy.format('YYYY-MM-DD') } : {}),
      });
      onDone();
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['name', 'regionCode', 'requiredBy', 'basis', 'removeBy'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('dutiesLedger.register.addTitle')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'register-add-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind, regionCode: me.role === 'village_cadre' ? me.regionCode : undefined }}>
        <Form.Item name="kind" rules={[{ required: true }]}>
          <Select options={(['signboard', 'work_group', 'app'] as const).map((k) => ({ value: k, label: t(`dutiesLedger.register.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('dutiesLedger.register.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="register-name" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('dutiesLedger.register.village')} rules={[{ required: true }]}>
          <RegionPicker villagesOnly />
        </Form.Item>
        <Form.Item name="requiredBy" label={t('dutiesLedger.register.requiredBy')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="register-required-by" />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('dutiesLedger.register.basisHint')}</Typography.Paragraph>
        <Form.Item name="basis" label={t('dutiesLedger.register.basis')} rules={[{ max: 300 }]}>
          <Input data-testid="register-basis" />
        </Form.Item>
        <Form.Item name="removeBy" label={t('dutiesLedger.register.removeBy')}>
          <DatePicker data-testid="register-remove-by" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
