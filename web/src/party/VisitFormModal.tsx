import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_KINDS, type VisitKind } from '../../../src/modules/party/stewardship-schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { HouseholdSearch } from './HouseholdSearch';
import { createVisit } from './party-api';

interface VisitForm {
  kind: VisitKind;
  visitedOn: Dayjs;
  householdId?: string;
  notes?: string;
  followUp?: string;
}

const FIELDS = ['kind', 'visitedOn', 'householdId', 'notes', 'followUp'] as const;

/** 记录走访: kind, date (not after today), the household, what was found and what must follow. */
export function VisitFormModal({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VisitForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      await createVisit({
        kind: values.kind,
        visitedOn: values.visitedOn.format('YYYY-MM-DD'),
        householdId: values.householdId,
        notes: values.notes?.trim() || undefined,
        followUp: values.followUp?.trim() || undefined,
      });
      form.resetFields();
      onSaved();
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('stewardship.visit.record')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose();
      }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<VisitForm> form={form} layout="vertical" initialValues={{ kind: 'home', visitedOn: dayjs() }} onValuesChange={() => setError(null)}>
        <Form.Item name="kind" label={t('stewardship.visit.kind')} rules={[{ required: true, message: t('stewardship.visit.required') }]}>
          <Select options={VISIT_KINDS.map((k) => ({ value: k, label: t(`stewardship.visitKind.${k}`) }))} data-testid="visit-kind" />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('stewardship.visit.visitedOn')} rules={[{ required: true, message: t('stewardship.visit.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="householdId" label={t('stewardship.visit.household')} rules={[{ required: true, message: t('stewardship.visit.required') }]}>
          <HouseholdSearch />
        </Form.Item>
        <Form.Item name="notes" label={t('stewardship.visit.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="followUp" label={t('stewardship.visit.followUp')} extra={t('stewardship.visit.followUpHelp')} rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
