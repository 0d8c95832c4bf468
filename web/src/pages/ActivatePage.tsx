import { KeyOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { showFieldError } from '../components/form-errors';
import { activateAccount } from '../platform/users-api';

interface ActivateForm {
  username: string;
  codeA: string;
  codeB: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ['username', 'codeA', 'codeB', 'newPassword'] as const;

/**
 * A new account, or one whose password was reset: the user types the two code halves the two
 * admins gave them and chooses their own password. No one else ever knows it.
 */
export default function ActivatePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActivateForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const onFinish = async (v: ActivateForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await activateAccount({ username: v.username.trim(), codeA: v.codeA.trim(), codeB: v.codeB.trim(), newPassword: v.newPassword });
      setDone(true);
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  const codeRule = { required: true, whitespace: true, min: 8, max: 16, message: t('activate.codeInvalid') };
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400, borderTop: '3px solid #c8102e' }} data-testid="activate">
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        {done ? (
          <Result
            status="success"
            title={t('activate.done')}
            extra={
              <Link to="/login">
                <Button type="primary" data-testid="activate-to-login">
                  {t('activate.toLogin')}
                </Button>
              </Link>
            }
          />
        ) : (
          <>
            <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
              {t('activate.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('activate.intro')}</Typography.Paragraph>
            {error && <Alert data-testid="activate-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Form<ActivateForm> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)} onValuesChange={() => setError(null)}>
              <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
                <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" data-testid="activate-username" />
              </Form.Item>
              <Form.Item name="codeA" label={t('activate.codeA')} extra={t('activate.codeAHelp')} rules={[codeRule]}>
                <Input prefix={<KeyOutlined />} autoComplete="off" autoCapitalize="characters" data-testid="activate-code-a" />
              </Form.Item>
              <Form.Item name="codeB" label={t('activate.codeB')} extra={t('activate.codeBHelp')} rules={[codeRule]}>
                <Input prefix={<KeyOutlined />} autoComplete="off" autoCapitalize="characters" data-testid="activate-code-b" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('changePassword.next')}
                extra={t('activate.passwordHelp')}
                // The rule itself stays under the field (extra); the errors say only what is wrong.
                rules={[
                  { required: true, message: t('activate.passwordRequired') },
                  { min: 8, max: 128, message: t('activate.passwordLength') },
                ]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="activate-password" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={t('changePassword.confirm')}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: t('changePassword.required') },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('changePassword.mismatch'))),
                  }),
                ]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="activate-confirm" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting} data-testid="activate-submit">
                {t('activate.submit')}
              </Button>
            </Form>
            <Flex justify="center" style={{ marginTop: 12 }}>
              <Link to="/login">{t('activate.toLogin')}</Link>
            </Flex>
          </>
        )}
      </Card>
    </Flex>
  );
}
