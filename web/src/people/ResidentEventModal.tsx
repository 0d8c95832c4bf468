import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Relation, Resident, ResidentEventBody } from '../../../src/modules/people/schema.ts';
import { alertMessage, showNestedFieldError } from './field-errors';
import { HouseholdSelect } from './HouseholdSelect';
import type { MemberAction } from './MembersTable';
import { recordResidentEvent } from './people-api';
import { relationOptions } from './people-labels';

interface EventFormValues {
  occurredOn: Dayjs;
  toHouseholdId?: string;
  relation?: Relation;
  note?: string;
}

const FIELDS = ['occurredOn', 'toHouseholdId', 'relation', 'note'];

interface ResidentEventModalProps {
  /** The member and the change chosen for them; null = closed. */
  change: { resident: Resident; kind: MemberAction } | null;
  householdId: string;
  onClose(): void;
  onDone(resident: Resident, kind: MemberAction): void;
}

/** 迁出、死亡、户内迁移: records the change as an event; the member's history keeps it. */
export function ResidentEventModal({ change, householdId, onClose, onDone }: ResidentEventModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EventFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = change?.kind;

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async () => {
    if (!change) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    const note = values.note?.trim();
    const body: ResidentEventBody = {
      kind: change.kind,
      occurredOn: values.occurredOn.format('YYYY-MM-DD'),
      ...(change.kind === 'moved' ? { toHouseholdId: values.toHouseholdId, relation: values.relation } : {}),
      ...(note ? { note } : {}),
    };
    setSaving(true);
    setError(null);
    try {
      onDone(await recordResidentEvent(change.resident.id, body), change.kind);
    } catch (err) {
      if (!showNestedFieldError(form, err, (p) => p.length === 1 && FIELDS.includes(String(p[0])))) setError(alertMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={change !== null}
      title={kind && t('people.change.title', { kind: t(`people.change.kind.${kind}`), name: change?.resident.name ?? '' })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: kind === 'died' }}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
    >
      {kind && (
        <Alert
          type={kind === 'died' ? 'warning' : 'info'}
          showIcon
          title={t(`people.change.explain.${kind}`)}
          description={change?.resident.relation === 'head' ? t('people.change.headWarning') : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<EventFormValues> form={form} layout="vertical" preserve={false} initialValues={{ occurredOn: dayjs(), relation: 'other' }}>
        {kind === 'moved' && (
          <>
            <Form.Item name="toHouseholdId" label={t('people.change.target')} rules={[{ required: true, message: t('people.form.required') }]}>
              <HouseholdSelect excludeId={householdId} />
            </Form.Item>
            <Form.Item name="relation" label={t('people.change.newRelation')} rules={[{ required: true, message: t('people.form.required') }]}>
              <Select options={relationOptions(t, false)} />
            </Form.Item>
          </>
        )}
        <Form.Item name="occurredOn" label={t('people.change.occurredOn')} rules={[{ required: true, message: t('people.form.required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('people.change.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} placeholder={t('people.change.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
