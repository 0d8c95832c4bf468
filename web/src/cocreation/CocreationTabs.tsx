import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

type TabKey = 'opinions' | 'proposals' | 'meetings' | 'votes' | 'projects';
const TABS: readonly TabKey[] = ['opinions', 'proposals', 'meetings', 'votes', 'projects'];

/** The module's own menu above each of its pages: the co-creation cycle in order. */
export function CocreationTabs() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = TABS.find((k) => pathname.startsWith(`/cocreation/${k}`)) ?? 'opinions';
  return (
    <Menu
      mode="horizontal"
      selectedKeys={[current]}
      style={{ marginBottom: 16, background: 'transparent' }}
      data-testid="cocreation-tabs"
      items={TABS.map((k) => ({ key: k, label: t(`cocreation.tabs.${k}`) }))}
      onClick={({ key }) => navigate(`/cocreation/${key}`)}
    />
  );
}
