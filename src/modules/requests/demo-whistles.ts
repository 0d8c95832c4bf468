import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import type { ManualClock } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { polygonCentroid, type Polygon } from '../regions/index.js';
import { submitRequest } from './intake-service.js';
import { escalateOrder, signOrder } from './lifecycle-service.js';
import { finishPart, reportIn, whistleOrder } from './whistle-service.js';

export interface WhistlePlace {
  code: string;
  name: string;
  path: string;
  level: string;
  kind: string | null;
  parent_code: string | null;
}

interface Showcase {
  /** Days before "now" the grid worker found it. */
  daysAgo: number;
  text: string;
  reason: string;
  /** Who whistles: the township, or the county centre on a village's order. */
  caller: 'township' | 'county';
  /** The summoned departments by unit kind, and how far each got: 0 waiting, 1 reported in, 2 part done. */
  calls: [kind: string, progress: 0 | 1 | 2][];
}

/**
 * The whistle chain the demo always shows, whatever the seed: matters a grid worker found in the
 * demo accounts' village that the village could not settle, whistled to departments — the
 * housing bureau and the enforcement bureau among them, whose officers have demo accounts — at
 * each stage: one whose departments have all reported in and one has done its part, one half
 * answered, one nobody has answered yet (so a department can report in during a walk-through).
 */
const SHOWCASES: Showcase[] = [
  {
    daysAgo: 6,
    text: '巡查发现通组路边的挡土墙开裂，雨后继续下沉，有垮塌危险，路上每天有学生经过',
    reason: '挡土墙有垮塌危险，需住建鉴定加固、执法设置警示',
    caller: 'township',
    calls: [
      ['housing', 2],
      ['urban-mgmt', 1],
    ],
  },
  {
    daysAgo: 3,
    text: '村口河道旁有人违规搭建彩钢棚并堆放建筑垃圾，占用防汛通道，村里劝说无效',
    reason: '违建占用防汛通道，村里劝说无效，请执法、住建、水务到场',
    caller: 'township',
    calls: [
      ['urban-mgmt', 1],
      ['housing', 0],
      ['water', 0],
    ],
  },
  {
    daysAgo: 1,
    text: '老旧危房无人居住，外墙砖块脱落砸到路边，周边住户反映多次，村里无法联系到房主',
    reason: '危房影响通行安全，请住建牵头鉴定处置',
    caller: 'county',
    calls: [
      ['housing', 0],
      ['urban-mgmt', 0],
    ],
  },
];

/** A person acting for a unit in the demo (no account behind them). */
function officer(role: Actor['role'], region: WhistlePlace, name: string, departmentId: string | null = null): Actor {
  return { ...SYSTEM_ACTOR, role, username: 'demo', displayName: `${name}（演示）`, regionCode: region.code, scopePath: region.path, departmentId };
}

/**
 * Plays SHOWCASES through the real services (patrol report → grid → village → whistle →
 * report-ins and parts), ending before "now" with the calls still open. The village is the demo
 * accounts' (the first town with two villages, its first village with grids), so the village
 * cadre, the township and the departments' demo accounts all find these orders. Deterministic:
 * no randomness at all.
 */
export async function seedDemoWhistles(
  sim: Deps,
  clock: ManualClock,
  end: number,
  source: {
    regions: WhistlePlace[];
    grids: { code: string; village_code: string; boundary: unknown }[];
    departments: { id: string; name: string; unit_kind: string | null }[];
  },
): Promise<number> {
  const byCode = new Map(source.regions.map((r) => [r.code, r]));
  const county = source.regions.find((r) => r.level === 'county');
  const withGrids = new Set(source.grids.map((g) => g.village_code));
  const villagesOf = (t: WhistlePlace) =>
    source.regions.filter((r) => r.parent_code === t.code && r.level === 'village').sort((a, b) => a.code.localeCompare(b.code));
  const townships = source.regions.filter((r) => r.level === 'township').sort((a, b) => a.code.localeCompare(b.code));
  const town = townships.find((t) => t.kind === 'town' && villagesOf(t).length >= 2) ?? townships.find((t) => villagesOf(t).length >= 2);
  const village = town && (villagesOf(town).find((v) => withGrids.has(v.code)) ?? undefined);
  const grid = village && source.grids.filter((g) => g.village_code === village.code).sort((a, b) => a.code.localeCompare(b.code))[0];
  if (!county || !town || !village || !grid) return 0;
  const [lng, lat] = polygonCentroid(grid.boundary as Polygon);
  const gridWorker = officer('grid_worker', village, `${village.name} 网格员`);
  const cadre = officer('village_cadre', village, `${village.name} 两委`);
  const callers = {
    township: officer('township_staff', byCode.get(town.code)!, `${town.name} 综治中心`),
    county: officer('county_staff', county, '县社会治理中心'),
  };
  let made = 0;
  for (const s of SHOWCASES) {
    const departments = s.calls.map(([kind]) => source.departments.find((d) => d.unit_kind === kind)).filter((d) => d !== undefined);
    if (departments.length === 0) continue;
    const at = end - s.daysAgo * 86_400_000;
    clock.set(new Date(at));
    const created = await submitRequest(sim, gridWorker, { description: s.text, lat, lng, address: `${village.name}` }, { channel: 'patrol', synthetic: true });
    const id = created.id;
    clock.advanceMinutes(40);
    await signOrder(sim, gridWorker, id);
    clock.advanceMinutes(5 * 60);
    await escalateOrder(sim, gridWorker, id, '网格无法独立解决，上报村（社区）');
    clock.advanceMinutes(60);
    await signOrder(sim, cadre, id);
    clock.advanceMinutes(3 * 60);
    const order = await whistleOrder(sim, callers[s.caller], id, { departmentIds: departments.map((d) => d.id), reason: s.reason });
    for (const call of order.whistleCalls) {
      const kind = departments.find((d) => d.id === call.departmentId)?.unit_kind;
      const progress = s.calls.find(([k]) => k === kind)?.[1] ?? 0;
      if (progress === 0 || !call.departmentId) continue;
      const dept = officer('department_staff', county, call.unitName, call.departmentId);
      clock.advanceMinutes(2 * 60);
      await reportIn(sim, dept, id, call.id, '已派人到场，负责本部门的部分');
      if (progress === 2) {
        clock.advanceMinutes(8 * 60);
        await finishPart(sim, dept, id, call.id, '已完成本部门承担的任务');
      }
    }
    made++;
  }
  clock.set(new Date(end));
  return made;
}
