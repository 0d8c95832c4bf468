import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { regionWithChildren } from '../regions/index.js';
import { dashboardRows } from './dashboard-store.js';
import type { Dashboard, DashboardFigure, DashboardMonth } from './notice-schema.js';
import { authorize, inScope } from './policy.js';

// The burden dashboard (减负看板): for a county or a township, what was sent down and what was kept
// away from villages, month by month over the last twelve months.

/** Each figure and the measure it equals for one month (docs/DUTIES.md, docs/OVERVIEW.md). */
export const DASHBOARD_MEASURES: Record<DashboardFigure, string> = {
  workItemsSent: 'duties.work_items_sent',
  workItemsRefused: 'duties.work_items_refused',
  documents: 'duties.documents_sent',
  meetings: 'duties.meetings_held',
  certificatesAvoided: 'duties.certificates_avoided',
  signboardsRemoved: 'duties.signboards_removed',
  groupsAppsRemoved: 'duties.groups_apps_removed',
  reportFieldsSystem: 'duties.report_fields_system',
  reportFieldsAsked: 'duties.report_fields_asked',
};
const FIGURES = Object.keys(DASHBOARD_MEASURES) as DashboardFigure[];

/** The twelve months (yyyy-mm) ending with the one `today` is in, oldest first. */
export function lastTwelveMonths(today: string): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 12 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

export async function burdenDashboard(deps: Deps, actor: Actor, regionCode: string | undefined): Promise<Dashboard> {
  authorize(actor, 'duties.read');
  const months = lastTwelveMonths(chinaDate(deps.clock.now()));
  const fromDate = `${months[0]}-01`;
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const found = await regionWithChildren(tx, regionCode ?? actor.regionCode);
    if (!found || !inScope(actor, found.region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    const { region } = found;
    if (!['county', 'township', 'village'].includes(region.level)) throw invalidField('regionCode', '看板区域应为县、乡镇（街道）或村（社区）');
    const rows = await dashboardRows(tx, region.path, new Date(`${fromDate}T00:00:00+08:00`), fromDate);
    const byMonth = new Map<string, DashboardMonth>(
      months.map((month) => [month, { month, ...(Object.fromEntries(FIGURES.map((f) => [f, 0])) as Record<DashboardFigure, number>) }]),
    );
    for (const r of rows) {
      const m = byMonth.get(r.month);
      if (!m) continue;
      for (const [f, n] of Object.entries(r.figures) as [DashboardFigure, number][]) m[f] += n;
    }
    return {
      regionCode: region.code,
      regionName: region.name,
      regionLevel: region.level,
      townships: region.level === 'county' ? found.children.filter((c) => c.level === 'township').map((c) => ({ code: c.code, name: c.name })) : [],
      months: [...byMonth.values()],
      measures: DASHBOARD_MEASURES,
    };
  });
}
