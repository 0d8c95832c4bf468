import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_ROLES, ROLES, type CreateUserBody, type UserWithCode } from '../../../src/platform/accounts/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { showFieldError } from '../components/form-errors';
import { roleLabel } from '../labels';
import { createUser } from './users-api';

/** Business roles only: the three admin accounts are provisioned outside the UI (三权分立). */
const BUSINESS_ROLES = ROLES.filter((r) => !ADMIN_ROLES.includes(r));
const FIELDS = ['username', 'displayName', 'role', 'regionCode'] as const;

interface CreateUserModalProps {
  open: boolean;
  onClose(): void;
  onCreated(user: UserWithCode): void;
}

export function CreateUserModal({ open, onClose, onCreated }: CreateUserModalProps) {
  const me = useMe();
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateUserBody>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const user = await createUser({
        ...values,
        username: values.username.trim(),
        displayName: values.displayName.trim(),
      });
      form.resetFields();
      onCreated(user);
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.create')}
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
      <Alert type="info" showIcon title={t('users.form.twoAdmins')} style={{ marginBottom: 16 }} />
      <Form<CreateUserBody> form={form} layout="vertical" initialValues={{ regionCode: me.regionCode }} onValuesChange={() => setError(null)}>
        <Form.Item
          name="username"
          label={t('users.form.username')}
          extra={t('users.form.usernameHelp')}
          rules={[
            { required: true, message: t('users.form.required') },
            { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: t('users.form.usernameHelp') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.form.displayName')}
          rules={[{ required: true, whitespace: true, max: 50, message: t('users.form.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('users.form.role')} rules={[{ required: true, message: t('users.form.required') }]}>
          <Select options={BUSINESS_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('users.form.regionCode')}
          extra={t('users.form.regionCodeHelp')}
          rules={[
            { required: true, message: t('users.form.required') },
            { pattern: /^[0-9]{6,15}$/, message: t('users.form.regionCodeHelp') },
          ]}
        >
          <Input inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
