import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Grid, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECEPTION_KINDS, type Reception, type ReceptionBody } from '../../../src/modules/disputes/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { showFieldError } from '../components/form-errors';
import { formatDateTime } from '../labels';
import { RegionPicker } from '../people/RegionPicker';
import { createReception, listReceptions } from './disputes-api';
import { DisputesTabs } from './DisputesTabs';

type ReceptionForm = Omit<ReceptionBody, 'scheduledAt'> & { scheduledAt?: Dayjs };
const FIELDS = ['kind', 'leaderName', 'leaderTitle', 'scheduledAt', 'place', 'regionCode', 'notes'] as const;

/** 领导接访、约访、带案下访: the schedule of the user's place and the levels above; county and township staff add to it. */
export default function ReceptionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const canSchedule = me.role === 'county_staff' || me.role === 'township_staff';
  const narrow = !Grid.useBreakpoint().md;
  const [items, setItems] = useState<Reception[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<ReceptionForm>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await listReceptions()).items);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      await createReception({ ...v, scheduledAt: v.scheduledAt!.toISOString(), notes: v.notes?.trim() || undefined });
      setOpen(false);
      void message.success(t('disputes.receptions.created'));
      void load();
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setFormError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<Reception> = [
    { key: 'at', title: t('disputes.receptions.scheduledAt'), width: 150, render: (_, r) => formatDateTime(r.scheduledAt) },
    { key: 'kind', title: t('disputes.receptions.kind'), width: 100, render: (_, r) => <Tag>{t(`disputes.receptionKind.${r.kind}`)}</Tag> },
    { key: 'leader', title: t('disputes.receptions.leaderName'), render: (_, r) => `${r.leaderName}（${r.leaderTitle}）` },
    { key: 'place', title: t('disputes.receptions.place'), render: (_, r) => r.place },
    { key: 'region', title: t('disputes.receptions.region'), render: (_, r) => r.regionName ?? r.regionCode },
    { key: 'cases', title: t('disputes.receptions.caseCount'), width: 90, align: 'right', render: (_, r) => r.caseCount },
    { key: 'notes', title: t('disputes.receptions.notes'), render: (_, r) => r.notes ?? t('common.empty') },
  ];
  const required = [{ required: true, whitespace: true, message: t('disputes.form.required') }];

  return (
    <>
      <DisputesTabs />
      <Card
        title={t('disputes.receptions.title')}
        extra={
          canSchedule ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ kind: 'receive', regionCode: me.regionCode });
                setFormError(null);
                setOpen(true);
              }}
            >
              {t('disputes.receptions.add')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('disputes.receptions.readOnly')}</Typography.Text>
          )
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {narrow ? (
          // On a phone: one card per reception, nothing wider than the screen.
          <List<Reception>
            loading={loading}
            dataSource={items}
            data-testid="reception-list"
            renderItem={(r) => (
              <List.Item data-testid="reception-item">
                <Space direction="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
                  <Space wrap size={4}>
                    <Typography.Text strong>{formatDateTime(r.scheduledAt)}</Typography.Text>
                    <Tag>{t(`disputes.receptionKind.${r.kind}`)}</Tag>
                    {r.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
                  </Space>
                  <span style={{ overflowWrap: 'anywhere' }}>{`${r.leaderName}（${r.leaderTitle}）`}</span>
                  <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                    {r.place} · {r.regionName ?? r.regionCode}
                  </Typography.Text>
                  {r.caseCount > 0 && (
                    <span>
                      {t('disputes.receptions.caseCount')}：{r.caseCount}
                    </span>
                  )}
                  {r.notes && <Typography.Text type="secondary">{r.notes}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<Reception>
            rowKey="id"
            size="small"
            loading={loading}
            columns={columns}
            dataSource={items}
            scroll={{ x: 900 }}
            onRow={() => ({ 'data-testid': 'reception-item' }) as React.HTMLAttributes<HTMLElement>}
          />
        )}
      </Card>
      <Modal
        open={open}
        title={t('disputes.receptions.add')}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={saving}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        forceRender
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form<ReceptionForm> form={form} layout="vertical" onValuesChange={() => setFormError(null)}>
          <Form.Item name="kind" label={t('disputes.receptions.kind')}>
            <Select options={RECEPTION_KINDS.map((k) => ({ value: k, label: t(`disputes.receptionKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="leaderName" label={t('disputes.receptions.leaderName')} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="leaderTitle" label={t('disputes.receptions.leaderTitle')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="scheduledAt" label={t('disputes.receptions.scheduledAt')} rules={[{ required: true, message: t('disputes.form.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="place" label={t('disputes.receptions.place')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('disputes.receptions.region')} rules={[{ required: true, message: t('disputes.form.required') }]}>
            <RegionPicker />
          </Form.Item>
          <Form.Item name="notes" label={t('disputes.receptions.notes')}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
