import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src/platform/accounts/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { resetPassword } from './users-api';

interface ResetForm {
  password: string;
  confirm: string;
}

interface ResetPasswordModalProps {
  /** The account to reset; the modal is open while this is set. */
  user: User | null;
  onClose(): void;
  onDone(user: User): void;
}

export function ResetPasswordModal({ user, onClose, onDone }: ResetPasswordModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ResetForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const updated = await resetPassword(user.id, { password: values.password });
      form.resetFields();
      onDone(updated);
    } catch (err) {
      if (!showFieldError(form, err, ['password'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetTitle', { name: user?.displayName ?? '' })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={close}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<ResetForm> form={form} layout="vertical" onValuesChange={() => setError(null)}>
        <Form.Item
          name="password"
          label={t('users.form.newPassword')}
          extra={t('users.form.passwordHelp')}
          rules={[
            { required: true, message: t('users.form.required') },
            { min: 8, max: 128, message: t('users.form.passwordHelp') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.form.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('users.form.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('users.form.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
