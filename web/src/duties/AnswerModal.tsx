import { Alert, Form, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../../src/modules/duties/schema.ts';
import { errorMessage } from '../api';
import { answerWorkItem } from './duties-api';

/** A village enters the figures a data request asks for; kept, so the same datum is never asked again for the period. */
export function AnswerModal({ item, onDone, onClose }: { item: WorkItem; onDone(item: WorkItem): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, number>>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fields = item.fields ?? [];

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    try {
      onDone(await answerWorkItem(item.id, { values }));
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('duties.work.answerTitle', { title: item.title })}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('duties.common.submit')}
      okButtonProps={{ 'data-testid': 'answer-submit' }}
      destroyOnHidden
    >
      {item.periodFrom && item.periodTo && <Typography.Paragraph>{t('duties.work.period', { from: item.periodFrom, to: item.periodTo })}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        {fields.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={f.unit ? `${f.label}（${f.unit}）` : f.label}
            rules={[{ required: true, message: t('duties.common.required') }]}
          >
            <InputNumber min={0} style={{ width: '100%' }} data-testid={`answer-${f.key}`} inputMode="decimal" />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
