import { Alert, Button, Card, Form, Input, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiPost, errorMessage } from '../api';
import { useAuth } from '../auth';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Shown instead of any page while the user's password is one an admin set. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { passwordChanged, logout } = useAuth();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (v: Values) => {
    setSaving(true);
    setError(undefined);
    try {
      await apiPost<void>('/auth/change-password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success(t('changePassword.done'));
      passwordChanged();
    } catch (err) {
      const field = err instanceof ApiError ? err.fieldError() : undefined;
      if (field && (field.field === 'currentPassword' || field.field === 'newPassword')) {
        form.setFields([{ name: field.field, errors: [field.reason] }]);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('changePassword.title')} style={{ maxWidth: 480, margin: '48px auto' }} data-testid="change-password">
      <Alert type="info" showIcon title={t('changePassword.intro')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="currentPassword" label={t('changePassword.current')} rules={[{ required: true, message: t('changePassword.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('changePassword.next')} rules={[{ required: true, message: t('changePassword.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('changePassword.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('changePassword.required') },
            ({ getFieldValue }) => ({
              validator: (_r, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('changePassword.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} block>
          {t('changePassword.submit')}
        </Button>
        <Button type="link" block onClick={() => void logout()} style={{ marginTop: 8 }}>
          {t('header.logout')}
        </Button>
      </Form>
    </Card>
  );
}
