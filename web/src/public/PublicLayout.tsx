import { FileSearchOutlined, FormOutlined, PhoneOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { registerServiceWorker } from '../requests/register-sw';
import { usePublicInfo } from './use-public-info';

const linkStyle = ({ isActive }: { isActive: boolean }) => ({
  color: '#fff',
  opacity: isActive ? 1 : 0.8,
  fontWeight: isActive ? 600 : 400,
  borderBottom: isActive ? '2px solid #fff' : '2px solid transparent',
  paddingBottom: 2,
});

/** The frame of the residents' pages: no login, no menu, sized for a phone first. */
export default function PublicLayout() {
  const { t } = useTranslation();
  const info = usePublicInfo();
  useEffect(() => registerServiceWorker(), []);
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }} data-testid="public-layout">
      <div style={{ background: '#c8102e', color: '#fff' }}>
        <Flex align="center" justify="space-between" style={{ maxWidth: 720, margin: '0 auto', padding: '10px 16px' }}>
          <Flex vertical>
            {info?.countyName && (
              <Typography.Text style={{ color: '#fff', fontSize: 12, opacity: 0.9 }} data-testid="public-county">
                {t('publicSite.county', { county: info.countyName })}
              </Typography.Text>
            )}
            <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
              {t('publicSite.brand')}
            </Typography.Text>
          </Flex>
          <LanguageSwitch />
        </Flex>
        <Flex gap={24} style={{ maxWidth: 720, margin: '0 auto', padding: '0 16px 8px' }}>
          <NavLink to="/report" style={linkStyle}>
            <FormOutlined /> {t('publicSite.nav.report')}
          </NavLink>
          <NavLink to="/track" style={linkStyle}>
            <FileSearchOutlined /> {t('publicSite.nav.track')}
          </NavLink>
        </Flex>
      </div>
      <main style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
        <Outlet />
      </main>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12, padding: '8px 16px 24px' }}>
        {info && (
          <span style={{ display: 'block', marginBottom: 4 }} data-testid="public-hotline">
            <PhoneOutlined /> {t('publicSite.hotlineLine', { county: info.countyName })}
            <a href={`tel:${info.hotline}`}>{info.hotline}</a>
          </span>
        )}
        {t('publicSite.footer')}
      </Typography.Paragraph>
    </div>
  );
}
