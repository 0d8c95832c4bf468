import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pass } from '../../../../src/modules/cocreation/pass-schema.ts';
import { errorMessage } from '../../api';
import { requestPass } from './pass';

/** Name and ID number, checked against the village's registry; the pass comes back. */
export function PassForm({ villageCode, onPass }: { villageCode: string; onPass: (p: Pass) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { name: string; idNumber: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      onPass(await requestPass({ villageCode, name: v.name.trim(), idNumber: v.idNumber.trim() }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('cocreation.pass.title')} data-testid="pass-form">
      <Typography.Paragraph type="secondary">{t('cocreation.pass.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="pass-error" />}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('cocreation.pass.name')} rules={[{ required: true }]}>
          <Input autoComplete="name" data-testid="pass-name" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('cocreation.pass.idNumber')} rules={[{ required: true }]}>
          <Input maxLength={18} inputMode="text" data-testid="pass-id" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="pass-submit">
          {t('cocreation.pass.submit')}
        </Button>
      </Form>
    </Card>
  );
}
