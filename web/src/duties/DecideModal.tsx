import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';

interface DecideForm {
  note: string;
  expiresOn?: Dayjs;
}

export interface DecideModalProps {
  title: string;
  approve: boolean;
  /** Asks for the exception's end (a held work item approved). */
  withExpiry?: boolean;
  onSubmit(values: { approve: boolean; note: string; expiresOn?: string }): Promise<void>;
  onClose(): void;
}

/** Approve or reject with a note: a proposed list item, or a held work item (with the exception's expiry). */
export function DecideModal({ title, approve, withExpiry, onSubmit, onClose }: DecideModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DecideForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      await onSubmit({ approve, note: v.note.trim(), expiresOn: v.expiresOn?.format('YYYY-MM-DD') });
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['note', 'expiresOn'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'decide-submit' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {/* An approved exception ends: a month from today unless the county says otherwise. */}
      <Form form={form} layout="vertical" initialValues={withExpiry && approve ? { expiresOn: dayjs().add(1, 'month') } : undefined}>
        <Form.Item name="note" label={t('duties.common.note')} rules={[{ required: true, whitespace: true, message: t('duties.common.required') }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('duties.common.notePlaceholder')} data-testid="decide-note" />
        </Form.Item>
        {withExpiry && approve && (
          <Form.Item name="expiresOn" label={t('duties.work.expiresOn')} rules={[{ required: true, message: t('duties.common.required') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="decide-expires" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
