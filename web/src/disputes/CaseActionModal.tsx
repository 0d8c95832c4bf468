import { Alert, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  JUDICIAL_OUTCOMES,
  MEDIATION_METHODS,
  PARTY_ROLES,
  REFERRALS,
  RISK_LEVELS,
  type AgreeBody,
  type CaseAction,
  type DisputeCaseDetail,
  type Mediator,
  type PartyParticulars,
  type Reception,
} from '../../../src/modules/disputes/schema.ts';
import { ApiError, errorMessage } from '../api';
import { markField, showFieldError } from '../components/form-errors';
import { formatDateTime } from '../labels';
import { listDepartments, type Department } from '../requests/requests-api';
import { listMediators, listReceptions, postCaseAction } from './disputes-api';
import { initialParticulars, ParticularsFields, particularsBody } from './ParticularsFields';

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
  parties?: Partial<PartyParticulars>[];
  appliedOn?: Dayjs;
  court?: string;
  applicants?: string[];
  outcome?: (typeof JUDICIAL_OUTCOMES)[number];
  ruledOn?: Dayjs;
  document?: string;
  departmentId?: string;
  method?: string;
}
type FieldName = keyof ActionForm;

const JOINT_METHODS = MEDIATION_METHODS.filter((m) => m.code.startsWith('joint_'));

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
      return ['kind', 'terms', ...(v.kind === 'written' ? [...WRITTEN_ONLY, 'parties' as const] : [])];
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
    case 'judicial-apply':
      return ['appliedOn', 'court', 'applicants'];
    case 'judicial-outcome':
      return ['outcome', 'ruledOn', 'document', 'reason'];
    case 'invite-department':
      return ['departmentId', 'method', 'note'];
    case 'department-part':
      return ['note'];
    case 'sign':
    case 'evidence': // uploaded from the evidence card (EvidenceCard), not through this form
    case 'evidence-shown':
      return [];
  }
}

const trimmed = (s: string | undefined) => s?.trim() || undefined;

/** The request body for an action from the form's values. */
function bodyFor(action: CaseAction, v: ActionForm, c: DisputeCaseDetail): object {
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
            parties: particularsBody(c.parties, v.parties),
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
    case 'judicial-apply':
      return { appliedOn: (v.appliedOn ?? dayjs()).format('YYYY-MM-DD'), court: v.court?.trim() ?? '', applicants: v.applicants ?? [] };
    case 'judicial-outcome':
      return {
        outcome: v.outcome,
        ruledOn: (v.ruledOn ?? dayjs()).format('YYYY-MM-DD'),
        document: v.document?.trim() ?? '',
        ...(v.outcome === 'rejected' ? { reason: v.reason?.trim() ?? '' } : {}),
      };
    case 'invite-department':
      return { departmentId: v.departmentId, method: v.method, note: trimmed(v.note) };
    case 'department-part':
      return { note: v.note?.trim() ?? '' };
    case 'sign':
    case 'evidence':
    case 'evidence-shown':
      return {};
  }
}

/**
 * Puts a server error naming a field on that field: a plain one of the form, a party's particular
 * (`parties[1].ethnicity`), or an applicant (`applicants[0]` → the applicants' field). False when it
 * names none of them, so the caller shows it in the alert.
 */
function placeError(form: ReturnType<typeof Form.useForm<ActionForm>>[0], err: unknown, fields: FieldName[]): boolean {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED' || typeof err.details.field !== 'string') return false;
  const reason = typeof err.details.reason === 'string' ? err.details.reason : errorMessage(err);
  const party = /^parties\[(\d+)\]\.(\w+)$/.exec(err.details.field);
  if (party && fields.includes('parties')) {
    markField(form, ['parties', Number(party[1]), party[2]!], reason);
    return true;
  }
  if (/^applicants(\[\d+\])?$/.test(err.details.field) && fields.includes('applicants')) {
    markField(form, ['applicants'], reason);
    return true;
  }
  return showFieldError(form, err, fields);
}

interface CaseActionModalProps {
  /** The case and the action; null = closed. */
  target: { c: DisputeCaseDetail; action: CaseAction } | null;
  onClose(): void;
  onDone(action: CaseAction, after: DisputeCaseDetail): void;
}

/**
 * The form for one action on a dispute case: assign, escalate (with its reason), risk, session,
 * agreement (written per art. 29 with the parties' particulars, or oral), failure, referral,
 * signatures, stamp, close, follow-up visit, reception, 司法确认 (the application, the ruling), joint
 * mediation (inviting a department; the department's part). A field the server refuses shows the
 * server's reason beside that field.
 */
export function CaseActionModal({ target, onClose, onDone }: CaseActionModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActionForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mediators, setMediators] = useState<Mediator[]>([]);
  const [receptions, setReceptions] = useState<Reception[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const action = target?.action;
  const kind = Form.useWatch('kind', form);
  const outcome = Form.useWatch('outcome', form);
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
      parties: initialParticulars(target.c.parties),
      appliedOn: dayjs(),
      ruledOn: dayjs(),
      outcome: 'confirmed',
      applicants: target.c.parties.filter((p) => p.role !== 'third_party').map((p) => p.id),
    });
    if (action === 'invite-department') {
      listDepartments()
        .then(setDepartments)
        .catch(() => undefined);
    }
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
      onDone(action, await postCaseAction(target.c.id, action, bodyFor(action, values, target.c)));
    } catch (err) {
      if (!placeError(form, err, shownFields(action, values))) setError(errorMessage(err));
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
      width={action === 'agree' || action === 'session' ? 760 : 520}
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
            {kind === 'written' && target && <ParticularsFields parties={target.c.parties} />}
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
        {action === 'judicial-apply' && target && (
          <>
            <Alert type="info" showIcon title={t('disputes.judicial.applyHelp', { due: target.c.agreement?.judicialDue ?? '' })} style={{ marginBottom: 16 }} />
            <Form.Item name="appliedOn" label={t('disputes.judicial.appliedOn')} rules={[{ required: true, message: t('disputes.form.required') }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="f-appliedOn" />
            </Form.Item>
            <Form.Item name="court" label={t('disputes.judicial.court')} rules={required}>
              <Input maxLength={100} placeholder={t('disputes.judicial.courtPlaceholder')} data-testid="f-court" />
            </Form.Item>
            <Form.Item name="applicants" label={t('disputes.judicial.applicants')} extra={t('disputes.judicial.applicantsHelp')}>
              <Checkbox.Group
                options={target.c.parties.map((p) => ({ value: p.id, label: `${t(`disputes.role.${p.role}`)} ${p.name}` }))}
                data-testid="f-applicants"
              />
            </Form.Item>
          </>
        )}
        {action === 'judicial-outcome' && (
          <>
            <Form.Item name="outcome" label={t('disputes.judicial.outcome')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={JUDICIAL_OUTCOMES.map((o) => ({ value: o, label: t(`disputes.judicial.outcomes.${o}`) }))}
                data-testid="f-outcome"
              />
            </Form.Item>
            <Form.Item name="ruledOn" label={t('disputes.judicial.ruledOn')} rules={[{ required: true, message: t('disputes.form.required') }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="f-ruledOn" />
            </Form.Item>
            <Form.Item name="document" label={t('disputes.judicial.document')} rules={required}>
              <Input maxLength={60} placeholder={t('disputes.judicial.documentPlaceholder')} data-testid="f-document" />
            </Form.Item>
            {outcome === 'rejected' && (
              <Form.Item name="reason" label={t('disputes.judicial.reason')} extra={t('disputes.form.reasonHelp')} rules={required}>
                {area('reason', 2)}
              </Form.Item>
            )}
          </>
        )}
        {action === 'invite-department' && (
          <>
            <Form.Item name="departmentId" label={t('disputes.joint.department')} rules={[{ required: true, message: t('disputes.form.required') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={departments.map((d) => ({ value: d.id, label: d.name }))}
                data-testid="f-departmentId"
              />
            </Form.Item>
            <Form.Item name="method" label={t('disputes.joint.method')}>
              <Select allowClear options={JOINT_METHODS.map((m) => ({ value: m.code, label: t(`disputes.method.${m.code}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('disputes.joint.note')} rules={[{ max: 1000 }]}>
              {area('note', 2)}
            </Form.Item>
          </>
        )}
        {action === 'department-part' && (
          <Form.Item name="note" label={t('disputes.joint.partNote')} extra={t('disputes.joint.partHelp')} rules={required}>
            {area('note', 3)}
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
