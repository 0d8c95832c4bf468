import { Alert, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrder, WorkOrderDetail } from '../../../src/modules/requests/schema.ts';
import { ApiError, errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { usePhone } from '../components/use-phone';
import { RegionPicker } from '../people/RegionPicker';
import { CategoryCascader } from './CategoryCascader';
import type { PhotoInput } from './photos';
import { PhotoPicker } from './PhotoPicker';
import { DepartmentSelect, OrderPicker } from './pickers';
import { actionLabel, LEVELS, levelLabel, REQUEST_TYPES, requestTypeLabel, SATISFACTIONS, satisfactionLabel } from './request-labels';
import { postAction, type ActionBodies, type OrderAction } from './requests-api';
import { useTaxonomy } from './use-taxonomy';

/** Actions done through this modal (reveal-contact has its own). */
export type FormAction = Exclude<OrderAction, 'reveal-contact'>;

/** Every field any action's form may hold; each action reads the ones it needs. */
interface ActionForm {
  note?: string;
  resolution?: string;
  reason?: string;
  days?: number;
  approve?: boolean;
  supervised?: boolean;
  departmentIds?: string[];
  callCounty?: boolean;
  contacted?: boolean;
  resolved?: boolean;
  satisfaction?: (typeof SATISFACTIONS)[number];
  comment?: string;
  parentId?: string;
  categoryCode?: string;
  requestType?: (typeof REQUEST_TYPES)[number];
  routing?: 'auto' | 'manual';
  level?: (typeof LEVELS)[number];
  unitRegionCode?: string;
  departmentId?: string;
  villageCode?: string;
  /** Photos of the work (办理照片), with a progress note or the resolution. */
  photos?: PhotoInput[];
}

/** Form fields a server error may name (routing is the form's own choice, not sent). */
type FieldName = Exclude<keyof ActionForm, 'routing'>;

/** Actions whose note must be given (2–2000 characters). */
const NOTE_REQUIRED: readonly FormAction[] = ['progress', 'return', 'escalate', 'reopen', 'supervise'];
const NOTE_OPTIONAL: readonly FormAction[] = ['sign', 'close', 'review-return', 'review-extension', 'dispatch', 'merge'];

const trimmed = (s: string | undefined) => s?.trim() || undefined;

/** The fields the form shows for this action now: a server error on any other goes in the alert. */
function shownFields(action: FormAction, v: ActionForm, needsVillage: boolean): FieldName[] {
  const note = NOTE_REQUIRED.includes(action) || NOTE_OPTIONAL.includes(action) ? (['note'] as const) : [];
  switch (action) {
    case 'dispatch': {
      const manual = v.routing === 'manual';
      return [
        'categoryCode',
        'requestType',
        ...(needsVillage ? (['villageCode'] as const) : []),
        ...(manual ? (['level', 'departmentId'] as const) : []),
        ...(manual && v.level ? (['unitRegionCode'] as const) : []),
        ...note,
      ];
    }
    case 'extension':
      return ['days', 'reason'];
    case 'review-return':
    case 'review-extension':
      return ['approve', ...note];
    case 'supervise':
      return ['supervised', ...note];
    case 'whistle':
      return ['departmentIds', 'callCounty', 'reason'];
    case 'resolve':
      return ['resolution', 'photos'];
    case 'progress':
      return ['note', 'photos'];
    case 'follow-up':
      return ['contacted', 'resolved', 'satisfaction', 'comment'];
    case 'merge':
      return ['parentId', ...note];
    default:
      return [...note];
  }
}

/** The photos as the API takes them; none: left out. */
function photoBodies(photos: PhotoInput[] | undefined): { data: string; filename: string }[] | undefined {
  return photos?.length ? photos.map((p) => ({ data: p.data, filename: p.filename })) : undefined;
}

/** The request body for an action from the form's values. */
function bodyFor(action: FormAction, v: ActionForm): ActionBodies[FormAction] {
  switch (action) {
    case 'dispatch': {
      const manual = v.routing === 'manual';
      return {
        categoryCode: v.categoryCode,
        requestType: v.requestType,
        level: manual ? v.level : undefined,
        unitRegionCode: manual ? v.unitRegionCode : undefined,
        departmentId: manual ? v.departmentId : undefined,
        villageCode: v.villageCode,
        note: trimmed(v.note),
      };
    }
    case 'sign':
    case 'close':
      return { note: trimmed(v.note) };
    case 'progress':
      return { note: v.note!.trim(), photos: photoBodies(v.photos) };
    case 'return':
    case 'escalate':
    case 'reopen':
      return { note: v.note!.trim() };
    case 'review-return':
    case 'review-extension':
      return { approve: v.approve === true, note: trimmed(v.note) };
    case 'extension':
      return { days: v.days!, reason: v.reason!.trim() };
    case 'supervise':
      return { supervised: v.supervised === true, note: v.note!.trim() };
    case 'whistle':
      return { departmentIds: v.departmentIds ?? [], callCounty: v.callCounty || undefined, reason: v.reason!.trim() };
    case 'resolve':
      return { resolution: v.resolution!.trim(), photos: photoBodies(v.photos) };
    case 'follow-up':
      return { contacted: v.contacted === true, resolved: v.resolved === true, satisfaction: v.satisfaction!, comment: trimmed(v.comment) };
    case 'merge':
      return { parentId: v.parentId!, note: trimmed(v.note) };
  }
}

interface ActionModalProps {
  /**
   * The order and the action; null = closed. `manual` (dispatch only) is why automatic routing
   * failed ("路由表找不到责任单位"): the form opens on manual routing with the unit picker open.
   */
  target: { order: WorkOrder | WorkOrderDetail; action: FormAction; manual?: string } | null;
  onClose(): void;
  /** After the server accepted the action. */
  onDone(action: FormAction): void;
}

function isDetail(o: WorkOrder | WorkOrderDetail): o is WorkOrderDetail {
  return 'timeline' in o;
}

/** What the reviewer decides on: the pending extension, or the unit's reason for returning. */
function ReviewContext({ order, action }: { order: WorkOrder | WorkOrderDetail; action: FormAction }) {
  const { t } = useTranslation();
  if (!isDetail(order)) return null;
  if (action === 'review-extension') {
    const ext = order.extensions.find((e) => e.status === 'pending');
    if (!ext) return null;
    return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('requests.form.extensionAsked', { days: ext.days, reason: ext.reason })} />;
  }
  if (action === 'review-return') {
    const last = [...order.timeline].reverse().find((e) => e.action === 'return');
    if (!last) return null;
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('requests.form.returnAsked', { unit: last.unitName ?? last.actorName, reason: last.note ?? '' })}
      />
    );
  }
  return null;
}

/**
 * The form for one action on a work order (派单, 签收, 退单, 延期, 督办, 上报, 吹哨, 办结, 回访, 结案,
 * 重办, 合并 and the reviews). A field the server refuses shows its reason beside that field.
 */
export function ActionModal({ target, onClose, onDone }: ActionModalProps) {
  const { t } = useTranslation();
  const tx = useTaxonomy();
  const [form] = Form.useForm<ActionForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const action = target?.action;
  const order = target?.order;
  const routing = Form.useWatch('routing', form);
  const phone = usePhone();
  const level = Form.useWatch('level', form);
  /** Why the routing table found no unit: shown on the unit field until a unit is picked. */
  const [unitHint, setUnitHint] = useState<string | null>(null);

  // Fresh values each time the modal opens for an order and action (not on every parent render).
  const orderId = target?.order.id;
  const supervised = target?.order.supervised;
  const categoryCode = target?.order.categoryCode;
  const requestType = target?.order.requestType;
  const manual = target?.manual;
  const villageCode = target?.order.villageCode;
  useEffect(() => {
    if (!orderId || !action) return;
    setError(null);
    setUnitHint(manual ?? null);
    form.resetFields();
    form.setFieldsValue({
      approve: true,
      supervised: !supervised,
      contacted: true,
      resolved: true,
      satisfaction: 'satisfied',
      days: 3,
      routing: manual ? 'manual' : 'auto',
      level: manual ? (villageCode ? 'village' : 'township') : undefined,
      categoryCode: categoryCode ?? undefined,
      requestType,
    });
  }, [orderId, action, supervised, categoryCode, requestType, manual, villageCode, form]);

  const submit = async () => {
    if (!target || !action) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      await postAction(target.order.id, action, bodyFor(action, values));
      onDone(action);
    } catch (err) {
      const fe = err instanceof ApiError ? err.fieldError() : undefined;
      if (action === 'dispatch' && fe?.field === 'unitRegionCode' && values.routing !== 'manual') {
        // The routing table has no unit for it: offer the fix, choosing the unit by hand.
        form.setFieldsValue({ routing: 'manual', level: values.level ?? (target.order.villageCode ? 'village' : 'township') });
        setUnitHint(fe.reason);
        return;
      }
      if (!showFieldError(form, err, shownFields(action, values, !target.order.villageCode))) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const noteRules = (required: boolean) => [
    ...(required
      ? [
          { required: true, whitespace: true, message: t('requests.form.required') },
          { min: 2, message: t('requests.form.min2') },
        ]
      : []),
    { max: 2000 },
  ];
  const textArea = (testid: string) => <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid={testid} />;
  const title = action ? (action === 'supervise' && order?.supervised ? t('requests.action.unsupervise') : actionLabel(t, action)) : '';

  return (
    <Modal
      open={target !== null}
      title={order ? `${title} · ${order.number}` : title}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'action-submit' }}
      forceRender
      destroyOnHidden={false}
      width={action === 'dispatch' || action === 'whistle' ? 640 : 520}
      style={phone ? { maxWidth: 'calc(100vw - 16px)', top: 8 } : undefined}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="action-error" />}
      {order && action && <ReviewContext order={order} action={action} />}
      <Form<ActionForm> form={form} layout="vertical" onValuesChange={() => setError(null)}>
        {action === 'dispatch' && (
          <>
            <Form.Item name="categoryCode" label={t('requests.field.category')} extra={t('requests.form.categoryFix')}>
              <CategoryCascader tx={tx} style={{ width: '100%' }} data-testid="dispatch-category" />
            </Form.Item>
            <Form.Item name="requestType" label={t('requests.field.requestType')}>
              <Radio.Group optionType="button" options={REQUEST_TYPES.map((c) => ({ value: c, label: requestTypeLabel(t, c) }))} />
            </Form.Item>
            {order && !order.villageCode && (
              <Form.Item name="villageCode" label={t('requests.form.villageCode')} extra={t('requests.form.villageCodeHelp')}>
                <RegionPicker villagesOnly allowClear />
              </Form.Item>
            )}
            <Form.Item name="routing" label={t('requests.form.routing')}>
              <Radio.Group
                options={[
                  { value: 'auto', label: t('requests.form.routingAuto') },
                  { value: 'manual', label: t('requests.form.routingManual') },
                ]}
              />
            </Form.Item>
            {routing === 'manual' && (
              <>
                <Form.Item name="level" label={t('requests.field.level')} rules={[{ required: true, message: t('requests.form.required') }]}>
                  <Select options={LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))} />
                </Form.Item>
                {level && (
                  <Form.Item
                    name="unitRegionCode"
                    label={t('requests.form.unitRegion')}
                    extra={t('requests.form.unitRegionHelp')}
                    validateStatus={unitHint ? 'warning' : undefined}
                    help={unitHint ?? undefined}
                  >
                    <RegionPicker
                      allowClear
                      autoFocus={!!unitHint}
                      defaultOpen={!!unitHint}
                      onPicked={(_, picked) => {
                        setUnitHint(null);
                        // The unit is the office of the place picked: its level follows (a village's two committees, a township).
                        const lv = LEVELS.find((l) => l === picked);
                        if (lv) form.setFieldValue('level', lv);
                      }}
                      data-testid="dispatch-unit"
                    />
                  </Form.Item>
                )}
                <Form.Item name="departmentId" label={t('requests.form.department')} extra={t('requests.form.departmentHelp')}>
                  <DepartmentSelect />
                </Form.Item>
              </>
            )}
          </>
        )}
        {action === 'extension' && (
          <>
            <Form.Item name="days" label={t('requests.form.days')} rules={[{ required: true, message: t('requests.form.required') }]}>
              <InputNumber min={1} max={30} precision={0} addonAfter={t('requests.form.workingDays')} />
            </Form.Item>
            <Form.Item name="reason" label={t('requests.form.reason')} rules={noteRules(true)}>
              {textArea('action-reason')}
            </Form.Item>
          </>
        )}
        {(action === 'review-return' || action === 'review-extension') && (
          <Form.Item name="approve" label={t('requests.form.decision')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: true, label: t('requests.form.approve') },
                { value: false, label: t('requests.form.refuse') },
              ]}
            />
          </Form.Item>
        )}
        {action === 'supervise' && (
          <Form.Item name="supervised" label={t('requests.flag.supervised')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {action === 'whistle' && (
          <>
            <Form.Item
              name="departmentIds"
              label={t('requests.form.departments')}
              rules={[
                {
                  validator: async (_, ids: string[] | undefined) => {
                    if ((!ids || ids.length === 0) && !form.getFieldValue('callCounty')) throw new Error(t('requests.form.whistleWho'));
                  },
                },
              ]}
            >
              <DepartmentSelect multiple data-testid="whistle-departments" />
            </Form.Item>
            <Form.Item name="callCounty" valuePropName="checked">
              <Checkbox>{t('requests.form.callCounty')}</Checkbox>
            </Form.Item>
            <Form.Item name="reason" label={t('requests.form.whistleReason')} rules={noteRules(true)}>
              {textArea('action-reason')}
            </Form.Item>
          </>
        )}
        {action === 'resolve' && (
          <Form.Item name="resolution" label={t('requests.field.resolution')} rules={noteRules(true)} extra={t('requests.form.resolutionHelp')}>
            {textArea('action-resolution')}
          </Form.Item>
        )}
        {(action === 'resolve' || action === 'progress') && (
          <Form.Item name="photos" label={t('requests.form.handlingPhotos')} extra={t('requests.form.handlingPhotosHelp')} data-testid="action-photos">
            <PhotoPicker camera={phone} />
          </Form.Item>
        )}
        {action === 'follow-up' && (
          <>
            <Form.Item name="contacted" label={t('requests.form.contacted')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('common.yes') },
                  { value: false, label: t('common.no') },
                ]}
              />
            </Form.Item>
            <Form.Item name="resolved" label={t('requests.form.resolvedPerResident')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('common.yes') },
                  { value: false, label: t('common.no') },
                ]}
              />
            </Form.Item>
            <Form.Item name="satisfaction" label={t('requests.form.satisfaction')} rules={[{ required: true, message: t('requests.form.required') }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={SATISFACTIONS.map((s) => ({ value: s, label: satisfactionLabel(t, s) }))} />
            </Form.Item>
            <Form.Item name="comment" label={t('requests.form.comment')} rules={[{ max: 2000 }]}>
              {textArea('action-comment')}
            </Form.Item>
          </>
        )}
        {action === 'merge' && order && (
          <Form.Item
            name="parentId"
            label={t('requests.form.parent')}
            rules={[{ required: true, message: t('requests.form.required') }]}
            extra={t('requests.form.parentHelp')}
          >
            <OrderPicker orderId={order.id} />
          </Form.Item>
        )}
        {action && (NOTE_REQUIRED.includes(action) || NOTE_OPTIONAL.includes(action)) && (
          <Form.Item
            name="note"
            label={t(action === 'return' ? 'requests.form.returnReason' : 'requests.form.note')}
            rules={noteRules(NOTE_REQUIRED.includes(action))}
          >
            {textArea('action-note')}
          </Form.Item>
        )}
        {action === 'close' && order && order.status !== 'followed_up' && <Typography.Text type="secondary">{t('requests.form.closeHelp')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
