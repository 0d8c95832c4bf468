import { matchPath } from 'react-router';
import type { Messages } from '../locales/zh-CN';
import { NAV_ENTRIES, type NavEntry } from './nav';

type PageKey = keyof Messages['nav']['page'];

/**
 * The signed-in pages below a menu entry (web/src/routes.tsx), with their names in `nav.page`.
 * A fixed path comes before a parameter at the same depth ("/disputes/new" before "/disputes/:id").
 * `null`: the entry's own page with something selected (a region in the tree), not a page of its own.
 */
const SUB_PAGES: readonly { path: string; page: PageKey | null }[] = [
  { path: '/regions/:code', page: null },
  { path: '/people/households/new', page: 'newHousehold' },
  { path: '/people/households/:id', page: 'household' },
  { path: '/people/residents', page: 'residents' },
  { path: '/people/import', page: 'import' },
  { path: '/work-orders/:id', page: 'workOrder' },
  { path: '/disputes/new', page: 'newCase' },
  { path: '/disputes/mediators', page: 'mediators' },
  { path: '/disputes/stats', page: 'disputeStats' },
  { path: '/disputes/warnings', page: 'warnings' },
  { path: '/disputes/receptions', page: 'receptions' },
  { path: '/disputes/:id', page: 'case' },
  { path: '/cocreation/opinions', page: 'opinions' },
  { path: '/cocreation/proposals', page: 'proposals' },
  { path: '/cocreation/meetings', page: 'meetings' },
  { path: '/cocreation/meetings/:id', page: 'meeting' },
  { path: '/cocreation/votes', page: 'votes' },
  { path: '/cocreation/votes/:id', page: 'vote' },
  { path: '/cocreation/projects', page: 'projects' },
  { path: '/cocreation/projects/:id', page: 'project' },
  { path: '/points/rules', page: 'pointRules' },
  { path: '/points/shop', page: 'shop' },
  { path: '/points/timebank', page: 'timebank' },
  { path: '/compacts/:id', page: 'compact' },
  { path: '/councils/shifts', page: 'shifts' },
  { path: '/duties/dashboard', page: 'burdenDashboard' },
  { path: '/duties/work-items', page: 'workItems' },
  { path: '/duties/send', page: 'sendWorkItem' },
  { path: '/duties/lists', page: 'dutyLists' },
  { path: '/duties/certificates', page: 'certificates' },
  { path: '/duties/reports', page: 'dataReports' },
  { path: '/duties/tasks', page: 'tasks' },
  { path: '/duties/assessment', page: 'assessment' },
  { path: '/duties/formalism', page: 'formalism' },
  { path: '/duties/register', page: 'signboards' },
];

/** One step of the trail: where it leads and the message key of its name. */
export interface Crumb {
  path: string;
  label: `nav.${NavEntry['key']}` | `nav.page.${PageKey}`;
}

/**
 * The trail from the home page to `pathname`: 首页, the menu entry the location is under, and each
 * page below it that has a name ("/cocreation/meetings/7" → 首页 / 共同缔造 / 议事 / 议事详情).
 * The home page's trail is 首页 alone. Empty when the location is no page we know (the not-found page).
 */
export function crumbsFor(pathname: string): Crumb[] {
  const segments = pathname.split('/').filter(Boolean);
  const trail: Crumb[] = [{ path: '/', label: 'nav.home' }];
  let known = true;
  for (let i = 1; i <= segments.length; i++) {
    const path = `/${segments.slice(0, i).join('/')}`;
    const entry = NAV_ENTRIES.find((e) => e.path === path);
    const sub = entry ? undefined : SUB_PAGES.find((p) => matchPath({ path: p.path, end: true }, path));
    known = entry !== undefined || sub !== undefined;
    if (entry) trail.push({ path, label: `nav.${entry.key}` });
    else if (sub?.page) trail.push({ path, label: `nav.page.${sub.page}` });
  }
  return known ? trail : [];
}
