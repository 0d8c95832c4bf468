import { Menu, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../auth';
import { HouseholdSelect } from '../people/HouseholdSelect';
import { RegionPicker } from '../people/RegionPicker';

type TabKey = 'ledger' | 'rules' | 'shop' | 'timebank';
const TABS: readonly TabKey[] = ['ledger', 'rules', 'shop', 'timebank'];
const PATHS: Record<TabKey, string> = { ledger: '/points', rules: '/points/rules', shop: '/points/shop', timebank: '/points/timebank' };

/** The module's own menu above each of its pages; the chosen village goes along (?village=). */
export function PointsTabs() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const current = TABS.find((k) => k !== 'ledger' && pathname.startsWith(PATHS[k])) ?? 'ledger';
  return (
    <Menu
      mode="horizontal"
      selectedKeys={[current]}
      style={{ marginBottom: 16, background: 'transparent' }}
      data-testid="points-tabs"
      items={TABS.map((k) => ({ key: k, label: t(`points.tabs.${k}`), 'data-testid': `points-tab-${k}` }))}
      onClick={({ key }) => navigate(`${PATHS[key as TabKey]}${search}`)}
    />
  );
}

/**
 * The village the page is about: a village cadre's or grid worker's own,
 * else the one chosen in the picker and kept in the address (?village=).
 */
export function useVillage(): { villageCode: string | undefined; fixed: boolean; setVillage(code: string | undefined): void } {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  // Codes are 12 digits at every level (县 522631000000), so the role tells a village's own people.
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
      placeholder={t('points.village.label')}
      style={{ minWidth: 200, maxWidth: '100%' }}
      data-testid="points-village"
    />
  );
}

/** "Choose a village first", where a page has none yet. */
export function PickVillageHint() {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph type="secondary" data-testid="points-pick-village">
      {t('points.village.pick')}
    </Typography.Paragraph>
  );
}

/** The last `n` months, newest first, as YYYY-MM. */
export function recentMonths(n = 12): string[] {
  const now = new Date();
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}

/** Today as YYYY-MM-DD (local time). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export { Refusal } from '../components/Refusal';

/** HouseholdSelect inside a form item, wrapped so each form's picker has its own testid. */
export function HouseholdInForm({ value, onChange, testId }: { value?: string; onChange?(v: string | undefined): void; testId: string }) {
  return (
    <div data-testid={testId}>
      <HouseholdSelect value={value} onChange={onChange} />
    </div>
  );
}
