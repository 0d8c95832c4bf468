import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyItem } from '../../../src/modules/duties/schema.ts';
import { errorMessage } from '../api';
import { retireDutyItem } from './duties-api';

/** The county ends a list item: the last day it applies, and why. */
export function RetireModal({ item, onDone, onClose }: { item: DutyItem; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ effectiveTo: Dayjs; note: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      await retireDutyItem(item.id, { effectiveTo: v.effectiveTo.format('YYYY-MM-DD'), note: v.note.trim() });
      onDone();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('duties.common.required') };
  return (
    <Modal
      open
      title={t('duties.lists.retireTitle', { name: item.name })}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ effectiveTo: dayjs() }}>
        <Form.Item name="effectiveTo" label={t('duties.lists.effectiveTo')} rules={[required]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('duties.common.note')} rules={[{ ...required, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
