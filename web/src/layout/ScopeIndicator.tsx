import { EnvironmentOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth';

/**
 * Whose eyes the user is looking through: region · role (· department), and a demo-data flag.
 * `compact` (a phone's header): one line, cut with an ellipsis when it does not fit.
 */
export function ScopeIndicator({ compact = false }: { compact?: boolean }) {
  const me = useMe();
  const { t } = useTranslation();
  const parts = [me.regionName, t(`role.${me.role}`), me.departmentName].filter(Boolean);
  if (compact) {
    return (
      <Typography.Text strong ellipsis={{ tooltip: parts.join(' · ') }} style={{ display: 'block', maxWidth: '100%' }}>
        <EnvironmentOutlined /> <span data-testid="scope-indicator">{parts.join(' · ')}</span>
        {me.synthetic && (
          <Tag color="orange" style={{ marginInlineStart: 6 }}>
            {t('app.demoData')}
          </Tag>
        )}
      </Typography.Text>
    );
  }
  return (
    <Space size="small">
      <Tooltip title={t('header.scope')}>
        <Typography.Text strong>
          <EnvironmentOutlined /> <span data-testid="scope-indicator">{parts.join(' · ')}</span>
        </Typography.Text>
      </Tooltip>
      {me.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
    </Space>
  );
}
