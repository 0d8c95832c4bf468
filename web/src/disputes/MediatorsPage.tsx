import { DownloadOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEDIATOR_KINDS, type DisputeMeta, type Mediator, type MediatorBody } from '../../../src/modules/disputes/schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { alertMessage, showFieldError } from '../components/form-errors';
import { RegionPicker } from '../people/RegionPicker';
import { createMediator, deactivateMediator, getDisputeMeta, listMediators, mediatorsXlsxUrl, revealMediatorPhone, updateMediator } from './disputes-api';
import { DisputesTabs } from './DisputesTabs';

const FIELDS = ['name', 'kind', 'specialties', 'regionCode', 'organization', 'phone'] as const;
type MediatorForm = MediatorBody & { removePhone?: boolean };

/**
 * 查看完整电话 of a mediator: a reason of real text, sent with the request and kept in the audit log;
 * the number is shown once and dropped when the modal closes.
 */
function RevealPhoneModal({ mediator, onClose }: { mediator: Mediator | null; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null | undefined>(undefined);
  const close = () => {
    setPhone(undefined);
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!mediator) return;
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      setPhone((await revealMediatorPhone(mediator.id, { reason: v.reason.trim() })).phone);
    } catch (err) {
      if (!showFieldError(form, err, ['reason'])) setError(alertMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={mediator !== null}
      title={t('disputes.mediators.revealTitle', { name: mediator?.name ?? '' })}
      onCancel={close}
      destroyOnHidden
      footer={
        phone !== undefined ? (
          <Button type="primary" onClick={close}>
            {t('disputes.mediators.revealClose')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="reveal-submit">
              {t('disputes.mediators.revealSubmit')}
            </Button>
          </Space>
        )
      }
    >
      {phone !== undefined ? (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('disputes.mediators.phone')}>
            <Typography.Text copyable={phone !== null} strong data-testid="revealed-value">
              {phone ?? t('disputes.mediators.noPhone')}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <>
          <Alert type="warning" showIcon title={t('disputes.mediators.revealNotice')} style={{ marginBottom: 16 }} />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item
              name="reason"
              label={t('disputes.mediators.revealReason')}
              rules={[
                { required: true, whitespace: true, message: t('disputes.form.reasonMin') },
                { min: 4, message: t('disputes.form.reasonMin') },
                { max: 200 },
              ]}
            >
              <Input.TextArea rows={2} placeholder={t('disputes.mediators.revealReasonPlaceholder')} data-testid="reveal-reason" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

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
  const [form] = Form.useForm<MediatorForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const removePhone = Form.useWatch('removePhone', form);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    // The stored number is never sent back: editing shows its masked form, and a new one replaces it.
    if (editing) {
      const { phone: _masked, ...rest } = editing;
      form.setFieldsValue({ ...rest, phone: undefined });
    } else form.setFieldsValue({ kind: 'part_time', specialties: [] });
  }, [open, editing, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      const { removePhone: remove, phone, ...rest } = v;
      const body: MediatorBody = {
        ...rest,
        name: v.name.trim(),
        organization: v.organization.trim(),
        ...(remove ? { phone: '' } : phone?.trim() ? { phone: phone.trim() } : {}),
      };
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
      <Form<MediatorForm> form={form} layout="vertical" onValuesChange={() => setError(null)}>
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
        <Form.Item name="phone" label={t('disputes.mediators.phone')} extra={t('disputes.mediators.phoneHelp')}>
          <Input maxLength={20} inputMode="tel" disabled={!!removePhone} placeholder={editing?.phone ?? undefined} data-testid="mediator-phone" />
        </Form.Item>
        {editing?.phone && (
          <Form.Item name="removePhone" valuePropName="checked">
            <Checkbox>{t('disputes.mediators.removePhone')}</Checkbox>
          </Form.Item>
        )}
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
  const canReveal = hasAnyPermission(me, ['disputes.edit']);
  const narrow = !Grid.useBreakpoint().md;
  const [revealing, setRevealing] = useState<Mediator | null>(null);
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
  const phoneCell = (m: Mediator) =>
    m.phone ? (
      <Space size={4} wrap>
        <span data-testid="mediator-phone-masked">{m.phone}</span>
        {canReveal && (
          <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setRevealing(m)} data-testid="mediator-reveal">
            {t('disputes.mediators.reveal')}
          </Button>
        )}
      </Space>
    ) : (
      <Typography.Text type="secondary">{t('disputes.mediators.noPhone')}</Typography.Text>
    );
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
    { key: 'phone', title: t('disputes.mediators.phone'), width: 170, render: (_, m) => phoneCell(m) },
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
          <Space wrap>
            <Space size={4}>
              <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} />
              {t('disputes.mediators.includeInactive')}
            </Space>
            <Button icon={<DownloadOutlined />} href={mediatorsXlsxUrl({ includeInactive })} data-testid="mediators-xlsx">
              {t('common.exportXlsx')}
            </Button>
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
        {narrow ? (
          // On a phone: one card per mediator, nothing wider than the screen.
          <List<Mediator>
            loading={loading}
            dataSource={items}
            data-testid="mediator-list"
            renderItem={(m) => (
              <List.Item data-testid="mediator-item">
                <Space direction="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
                  <Space wrap size={4}>
                    <Typography.Text strong>{m.name}</Typography.Text>
                    <Tag>{t(`disputes.mediatorKind.${m.kind}`)}</Tag>
                    {!m.active && <Tag>{t('disputes.mediators.inactive')}</Tag>}
                    {m.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
                  </Space>
                  <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                    {m.organization} · {m.regionName ?? m.regionCode}
                  </Typography.Text>
                  <span>
                    {t('disputes.mediators.workload')}：{m.workload}
                  </span>
                  {phoneCell(m)}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<Mediator>
            rowKey="id"
            size="small"
            loading={loading}
            columns={columns}
            dataSource={items}
            scroll={{ x: 960 }}
            onRow={() => ({ 'data-testid': 'mediator-item' }) as React.HTMLAttributes<HTMLElement>}
          />
        )}
      </Card>
      <RevealPhoneModal mediator={revealing} onClose={() => setRevealing(null)} />
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
