import { Alert, App, Button, Card, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateCheck } from '../../../src/modules/duties/schema.ts';
import { errorMessage } from '../api';
import { checkCertificate, recordCertificateAnswer } from './duties-api';

/** "群众要开什么证明？": the list's answer, and for one no longer issued, a button to count it as avoided. */
export function CertificateCheckBox() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [check, setCheck] = useState<CertificateCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (text: string) => {
    if (!text.trim()) return;
    setChecking(true);
    setRecorded(false);
    try {
      setCheck(await checkCertificate(text.trim()));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
      setCheck(null);
    } finally {
      setChecking(false);
    }
  };

  const record = async () => {
    if (!check?.rule) return;
    setRecording(true);
    try {
      await recordCertificateAnswer(check.rule.id);
      setRecorded(true);
      void message.success(t('duties.certificates.recorded'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRecording(false);
    }
  };

  const verdict = check === null ? null : check.allowed === null ? 'unlisted' : check.allowed ? 'allowedAnswer' : 'notAllowedAnswer';
  return (
    <Card title={t('duties.certificates.checkTitle')} data-testid="certificate-check" style={{ marginBottom: 16 }}>
      <Input.Search
        value={name}
        onChange={(e) => setName(e.target.value)}
        onSearch={(v) => void run(v)}
        enterButton={t('duties.certificates.check')}
        loading={checking}
        placeholder={t('duties.certificates.checkPlaceholder')}
        maxLength={50}
        data-testid="certificate-check-input"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {check && verdict && (
        <Alert
          data-testid="certificate-answer"
          data-allowed={String(check.allowed)}
          style={{ marginTop: 12 }}
          type={check.allowed === false ? 'warning' : check.allowed ? 'success' : 'info'}
          showIcon
          title={check.rule ? `${check.rule.name}${t('common.colon')}${t(`duties.certificates.${verdict}`)}` : t(`duties.certificates.${verdict}`)}
          description={
            <>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{check.answer}</Typography.Paragraph>
              {check.allowed === false && check.rule && (
                <Button
                  style={{ marginTop: 8, whiteSpace: 'normal', height: 'auto' }}
                  type="primary"
                  disabled={recorded}
                  loading={recording}
                  onClick={() => void record()}
                  data-testid="certificate-record"
                >
                  {recorded ? t('duties.certificates.recorded') : t('duties.certificates.recordAnswer')}
                </Button>
              )}
            </>
          }
        />
      )}
    </Card>
  );
}
