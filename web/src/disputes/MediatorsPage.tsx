import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEDIATOR_KINDS, type DisputeMeta, type Mediator, type MediatorBody } from '../../../src/modules/disputes/schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { showFieldError } from '../components/form-errors';
import { RegionPicker } from '../people/RegionPicker';
import { createMediator, deactivateMediator, getDisputeMeta, listMediators, updateMediator } from './disputes-api';
import { DisputesTabs } from './DisputesTabs';

const FIELDS = ['name', 'kind', 'specialties', 'regionCode', 'organization'] as const;

/** Add or edit one mediator (county staff: disputes.configure). */
function MediatorModal({
  open,
  editing,
  types,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: Mediator | null;
  types: DisputeMeta['types'];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MediatorBody>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) form.setFieldsValue({ ...editing });
    else form.setFieldsValue({ kind: 'part_time', specialties: [] });
  }, [open, editing, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      const body: MediatorBody = { ...v, name: v.name.trim(), organization: v.organization.trim() };
      if (editing) await updateMediator(editing.id, body);
      else await createMediator(body);
      onSaved();
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('disputes.form.required') }];
  return (
    <Modal
      open={open}
      title={editing ? `${t('disputes.mediators.edit')} · ${editing.name}` : t('disputes.mediators.add')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<MediatorBody> form={form} layout="vertical" onValuesChange={() => setError(null)}>
        <Form.Item name="name" label={t('disputes.mediators.name')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label={t('disputes.mediators.kind')}>
          <Select options={MEDIATOR_KINDS.map((k) => ({ value: k, label: t(`disputes.mediatorKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="specialties" label={t('disputes.mediators.specialties')}>
          <Select mode="multiple" options={types.map((x) => ({ value: x.code, label: x.name }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('disputes.mediators.region')} rules={[{ required: true, message: t('disputes.form.required') }]}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="organization" label={t('disputes.mediators.organization')} rules={required}>
          <Input maxLength={100} placeholder="上黄村人民调解委员会" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 调解员名册 with each mediator's open cases; county staff add, edit and deactivate. */
export default function MediatorsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const canConfigure = hasAnyPermission(me, ['disputes.configure']);
  const [items, setItems] = useState<Mediator[]>([]);
  const [types, setTypes] = useState<DisputeMeta['types']>([]);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [modal, setModal] = useState<{ editing: Mediator | null } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await listMediators({ includeInactive })).items);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [includeInactive]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    getDisputeMeta()
      .then((m) => setTypes(m.types))
      .catch(() => undefined);
  }, []);

  const typeName = (code: string) => types.find((x) => x.code === code)?.name ?? code;
  const columns: ColumnsType<Mediator> = [
    {
      key: 'name',
      title: t('disputes.mediators.name'),
      render: (_, m) => (
        <Space>
          {m.name}
          {!m.active && <Tag>{t('disputes.mediators.inactive')}</Tag>}
          {m.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
        </Space>
      ),
    },
    { key: 'kind', title: t('disputes.mediators.kind'), width: 80, render: (_, m) => t(`disputes.mediatorKind.${m.kind}`) },
    { key: 'organization', title: t('disputes.mediators.organization'), render: (_, m) => m.organization },
    { key: 'region', title: t('disputes.mediators.region'), render: (_, m) => m.regionName ?? m.regionCode },
    { key: 'specialties', title: t('disputes.mediators.specialties'), render: (_, m) => m.specialties.map(typeName).join('、') || t('common.empty') },
    {
      key: 'workload',
      title: t('disputes.mediators.workload'),
      width: 90,
      align: 'right',
      sorter: (a, b) => a.workload - b.workload,
      render: (_, m) => <Typography.Text strong={m.workload >= 5}>{m.workload}</Typography.Text>,
    },
    ...(canConfigure
      ? [
          {
            key: 'ops',
            width: 140,
            render: (_: unknown, m: Mediator) => (
              <Space>
                <Button size="small" type="link" onClick={() => setModal({ editing: m })}>
                  {t('disputes.mediators.edit')}
                </Button>
                {m.active && (
                  <Popconfirm
                    title={t('disputes.mediators.deactivateConfirm', { name: m.name })}
                    onConfirm={async () => {
                      try {
                        await deactivateMediator(m.id);
                        void message.success(t('disputes.mediators.saved'));
                        void load();
                      } catch (err) {
                        void message.error(errorMessage(err));
                      }
                    }}
                  >
                    <Button size="small" type="link" danger>
                      {t('disputes.mediators.deactivate')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <DisputesTabs />
      <Card
        title={t('disputes.mediators.title')}
        extra={
          <Space>
            <Space size={4}>
              <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} />
              {t('disputes.mediators.includeInactive')}
            </Space>
            {canConfigure ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ editing: null })}>
                {t('disputes.mediators.add')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('disputes.mediators.readOnly')}</Typography.Text>
            )}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Mediator> rowKey="id" size="small" loading={loading} columns={columns} dataSource={items} scroll={{ x: 800 }} />
      </Card>
      <MediatorModal
        open={modal !== null}
        editing={modal?.editing ?? null}
        types={types}
        onClose={() => setModal(null)}
        onSaved={() => {
          setModal(null);
          void message.success(t('disputes.mediators.saved'));
          void load();
        }}
      />
    </>
  );
}
