import { Alert, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEDIATION_METHODS,
  PARTY_ROLES,
  REFERRALS,
  RISK_LEVELS,
  type AgreeBody,
  type CaseAction,
  type DisputeCaseDetail,
  type Mediator,
  type Reception,
} from '../../../src/modules/disputes/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { formatDateTime } from '../labels';
import { listMediators, listReceptions, postCaseAction } from './disputes-api';

/** Every field any action's form may hold; each action reads the ones it needs. */
interface ActionForm {
  partyRole?: (typeof PARTY_ROLES)[number];
  partyName?: string;
  partyPhone?: string;
  mediatorId?: string;
  note?: string;
  reason?: string;
  level?: (typeof RISK_LEVELS)[number];
  heldAt?: Dayjs;
  place?: string;
  attendees?: string[];
  record?: string;
  methods?: string[];
  kind?: AgreeBody['kind'];
  facts?: string;
  matters?: string;
  responsibilities?: string;
  terms?: string;
  performanceMethod?: string;
  performanceDeadline?: Dayjs;
  committeeName?: string;
  to?: (typeof REFERRALS)[number];
  performed?: boolean;
  receptionId?: string;
}
type FieldName = keyof ActionForm;

const WRITTEN_ONLY: readonly FieldName[] = ['facts', 'matters', 'responsibilities', 'performanceMethod', 'performanceDeadline', 'committeeName'];

/** The fields the form shows for an action: a server error naming any other goes in the alert. */
function shownFields(action: CaseAction, v: ActionForm): FieldName[] {
  switch (action) {
    case 'assign':
      return ['mediatorId', 'note'];
    case 'escalate':
    case 'fail':
      return ['reason'];
    case 'raise-risk':
      return ['level', 'reason'];
    case 'session':
      return ['heldAt', 'place', 'attendees', 'record', 'methods', 'mediatorId'];
    case 'agree':
      return ['kind', 'terms', ...(v.kind === 'written' ? WRITTEN_ONLY : [])];
    case 'refer':
      return ['to', 'reason'];
    case 'stamp':
      return ['committeeName'];
    case 'close':
      return ['note'];
    case 'visit':
      return ['performed', 'note'];
    case 'link-reception':
      return ['receptionId'];
    case 'add-party':
      return ['partyRole', 'partyName', 'partyPhone'];
    case 'sign':
      return [];
  }
}

const trimmed = (s: string | undefined) => s?.trim() || undefined;

/** The request body for an action from the form's values. */
function bodyFor(action: CaseAction, v: ActionForm): object {
  switch (action) {
    case 'assign':
      return { mediatorId: v.mediatorId, note: trimmed(v.note) };
    case 'escalate':
    case 'fail':
      return { reason: v.reason?.trim() ?? '' };
    case 'raise-risk':
      return { level: v.level, reason: trimmed(v.reason) };
    case 'session':
      return {
        heldAt: (v.heldAt ?? dayjs()).toISOString(),
        place: v.place?.trim(),
        attendees: (v.attendees ?? []).map((a) => a.trim()).filter(Boolean),
        record: v.record?.trim(),
        methods: v.methods ?? [],
        mediatorId: v.mediatorId,
      };
    case 'agree':
      return v.kind === 'written'
        ? {
            kind: 'written',
            facts: trimmed(v.facts),
            matters: trimmed(v.matters),
            responsibilities: trimmed(v.responsibilities),
            terms: v.terms?.trim(),
            performanceMethod: trimmed(v.performanceMethod),
            performanceDeadline: v.performanceDeadline?.format('YYYY-MM-DD'),
            committeeName: trimmed(v.committeeName),
          }
        : { kind: 'oral', terms: v.terms?.trim() };
    case 'add-party':
      return { party: { role: v.partyRole ?? 'respondent', name: v.partyName?.trim(), phone: trimmed(v.partyPhone) } };
    case 'refer':
      return { to: v.to, reason: v.reason?.trim() ?? '' };
    case 'stamp':
      return { committeeName: trimmed(v.committeeName) };
    case 'close':
      return { note: trimmed(v.note) };
    case 'visit':
      return { performed: v.performed === true, note: trimmed(v.note) };
    case 'link-reception':
      return { receptionId: v.receptionId ?? null };
    case 'sign':
      return {};
  }
}

interface CaseActionModalProps {
  /** The case and the action; null = closed. */
  target: { c: DisputeCaseDetail; action: CaseAction } | null;
  onClose(): void;
  onDone(action: CaseAction, after: DisputeCaseDetail): void;
}

/**
 * The form for one action on a dispute case: assign, escalate (with its reason), risk, session,
 * agreement (written per art. 29 or oral), failure, referral, signatures, stamp, close, follow-up
 * visit, reception. A field the server refuses shows the server's reason beside that field.
 */
export function CaseActionModal({ target, onClose, onDone }: CaseActionModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActionForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mediators, setMediators] = useState<Mediator[]>([]);
  const [receptions, setReceptions] = useState<Reception[]>([]);
  const action = target?.action;
  const kind = Form.useWatch('kind', form);
  const caseId = target?.c.id;

  useEffect(() => {
    if (!target || !action) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      heldAt: dayjs(),
      kind: 'written',
      level: target.c.riskLevel,
      performed: true,
      to: 'litigation',
      attendees: target.c.parties.map((p) => p.name),
      methods: target.c.methods,
      receptionId: target.c.receptionId ?? undefined,
    });
    if (action === 'assign' || action === 'session') {
      listMediators({ regionCode: target.c.villageCode ?? target.c.townshipCode ?? undefined, type: target.c.disputeType })
        .then((l) => setMediators(l.items))
        .catch(() =>
          listMediators().then(
            (l) => setMediators(l.items),
            () => undefined,
          ),
        );
    }
    if (action === 'link-reception') {
      listReceptions()
        .then((l) => setReceptions(l.items))
        .catch(() => undefined);
    }
    // Reset only when another case or action is opened, not when the parent re-renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, action, form]);

  const submit = async () => {
    if (!target || !action) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      onDone(action, await postCaseAction(target.c.id, action, bodyFor(action, values)));
    } catch (err) {
      if (!showFieldError(form, err, shownFields(action, values))) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('disputes.form.required') }];
  const area = (name: FieldName, rows = 3) => <Input.TextArea autoSize={{ minRows: rows, maxRows: 10 }} maxLength={10000} data-testid={`f-${name}`} />;
  const mediatorSelect = (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="f-mediatorId"
      options={mediators.map((m) => ({ value: m.id, label: `${m.name} · ${m.organization}（${m.workload}）` }))}
    />
  );

  return (
    <Modal
      open={target !== null}
      title={target && action ? `${t(`disputes.action.${action}`)} · ${target.c.number}` : ''}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'action-submit' }}
      forceRender
      destroyOnHidden={false}
      width={action === 'agree' || action === 'session' ? 720 : 520}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="action-error" />}
      <Form<ActionForm> form={form} layout="vertical" onValuesChange={() => setError(null)}>
        {action === 'assign' && (
          <Form.Item name="mediatorId" label={t('disputes.form.mediator')} rules={[{ required: true, message: t('disputes.form.required') }]}>
            {mediatorSelect}
          </Form.Item>
        )}
        {(action === 'escalate' || action === 'fail' || action === 'refer') && (
          <>
            {action === 'refer' && (
              <Form.Item name="to" label={t('disputes.form.referTo')}>
                <Radio.Group optionType="button" options={REFERRALS.map((r) => ({ value: r, label: t(`disputes.referral.${r}`) }))} />
              </Form.Item>
            )}
            <Form.Item name="reason" label={t('disputes.form.reason')} extra={t('disputes.form.reasonHelp')} rules={required}>
              {area('reason')}
            </Form.Item>
          </>
        )}
        {action === 'raise-risk' && (
          <>
            <Form.Item name="level" label={t('disputes.form.riskLevel')}>
              <Radio.Group optionType="button" buttonStyle="solid" options={RISK_LEVELS.map((r) => ({ value: r, label: t(`disputes.risk.${r}`) }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('disputes.form.reason')} extra={t('disputes.form.riskReasonHelp')}>
              {area('reason')}
            </Form.Item>
          </>
        )}
        {action === 'session' && (
          <>
            <Form.Item name="heldAt" label={t('disputes.form.heldAt')} rules={[{ required: true, message: t('disputes.form.required') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="place" label={t('disputes.form.place')} rules={required}>
              <Input maxLength={200} data-testid="f-place" />
            </Form.Item>
            <Form.Item
              name="attendees"
              label={t('disputes.form.attendees')}
              extra={t('disputes.form.attendeesHelp')}
              rules={[{ required: true, message: t('disputes.form.required') }]}
            >
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} data-testid="f-attendees" />
            </Form.Item>
            <Form.Item name="methods" label={t('disputes.form.methods')} rules={[{ required: true, message: t('disputes.form.required') }]}>
              <Select
                mode="multiple"
                data-testid="f-methods"
                options={MEDIATION_METHODS.map((m) => ({ value: m.code, label: t(`disputes.method.${m.code}`) }))}
              />
            </Form.Item>
            <Form.Item name="record" label={t('disputes.form.record')} rules={required}>
              {area('record', 4)}
            </Form.Item>
            <Form.Item name="mediatorId" label={t('disputes.form.mediator')}>
              {mediatorSelect}
            </Form.Item>
          </>
        )}
        {action === 'agree' && (
          <>
            <Form.Item name="kind" label={t('disputes.form.kind')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'written', label: t('disputes.form.written') },
                  { value: 'oral', label: t('disputes.form.oral') },
                ]}
              />
            </Form.Item>
            {kind === 'written' && (
              <>
                <Form.Item name="facts" label={t('disputes.form.facts')} rules={required}>
                  {area('facts')}
                </Form.Item>
                <Form.Item name="matters" label={t('disputes.form.matters')} rules={required}>
                  {area('matters', 2)}
                </Form.Item>
                <Form.Item name="responsibilities" label={t('disputes.form.responsibilities')} rules={required}>
                  {area('responsibilities', 2)}
                </Form.Item>
              </>
            )}
            <Form.Item name="terms" label={t('disputes.form.terms')} rules={required}>
              {area('terms', 4)}
            </Form.Item>
            {kind === 'written' && (
              <>
                <Form.Item name="performanceMethod" label={t('disputes.form.performanceMethod')} rules={required}>
                  <Input maxLength={2000} data-testid="f-performanceMethod" />
                </Form.Item>
                <Form.Item
                  name="performanceDeadline"
                  label={t('disputes.form.performanceDeadline')}
                  rules={[{ required: true, message: t('disputes.form.required') }]}
                >
                  <DatePicker data-testid="f-performanceDeadline" />
                </Form.Item>
                <Form.Item name="committeeName" label={t('disputes.form.committeeName')} extra={t('disputes.form.committeeHelp')}>
                  <Input maxLength={100} data-testid="f-committeeName" />
                </Form.Item>
              </>
            )}
          </>
        )}
        {action === 'stamp' && (
          <Form.Item name="committeeName" label={t('disputes.form.committeeName')} extra={t('disputes.form.committeeHelp')}>
            <Input maxLength={100} placeholder={target?.c.agreement?.committeeName ?? undefined} data-testid="f-committeeName" />
          </Form.Item>
        )}
        {action === 'visit' && (
          <Form.Item name="performed" label={t('disputes.form.performed')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t('common.yes') },
                { value: false, label: t('common.no') },
              ]}
            />
          </Form.Item>
        )}
        {action === 'add-party' && (
          <>
            <Form.Item name="partyRole" label={t('disputes.field.role')} initialValue="respondent">
              <Select options={PARTY_ROLES.map((r) => ({ value: r, label: t(`disputes.role.${r}`) }))} data-testid="f-partyRole" />
            </Form.Item>
            <Form.Item name="partyName" label={t('disputes.field.name')} rules={[{ required: true, message: t('disputes.form.required') }]}>
              <Input maxLength={50} data-testid="f-partyName" />
            </Form.Item>
            <Form.Item name="partyPhone" label={t('disputes.field.phone')}>
              <Input maxLength={20} data-testid="f-partyPhone" />
            </Form.Item>
          </>
        )}
        {action === 'link-reception' && (
          <Form.Item name="receptionId" label={t('disputes.form.reception')}>
            <Select
              allowClear
              placeholder={t('disputes.form.noReception')}
              options={receptions.map((r) => ({ value: r.id, label: `${formatDateTime(r.scheduledAt)} ${r.leaderName} · ${r.place}` }))}
            />
          </Form.Item>
        )}
        {(action === 'assign' || action === 'close' || action === 'visit') && (
          <Form.Item name="note" label={t('disputes.form.note')} rules={[{ max: 1000 }]}>
            {area('note', 2)}
          </Form.Item>
        )}
        {action === 'close' && <Typography.Text type="secondary">{t('disputes.form.closeHelp')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
