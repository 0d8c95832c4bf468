import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/platform/accounts/schema.ts';
import type { WhistleCall } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { partDone, reportIn } from './requests-api';

/** Whether the call summons this user's own unit: their department, or their region (镇呼县应). */
export function isMyCall(me: Me, call: WhistleCall): boolean {
  if (call.departmentId) return call.departmentId === me.departmentId;
  return call.regionCode !== null && call.regionCode === me.regionCode;
}

type Step = 'report-in' | 'part-done';

/**
 * 报到 and 完成本部门部分 for one whistle call: a department answers the township's whistle, then
 * records what it did. Each asks for a note.
 */
export function WhistleCallButtons({ call, onDone, force }: { call: WhistleCall; onDone(): void; force?: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [step, setStep] = useState<Step | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const next: Step | null = !call.reportedAt ? 'report-in' : !call.partDoneAt ? 'part-done' : null;
  if (!next && !force) return null;

  const submit = async () => {
    if (!step) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      await (step === 'report-in' ? reportIn : partDone)(call.orderId, call.id, values.note.trim());
      setStep(null);
      form.resetFields();
      onDone();
    } catch (err) {
      if (!showFieldError(form, err, ['note'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Space size="small">
        {next === 'report-in' && (
          <Button size="small" type="primary" onClick={() => setStep('report-in')} data-testid="call-report-in">
            {t('requests.whistles.reportIn')}
          </Button>
        )}
        {next === 'part-done' && (
          <Button size="small" type="primary" ghost onClick={() => setStep('part-done')} data-testid="call-part-done">
            {t('requests.whistles.partDone')}
          </Button>
        )}
      </Space>
      <Modal
        open={step !== null}
        title={step === 'report-in' ? t('requests.whistles.reportIn') : t('requests.whistles.partDone')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => void submit()}
        onCancel={() => {
          setStep(null);
          setError(null);
        }}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="note"
            label={step === 'report-in' ? t('requests.whistles.reportNote') : t('requests.whistles.partNote')}
            rules={[{ required: true, whitespace: true, message: t('requests.form.required') }, { min: 2, message: t('requests.form.min2') }, { max: 2000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="call-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
