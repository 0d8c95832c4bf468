import { Alert, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevealBody } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { revealContact } from './requests-api';

/**
 * 查看完整号码: the requester's full phone number, only after a reason is given. The reason goes to
 * the audit log with the request; the number is dropped from memory when the modal closes.
 */
export function RevealPhoneModal({ orderId, masked, open, onClose }: { orderId: string; masked: string | null; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RevealBody>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null | undefined>(undefined);

  const close = () => {
    setPhone(undefined);
    setError(null);
    onClose();
  };

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const result = await revealContact(orderId, { reason: values.reason.trim() });
      setPhone(result.phone);
    } catch (err) {
      if (!showFieldError(form, err, ['reason'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('requests.reveal.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        phone !== undefined
          ? [
              <Button key="close" type="primary" onClick={close}>
                {t('requests.reveal.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={saving} onClick={() => void submit()} data-testid="reveal-submit">
                {t('requests.reveal.submit')}
              </Button>,
            ]
      }
    >
      {phone !== undefined ? (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('requests.field.phone')}>
            <Typography.Text copyable={phone !== null} strong data-testid="revealed-value">
              {phone ?? t('requests.reveal.none')}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <>
          <Alert type="warning" showIcon title={t('requests.reveal.auditNotice')} style={{ marginBottom: 16 }} />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form<RevealBody> form={form} layout="vertical" preserve={false}>
            <Typography.Paragraph>
              {t('requests.field.phone')}
              {t('common.colon')}
              {masked ?? t('common.empty')}
            </Typography.Paragraph>
            <Form.Item
              name="reason"
              label={t('requests.reveal.reason')}
              rules={[
                { required: true, whitespace: true, message: t('requests.reveal.reasonRequired') },
                {
                  validator: async (_, v: string | undefined) => {
                    if (v && v.trim().length > 0 && v.trim().length < 4) throw new Error(t('requests.reveal.reasonRequired'));
                  },
                },
                { max: 200 },
              ]}
            >
              <Input.TextArea rows={3} placeholder={t('requests.reveal.reasonPlaceholder')} data-testid="reveal-reason" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
