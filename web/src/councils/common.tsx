import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../auth';
import { RegionPicker } from '../people/RegionPicker';

// Shared by the councils and boards pages: the tabs above them, the village they are about, and
// a refusal shown where it happened.

type TabKey = 'councils' | 'shifts' | 'boards';
const PATHS: Record<TabKey, string> = { councils: '/councils', shifts: '/councils/shifts', boards: '/boards' };

/** The section's menu: 一约四会 and teams, the duty schedule, the boards; the chosen village goes along (?village=). */
export function CouncilTabs() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const current: TabKey = pathname.startsWith('/boards') ? 'boards' : pathname.startsWith('/councils/shifts') ? 'shifts' : 'councils';
  return (
    <Menu
      mode="horizontal"
      selectedKeys={[current]}
      style={{ marginBottom: 16, background: 'transparent' }}
      data-testid="councils-tabs"
      items={(Object.keys(PATHS) as TabKey[]).map((k) => ({ key: k, label: t(`councils.tabs.${k}`), 'data-testid': `councils-tab-${k}` }))}
      onClick={({ key }) => navigate(`${PATHS[key as TabKey]}${search}`)}
    />
  );
}

/** The village the page is about: a village cadre's or grid worker's own, else the one picked (?village=). */
export function useVillage(): { villageCode: string | undefined; fixed: boolean; setVillage(code: string | undefined): void } {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const own = me.role === 'village_cadre' || me.role === 'grid_worker' ? me.regionCode.slice(0, 12) : undefined;
  const chosen = params.get('village') ?? undefined;
  return {
    villageCode: own ?? (chosen && /^[0-9]{12}$/.test(chosen) ? chosen : undefined),
    fixed: own !== undefined,
    setVillage: (code) =>
      setParams(
        (p) => {
          if (code) p.set('village', code);
          else p.delete('village');
          return p;
        },
        { replace: true },
      ),
  };
}

/** The village picker for township and county staff (nothing for a village's own people). */
export function VillagePicker({ villageCode, fixed, setVillage }: ReturnType<typeof useVillage>) {
  const { t } = useTranslation();
  if (fixed) return null;
  return (
    <RegionPicker
      villagesOnly
      value={villageCode}
      onChange={setVillage}
      placeholder={t('councils.village')}
      style={{ minWidth: 200, maxWidth: '100%' }}
      data-testid="councils-village"
    />
  );
}

export { Refusal } from '../components/Refusal';
