import { Alert, DatePicker, Form, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddMemberBody, Resident } from '../../../src/modules/people/schema.ts';
import { alertMessage, showNestedFieldError } from './field-errors';
import { MEMBER_FIELDS, MemberFields, toMemberInput, type MemberFormValues } from './MemberFields';
import { addMember } from './people-api';

interface AddMemberFormValues {
  kind: AddMemberBody['kind'];
  occurredOn: Dayjs;
  member: MemberFormValues;
}

/** "member.idNumber" and the like, as the server names them. */
function isFormPath(path: (string | number)[]): boolean {
  if (path.length === 1) return path[0] === 'kind' || path[0] === 'occurredOn';
  return path.length === 2 && path[0] === 'member' && (MEMBER_FIELDS as readonly unknown[]).includes(path[1]);
}

interface AddMemberModalProps {
  open: boolean;
  householdId: string;
  onClose(): void;
  onAdded(resident: Resident): void;
}

/** 新增成员: a birth or someone moving in. The household already has its head, so "户主" is not offered. */
export function AddMemberModal({ open, householdId, onClose, onAdded }: AddMemberModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AddMemberFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const body: AddMemberBody = { kind: values.kind, occurredOn: values.occurredOn.format('YYYY-MM-DD'), member: toMemberInput(values.member) };
      onAdded(await addMember(householdId, body));
    } catch (err) {
      if (!showNestedFieldError(form, err, isFormPath)) setError(alertMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      width={880}
      title={t('people.household.addMember')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<AddMemberFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'born', occurredOn: dayjs(), member: { relation: 'child' } }}
        onValuesChange={() => setError(null)}
      >
        <Form.Item name="kind" label={t('people.addMember.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'born', label: t('people.event.born') },
              { value: 'moved_in', label: t('people.event.moved_in') },
            ]}
          />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('people.addMember.occurredOn')} rules={[{ required: true, message: t('people.form.required') }]}>
          <DatePicker style={{ width: 240 }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <MemberFields prefix={['member']} fullPath={['member']} withHead={false} />
      </Form>
    </Modal>
  );
}
