import { Alert, Button, Descriptions, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resident, RevealBody } from '../../../src/modules/people/schema.ts';
import { alertMessage, showNestedFieldError } from './field-errors';
import { revealResidentField } from './people-api';

interface RevealModalProps {
  /** The member whose number is asked for; null = closed. */
  resident: Resident | null;
  onClose(): void;
}

/**
 * 查看完整号码: the one place a full ID or phone number is shown. The reason is required and goes
 * to the audit log with the request; the number is dropped from memory when the modal closes.
 */
export function RevealModal({ resident, onClose }: RevealModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RevealBody>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<{ field: RevealBody['field']; value: string | null } | null>(null);

  const close = () => {
    setRevealed(null);
    setError(null);
    onClose();
  };

  const submit = async () => {
    if (!resident) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const { value } = await revealResidentField(resident.id, { field: values.field, reason: values.reason.trim() });
      setRevealed({ field: values.field, value });
    } catch (err) {
      if (!showNestedFieldError(form, err, (p) => p.length === 1 && p[0] === 'reason')) setError(alertMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const fieldLabel = (field: RevealBody['field']) => (field === 'idNumber' ? t('people.member.idNumber') : t('people.member.phone'));

  return (
    <Modal
      open={resident !== null}
      title={t('people.reveal.title', { name: resident?.name ?? '' })}
      onCancel={close}
      destroyOnHidden
      footer={
        revealed
          ? [
              <Button key="close" type="primary" onClick={close}>
                {t('people.reveal.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={saving} onClick={() => void submit()} data-testid="reveal-submit">
                {t('people.reveal.submit')}
              </Button>,
            ]
      }
    >
      {revealed ? (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={fieldLabel(revealed.field)}>
            <Typography.Text copyable={revealed.value !== null} strong data-testid="revealed-value">
              {revealed.value ?? t('people.reveal.none')}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <>
          <Alert type="warning" showIcon title={t('people.reveal.auditNotice')} style={{ marginBottom: 16 }} />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form<RevealBody> form={form} layout="vertical" preserve={false} initialValues={{ field: resident?.idNumber ? 'idNumber' : 'phone' }}>
            <Form.Item name="field" label={t('people.reveal.field')} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'idNumber', label: `${t('people.member.idNumber')} ${resident?.idNumber ?? ''}`, disabled: !resident?.idNumber },
                  { value: 'phone', label: `${t('people.member.phone')} ${resident?.phone ?? ''}`, disabled: !resident?.phone },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('people.reveal.reason')}
              rules={[
                { required: true, whitespace: true, message: t('people.reveal.reasonRequired') },
                {
                  validator: async (_, v: string | undefined) => {
                    if (v && v.trim().length > 0 && v.trim().length < 4) throw new Error(t('people.reveal.reasonRequired'));
                  },
                },
                { max: 200 },
              ]}
            >
              <Input.TextArea rows={3} placeholder={t('people.reveal.reasonPlaceholder')} data-testid="reveal-reason" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
