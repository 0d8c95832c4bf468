import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePublicInfo } from './use-public-info';

/** 个人信息告知 (PIPL art. 17): purpose, what is kept, for how long, who sees it, whom to contact. */
export function PrivacyNotice() {
  const { t } = useTranslation();
  const info = usePublicInfo();
  const contact = info?.privacyContact ?? t('publicSite.privacy.defaultContact', { county: info?.countyName ?? '', hotline: info?.hotline ?? '12345' });
  const lines = [
    t('publicSite.privacy.purpose'),
    t('publicSite.privacy.kept'),
    t('publicSite.privacy.retention', { years: info?.retentionYears ?? 10 }),
    t('publicSite.privacy.sharing'),
    t('publicSite.privacy.contact', { contact }),
  ];
  return (
    <Card
      size="small"
      style={{ marginBottom: 8, background: '#fafafa' }}
      title={
        <span>
          <SafetyCertificateOutlined /> {t('publicSite.privacy.title')}
        </span>
      }
      data-testid="report-privacy-notice"
    >
      {lines.map((line) => (
        <Typography.Paragraph key={line} style={{ marginBottom: 4, fontSize: 13 }}>
          {line}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
