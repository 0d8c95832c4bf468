import { Alert, App, Button, Card } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateRule } from '../../../src/modules/duties/schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { CertificateCheckBox } from './CertificateCheckBox';
import { CertificateRuleModal } from './CertificateRuleModal';
import { listCertificateRules } from './duties-api';
import { DutiesTabs } from './DutiesTabs';

/** 减证明: what a village may still issue, what it no longer does (with the alternative), and the check at the window. */
export default function CertificatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [rules, setRules] = useState<CertificateRule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const load = useCallback(() => {
    listCertificateRules().then(setRules, (err: unknown) => {
      setError(errorMessage(err));
      setRules([]);
    });
  }, []);
  useEffect(load, [load]);

  const columns = (allowed: boolean): ColumnsType<CertificateRule> => [
    { key: 'name', title: t('duties.certificates.name'), width: 200, render: (_, r) => r.name },
    ...(allowed
      ? []
      : [{ key: 'alternative', title: t('duties.certificates.alternative'), render: (_: unknown, r: CertificateRule) => r.alternative ?? t('common.empty') }]),
    { key: 'basis', title: t('duties.certificates.basis'), render: (_, r) => r.basis ?? t('common.empty') },
    { key: 'keywords', title: t('duties.certificates.keywords'), width: 180, render: (_, r) => (r.keywords.length ? r.keywords.join('、') : null) },
  ];
  const list = (allowed: boolean) => (
    <Card
      title={allowed ? t('duties.certificates.allowed') : t('duties.certificates.notAllowed')}
      style={{ marginBottom: 16 }}
      data-testid={`certificates-${allowed ? 'allowed' : 'not-allowed'}`}
    >
      <ResponsiveList<CertificateRule>
        columns={columns(allowed)}
        dataSource={rules?.filter((r) => r.allowed === allowed)}
        loading={rules === null}
        rowKey="id"
        size="small"
        pagination={false}
        onRow={(r) => ({ 'data-testid': 'certificate-row', 'data-name': r.name })}
      />
    </Card>
  );

  return (
    <>
      <DutiesTabs />
      <div data-testid="certificates-page">
        <CertificateCheckBox />
        {hasAnyPermission(me, ['duties.manage']) && (
          <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setAdding(true)} data-testid="rule-add-open">
            {t('dutiesBurden.rules.add')}
          </Button>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {list(false)}
        {list(true)}
      </div>
      {adding && (
        <CertificateRuleModal
          onDone={() => {
            void message.success(t('dutiesBurden.rules.saved'));
            load();
          }}
          onClose={() => setAdding(false)}
        />
      )}
    </>
  );
}
