import { Alert, App, Button, Card, DatePicker, Drawer, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_CATEGORIES, SERVICE_DIRECTIONS, type ServiceCategory, type ServiceDirection } from '../../../src/modules/points/kinds.ts';
import type { HoursRecord, Pool, Service, Volunteer, VolunteerDetail } from '../../../src/modules/points/timebank-schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { ResidentSelect } from '../disputes/ResidentSelect';
import { PickVillageHint, PointsTabs, Refusal, useVillage, VillagePicker } from './common';
import { VolunteerMonth } from './HoursStatementView';
import {
  closeService,
  confirmHours,
  createService,
  donateHours,
  getPool,
  getVolunteer,
  listServices,
  listVolunteers,
  logHours,
  registerVolunteer,
  spendHours,
} from './points-api';

type Dialog =
  { kind: 'register' | 'log' | 'service' | 'poolSpend' } | { kind: 'spend' | 'donate'; volunteer: Volunteer } | { kind: 'details'; volunteer: Volunteer };

/**
 * 时间银行 (/points/timebank): the village pool, volunteers with their hours (logging, confirming
 * for the receiver, spending, donating) and the offers and requests of service.
 */
export default function TimebankPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = hasAnyPermission(me, ['points.edit']);
  const village = useVillage();
  const { villageCode } = village;
  const [volunteers, setVolunteers] = useState<Volunteer[] | null>(null);
  const [services, setServices] = useState<Service[] | null>(null);
  const [pool, setPool] = useState<Pool>();
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((k) => k + 1);

  const load = useCallback(() => {
    if (!villageCode) return;
    setError(undefined);
    const fail = (err: unknown) => setError(errorMessage(err));
    listVolunteers(villageCode).then(setVolunteers, (err: unknown) => {
      fail(err);
      setVolunteers([]);
    });
    listServices({ villageCode }).then(setServices, (err: unknown) => {
      fail(err);
      setServices([]);
    });
    getPool(villageCode).then(setPool, fail);
  }, [villageCode]);
  useEffect(load, [load, reloadKey]);

  const close = async (s: Service) => {
    try {
      await closeService(s.id);
      reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const volunteerColumns: ColumnsType<Volunteer> = [
    {
      key: 'name',
      title: t('points.timebank.field.name'),
      render: (_, v) => (
        <div style={{ overflowWrap: 'anywhere' }}>
          {v.name}
          {v.partyMember && (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              {t('points.timebank.partyMember', { org: v.partyMember.orgName })}
            </Tag>
          )}
          {v.skills && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {v.skills}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'balance', title: t('points.timebank.field.balance'), width: 90, render: (_, v) => t('points.common.hours', { n: v.balance }) },
    { key: 'earned', title: t('points.timebank.field.earned'), width: 90, render: (_, v) => t('points.common.hours', { n: v.earned }) },
    { key: 'pending', title: t('points.timebank.field.pending'), width: 90, render: (_, v) => t('points.common.hours', { n: v.pending }) },
    {
      key: 'actions',
      title: '',
      width: 240,
      render: (_, v) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setDialog({ kind: 'details', volunteer: v })} data-testid="volunteer-details">
            {t('points.timebank.details')}
          </Button>
          {mayEdit && (
            <>
              <Button size="small" onClick={() => setDialog({ kind: 'spend', volunteer: v })} data-testid="volunteer-spend">
                {t('points.timebank.spend')}
              </Button>
              <Button size="small" onClick={() => setDialog({ kind: 'donate', volunteer: v })} data-testid="volunteer-donate">
                {t('points.timebank.donate')}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  const serviceColumns: ColumnsType<Service> = [
    {
      key: 'description',
      title: t('points.timebank.field.description'),
      render: (_, s) => (
        <div style={{ overflowWrap: 'anywhere' }}>
          {s.description}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {s.name} · {t(`points.category.${s.category}`)}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'direction',
      title: t('points.timebank.field.direction'),
      width: 80,
      render: (_, s) => <Tag color={s.direction === 'offer' ? 'blue' : 'orange'}>{t(`points.timebank.direction.${s.direction}`)}</Tag>,
    },
    { key: 'status', title: t('points.timebank.field.status'), width: 90, render: (_, s) => t(`points.timebank.serviceStatus.${s.status}`) },
    {
      key: 'actions',
      title: '',
      width: 80,
      render: (_, s) =>
        mayEdit && s.status === 'open' ? (
          <Button size="small" onClick={() => void close(s)} data-testid="service-close">
            {t('points.timebank.close')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PointsTabs />
      <div data-testid="points-timebank-page">
        <Typography.Paragraph type="secondary">{t('points.timebank.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <VillagePicker {...village} />
          {mayEdit && villageCode && (
            <>
              <Button type="primary" onClick={() => setDialog({ kind: 'log' })} data-testid="hours-log-open">
                {t('points.timebank.logHours')}
              </Button>
              <Button onClick={() => setDialog({ kind: 'register' })} data-testid="volunteer-register-open">
                {t('points.timebank.register')}
              </Button>
            </>
          )}
        </Flex>
        {!villageCode ? (
          <PickVillageHint />
        ) : (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card
              size="small"
              title={t('points.timebank.pool')}
              extra={
                mayEdit && (
                  <Button size="small" onClick={() => setDialog({ kind: 'poolSpend' })} data-testid="pool-spend-open">
                    {t('points.timebank.poolSpend')}
                  </Button>
                )
              }
            >
              <Typography.Text data-testid="pool-balance" data-balance={pool?.balance}>
                {pool ? t('points.timebank.poolLine', { balance: pool.balance, donated: pool.donated, spent: pool.spent }) : '…'}
              </Typography.Text>
            </Card>
            <Card size="small" title={t('points.timebank.volunteers')}>
              <ResponsiveList<Volunteer>
                columns={volunteerColumns}
                dataSource={volunteers ?? undefined}
                loading={volunteers === null}
                rowKey="id"
                size="small"
                pagination={false}
                locale={{ emptyText: t('points.common.empty') }}
                onRow={(v) => ({
                  'data-testid': 'volunteer-row',
                  'data-name': v.name,
                  'data-balance': v.balance,
                  'data-pending': v.pending,
                  'data-party': String(v.partyMember !== null),
                })}
              />
            </Card>
            <Card
              size="small"
              title={t('points.timebank.services')}
              extra={
                mayEdit && (
                  <Button size="small" onClick={() => setDialog({ kind: 'service' })} data-testid="service-create-open">
                    {t('points.timebank.newService')}
                  </Button>
                )
              }
            >
              <ResponsiveList<Service>
                columns={serviceColumns}
                dataSource={services ?? undefined}
                loading={services === null}
                rowKey="id"
                size="small"
                pagination={false}
                locale={{ emptyText: t('points.common.empty') }}
                onRow={(s) => ({ 'data-testid': 'service-row', 'data-direction': s.direction, 'data-status': s.status, 'data-name': s.name })}
              />
            </Card>
          </Space>
        )}
      </div>
      {villageCode && dialog?.kind === 'register' && <RegisterModal onDone={reload} onClose={() => setDialog(null)} />}
      {villageCode && dialog?.kind === 'log' && <LogHoursModal volunteers={volunteers ?? []} onDone={reload} onClose={() => setDialog(null)} />}
      {villageCode && dialog?.kind === 'service' && <ServiceModal villageVolunteers={volunteers ?? []} onDone={reload} onClose={() => setDialog(null)} />}
      {villageCode && (dialog?.kind === 'spend' || dialog?.kind === 'donate' || dialog?.kind === 'poolSpend') && (
        <TransferModal
          kind={dialog.kind}
          villageCode={villageCode}
          from={'volunteer' in dialog ? dialog.volunteer : undefined}
          volunteers={volunteers ?? []}
          onDone={reload}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'details' && <VolunteerDrawer volunteer={dialog.volunteer} mayEdit={mayEdit} onChanged={reload} onClose={() => setDialog(null)} />}
    </>
  );
}

/** A dialog's save: validate, call, refresh and close, or keep the refusal in place. */
function useSave<T>(form: ReturnType<typeof Form.useForm<T>>[0], call: (v: T) => Promise<unknown>, onDone: () => void, onClose: () => void) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      await call(v);
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, submit };
}

interface DialogProps {
  onDone(): void;
  onClose(): void;
}

function RegisterModal({ onDone, onClose }: DialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ residentId: string; skills?: string }>();
  const { saving, error, submit } = useSave(
    form,
    (v) => registerVolunteer({ residentId: v.residentId, ...(v.skills?.trim() ? { skills: v.skills.trim() } : {}) }),
    onDone,
    onClose,
  );
  return (
    <Modal
      open
      title={t('points.timebank.register')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'volunteer-register-submit' }}
      destroyOnHidden
    >
      <Refusal error={error} testId="volunteer-register-refusal" />
      <Form form={form} layout="vertical">
        <Form.Item name="residentId" label={t('points.timebank.field.resident')} rules={[{ required: true }]}>
          <ResidentSelect data-testid="volunteer-resident" />
        </Form.Item>
        <Form.Item name="skills" label={t('points.timebank.field.skills')} rules={[{ max: 200 }]}>
          <Input data-testid="volunteer-skills" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface LogForm {
  volunteerId: string;
  receiverId: string;
  category: ServiceCategory;
  servedOn: Dayjs;
  hours: number;
  activity: string;
}

function LogHoursModal({ volunteers, onDone, onClose }: DialogProps & { volunteers: Volunteer[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LogForm>();
  const { saving, error, submit } = useSave(
    form,
    (v) =>
      logHours({
        volunteerId: v.volunteerId,
        receiverId: v.receiverId,
        category: v.category,
        servedOn: v.servedOn.format('YYYY-MM-DD'),
        hours: v.hours,
        activity: v.activity.trim(),
      }),
    onDone,
    onClose,
  );
  return (
    <Modal
      open
      title={t('points.timebank.logHours')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'hours-log-submit' }}
      destroyOnHidden
    >
      <Refusal error={error} testId="hours-log-refusal" />
      <Form form={form} layout="vertical" initialValues={{ category: 'elder_care', servedOn: dayjs(), hours: 1 }}>
        <Form.Item name="volunteerId" label={t('points.timebank.field.volunteer')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} data-testid="hours-volunteer" options={volunteers.map((v) => ({ value: v.id, label: v.name }))} />
        </Form.Item>
        <Form.Item name="receiverId" label={t('points.timebank.field.receiver')} rules={[{ required: true }]}>
          <ResidentSelect data-testid="hours-receiver" />
        </Form.Item>
        <Form.Item name="category" label={t('points.timebank.field.category')} rules={[{ required: true }]}>
          <Select data-testid="hours-category" options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`points.category.${c}`) }))} />
        </Form.Item>
        <Flex gap={8} wrap>
          <Form.Item name="servedOn" label={t('points.timebank.field.servedOn')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 140 }}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="hours-date" />
          </Form.Item>
          <Form.Item name="hours" label={t('points.timebank.field.hours')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 140 }}>
            <InputNumber min={0.5} max={24} step={0.5} precision={1} style={{ width: '100%' }} data-testid="hours-hours" />
          </Form.Item>
        </Flex>
        <Form.Item name="activity" label={t('points.timebank.field.activity')} rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}>
          <Input data-testid="hours-activity" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ServiceForm {
  direction: ServiceDirection;
  category: ServiceCategory;
  volunteerId?: string;
  residentId?: string;
  description: string;
}

function ServiceModal({ villageVolunteers, onDone, onClose }: DialogProps & { villageVolunteers: Volunteer[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ServiceForm>();
  const direction = Form.useWatch('direction', form) ?? 'offer';
  const { saving, error, submit } = useSave(
    form,
    (v) =>
      createService({
        direction: v.direction,
        category: v.category,
        ...(v.direction === 'offer' ? { volunteerId: v.volunteerId } : { residentId: v.residentId }),
        description: v.description.trim(),
      }),
    onDone,
    onClose,
  );
  return (
    <Modal
      open
      title={t('points.timebank.newService')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'service-create-submit' }}
      destroyOnHidden
    >
      <Refusal error={error} testId="service-create-refusal" />
      <Form form={form} layout="vertical" initialValues={{ direction: 'offer', category: 'elder_care' }}>
        <Form.Item name="direction" label={t('points.timebank.field.direction')}>
          <Select data-testid="service-direction" options={SERVICE_DIRECTIONS.map((d) => ({ value: d, label: t(`points.timebank.direction.${d}`) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('points.timebank.field.category')}>
          <Select data-testid="service-category" options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`points.category.${c}`) }))} />
        </Form.Item>
        {direction === 'offer' ? (
          <Form.Item name="volunteerId" label={t('points.timebank.field.volunteer')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="service-volunteer"
              options={villageVolunteers.map((v) => ({ value: v.id, label: v.name }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="residentId" label={t('points.timebank.field.resident')} rules={[{ required: true }]}>
            <ResidentSelect data-testid="service-resident" />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('points.timebank.field.description')} rules={[{ required: true, whitespace: true, min: 2, max: 500 }]}>
          <Input.TextArea rows={2} data-testid="service-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const POOL = '__pool__';

/** Spend a volunteer's hours, donate them (to a volunteer or the pool), or spend the pool's. */
function TransferModal({
  kind,
  villageCode,
  from,
  volunteers,
  onDone,
  onClose,
}: DialogProps & { kind: 'spend' | 'donate' | 'poolSpend'; villageCode: string; from?: Volunteer; volunteers: Volunteer[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ to?: string; hours: number; note: string }>();
  const { saving, error, submit } = useSave(
    form,
    (v) => {
      const common = { hours: v.hours, note: v.note.trim() };
      if (kind === 'poolSpend') return spendHours({ villageCode, ...common });
      if (kind === 'spend') return spendHours({ fromVolunteerId: from!.id, ...common });
      return donateHours({ fromVolunteerId: from!.id, ...(v.to && v.to !== POOL ? { toVolunteerId: v.to } : {}), ...common });
    },
    onDone,
    onClose,
  );
  const title =
    kind === 'poolSpend' ? t('points.timebank.poolSpend') : `${t(kind === 'spend' ? 'points.timebank.spend' : 'points.timebank.donate')} · ${from?.name ?? ''}`;
  return (
    <Modal
      open
      title={title}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'transfer-submit' }}
      destroyOnHidden
    >
      <Refusal error={error} testId="transfer-refusal" />
      {from && (
        <Typography.Paragraph type="secondary">
          {t('points.timebank.field.balance')}: {t('points.common.hours', { n: from.balance })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={{ to: POOL, hours: 1 }}>
        {kind === 'donate' && (
          <Form.Item name="to" label={t('points.timebank.field.to')}>
            <Select
              data-testid="transfer-to"
              options={[
                { value: POOL, label: t('points.timebank.field.toPool') },
                ...volunteers.filter((v) => v.id !== from?.id).map((v) => ({ value: v.id, label: v.name })),
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="hours" label={t('points.timebank.field.hours')} rules={[{ required: true }]}>
          <InputNumber min={0.5} max={1000} step={0.5} precision={1} style={{ width: '100%' }} data-testid="transfer-hours" />
        </Form.Item>
        <Form.Item name="note" label={t('points.timebank.field.note')} rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}>
          <Input data-testid="transfer-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A volunteer's hours, pending ones with "confirm for the receiver". */
function VolunteerDrawer({ volunteer, mayEdit, onChanged, onClose }: { volunteer: Volunteer; mayEdit: boolean; onChanged(): void; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<VolunteerDetail>();
  const [error, setError] = useState<unknown>();
  const [reloadKey, setReloadKey] = useState(0);
  useEffect(() => {
    getVolunteer(volunteer.id).then(setDetail, setError);
  }, [volunteer.id, reloadKey]);
  const confirm = async (h: HoursRecord) => {
    setError(undefined);
    try {
      await confirmHours(h.id);
      void message.success(t('points.timebank.hoursStatus.confirmed'));
      setReloadKey((k) => k + 1);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Drawer open onClose={onClose} title={`${volunteer.name} · ${t('points.timebank.details')}`} size="large" data-testid="volunteer-drawer">
      <Refusal error={error} testId="hours-confirm-refusal" />
      {detail && (
        <Flex gap={16} wrap style={{ marginBottom: 12 }}>
          <Typography.Text data-testid="volunteer-balance">
            {t('points.timebank.field.balance')}: {t('points.common.hours', { n: detail.balance })}
          </Typography.Text>
          <Typography.Text>
            {t('points.timebank.field.earned')}: {t('points.common.hours', { n: detail.earned })}
          </Typography.Text>
          <Typography.Text>
            {t('points.timebank.field.pending')}: {t('points.common.hours', { n: detail.pending })}
          </Typography.Text>
        </Flex>
      )}
      <VolunteerMonth volunteerId={volunteer.id} reloadKey={reloadKey} />
      {mayEdit && <Typography.Paragraph type="secondary">{t('points.timebank.confirmHint')}</Typography.Paragraph>}
      <List
        size="small"
        loading={!detail && !error}
        dataSource={detail?.hours ?? []}
        locale={{ emptyText: t('points.common.empty') }}
        renderItem={(h) => (
          <List.Item
            data-testid="hours-row"
            data-status={h.status}
            data-receiver={h.receiverName}
            data-hours={h.hours}
            actions={
              mayEdit && h.status === 'logged'
                ? [
                    <Popconfirm
                      key="confirm"
                      title={t('points.timebank.confirm')}
                      onConfirm={() => confirm(h)}
                      okButtonProps={{ 'data-testid': 'hours-confirm-submit' }}
                    >
                      <Button size="small" type="primary" data-testid="hours-confirm">
                        {t('points.timebank.confirm')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {h.servedOn} · {h.receiverName} · {t(`points.category.${h.category}`)} · {t('points.common.hours', { n: h.hours })}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {h.activity} · {t(`points.timebank.hoursStatus.${h.status}`)}
                {h.confirmedVia ? ` · ${t(`points.timebank.confirmedVia.${h.confirmedVia}`)}` : ''}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </Drawer>
  );
}
