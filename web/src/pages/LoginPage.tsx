import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import type { LoginBody } from '../../../src/platform/accounts/schema.ts';
import { ApiError, errorMessage } from '../api';
import { useAuth } from '../auth';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageSpinner } from '../components/PageSpinner';
import { usePhone } from '../components/use-phone';
import { landingFor } from '../layout/nav';
import type { LoginRedirectState } from '../route-guards';

interface LoginForm {
  username: string;
  password: string;
  totpCode?: string;
}

/** Username + password; a TOTP field appears once the server says the account needs one. */
export default function LoginPage() {
  const { state, login } = useAuth();
  const { t } = useTranslation();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [needTotp, setNeedTotp] = useState(false);
  const [notice, setNotice] = useState<{ type: 'info' | 'error'; text: string } | null>(null);
  const phone = usePhone();

  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'authenticated') {
    // Back where the user was sent from; from the bare address, to where their role starts.
    const from = (location.state as LoginRedirectState | null)?.from;
    return <Navigate to={from && from !== '/login' && from !== '/' ? from : landingFor(state.me.role, phone)} replace />;
  }

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setNotice(null);
    const body: LoginBody = { username: values.username.trim(), password: values.password };
    if (needTotp && values.totpCode) body.totpCode = values.totpCode;
    try {
      await login(body); // the auth state change redirects
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setNeedTotp(true);
        setNotice({ type: needTotp ? 'error' : 'info', text: err.message });
        form.setFieldValue('totpCode', '');
      } else {
        setNotice({ type: 'error', text: errorMessage(err) });
      }
      setSubmitting(false);
    }
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400, borderTop: '3px solid #c8102e' }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          {t('app.title')}
        </Typography.Title>
        {notice && <Alert data-testid="login-error" type={notice.type} showIcon title={notice.text} style={{ marginBottom: 16 }} />}
        <Form<LoginForm> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {needTotp && (
            <Form.Item
              name="totpCode"
              label={t('login.totp')}
              extra={t('login.totpHint')}
              rules={[{ required: true, pattern: /^[0-9]{6}$/, message: t('login.totpInvalid') }]}
            >
              <Input
                prefix={<SafetyOutlined />}
                placeholder={t('login.totpPlaceholder')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                data-testid="login-totp"
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Link to="/activate" data-testid="login-activate">
            {t('login.activate')}
          </Link>
        </Flex>
      </Card>
    </Flex>
  );
}
