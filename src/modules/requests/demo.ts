import { uuidv7 } from 'uuidv7';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { likePrefix } from '../../platform/db/like.js';
import type { Deps } from '../../platform/deps.js';
import { Random } from '../../platform/synthetic/random.js';
import { givenName, surname } from '../../platform/synthetic/names.js';
import { loadCorpus } from './classify/corpus.js';
import { submitRequest } from './intake-service.js';
import { dispatchOrder, escalateOrder, followUpOrder, resolveOrder, returnOrder, reviewReturn, signOrder } from './lifecycle-service.js';
import { getWorkOrder } from './query-service.js';
import type { WorkOrderDetail } from './schema.js';
import type { Channel } from './tables.js';
import { UNIT_KINDS } from './taxonomy/index.js';
import { finishPart, reportIn, whistleOrder } from './whistle-service.js';
import { seedDemoWhistles, type WhistlePlace } from './demo-whistles.js';
import { polygonCentroid, type Polygon } from '../regions/index.js';

export interface DemoRequestsSummary {
  orders: number;
  routingRules: number;
  seconds: number;
}

type Place = WhistlePlace;

/** A person acting for a unit in the demo: no account behind them, the role and scope of their office. */
function officer(role: Actor['role'], region: Place, name: string, departmentId: string | null = null): Actor {
  return { ...SYSTEM_ACTOR, role, username: 'demo', displayName: `${name}（演示）`, regionCode: region.code, scopePath: region.path, departmentId };
}

/**
 * The county's routing table (one rule per department kind at county level) and a plausible
 * quarter of work orders, each taken through the real services at the times it happened:
 * most resolved on time and followed up satisfied, some late and moved up the chain, some
 * whistled to departments, a few returned or not satisfied, the newest still open (and a few
 * whistles on the demo village still waiting for departments: seedDemoWhistles). Texts come
 * from the training corpus; every order is marked synthetic. Deterministic for a seed.
 */
export async function seedDemoRequests(
  deps: Deps,
  countyCode: string,
  opts: { seed: number; count: number; days: number },
  onProgress: (done: number, total: number) => void = () => {},
): Promise<DemoRequestsSummary> {
  const started = Date.now();
  const rnd = new Random(opts.seed * 7919 + 12345);
  const county = countyCode.padEnd(12, '0');
  const source = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => ({
    regions: (await tx
      .selectFrom('regions')
      .select(['code', 'name', 'path', 'level', 'kind', 'parent_code'])
      .where('code', 'like', likePrefix(countyCode))
      .execute()) as Place[],
    grids: await tx.selectFrom('grids').select(['code', 'village_code', 'boundary']).where('code', 'like', likePrefix(countyCode)).execute(),
    departments: await tx.selectFrom('departments').select(['id', 'name', 'unit_kind']).where('unit_kind', 'is not', null).execute(),
  }));
  const byCode = new Map(source.regions.map((r) => [r.code, r]));
  const countyPlace = byCode.get(county)!;
  // The routing table: every department kind goes to the county department of that kind.
  let routingRules = 0;
  await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    for (const kind of UNIT_KINDS) {
      const d = source.departments.find((x) => x.unit_kind === kind.code);
      if (!d) continue;
      await tx
        .insertInto('routing_rules')
        .values({
          id: uuidv7(),
          region_code: county,
          unit_kind: kind.code,
          department_id: d.id,
          path: countyPlace.path,
          updated_by: null,
          updated_at: deps.clock.now(),
        })
        .onConflict((oc) => oc.columns(['region_code', 'unit_kind']).doNothing())
        .execute();
      routingRules++;
    }
  });
  if (source.grids.length === 0) return { orders: 0, routingRules, seconds: (Date.now() - started) / 1000 };

  const corpus = loadCorpus();
  const clock = new ManualClock(deps.clock.now());
  const sim: Deps = { ...deps, clock };
  const end = deps.clock.now().getTime();
  const centre = officer('county_staff', countyPlace, '县社会治理中心 接线员');
  const channels: [Channel, number][] = [
    ['hotline', 45],
    ['web', 20],
    ['app', 10],
    ['patrol', 20],
    ['wechat', 5],
  ];
  const starts = Array.from({ length: opts.count }, () => end - rnd.next() * opts.days * 86_400_000).sort((a, b) => a - b);
  let done = 0;
  for (const at of starts) {
    clock.set(new Date(at));
    const grid = rnd.pick(source.grids);
    const village = byCode.get(grid.village_code)!;
    const township = byCode.get(village.parent_code!)!;
    const [cx, cy] = polygonCentroid(grid.boundary as Polygon);
    const lng = cx + (rnd.next() - 0.5) * 1e-4;
    const lat = cy + (rnd.next() - 0.5) * 1e-4;
    const sample = rnd.pick(corpus);
    const channel = rnd.weighted(channels);
    const sex = rnd.chance(0.5) ? 'male' : 'female';
    const gridWorker = officer('grid_worker', village, `${village.name} 网格员`);
    const intakeBy = channel === 'patrol' ? gridWorker : centre;
    const created = await submitRequest(
      sim,
      intakeBy,
      {
        description: sample.text,
        lat,
        lng,
        // The operator confirms the category on the phone most of the time.
        ...(channel === 'hotline' && rnd.chance(0.8) ? { categoryCode: sample.categoryCode, requestType: sample.requestType } : {}),
        requesterName: channel === 'patrol' ? undefined : `${surname(rnd)}${givenName(rnd, sex)}`,
        requesterPhone: channel === 'patrol' ? undefined : `1${rnd.pick(['38', '39', '58', '87', '80'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
        ...(sample.requestType === 'consult' && channel === 'hotline' && rnd.chance(0.6) ? { answerNow: '已按政策当场答复。' } : {}),
      },
      { channel: channel === 'patrol' ? 'patrol' : channel, asServer: channel !== 'patrol' && channel !== 'hotline', synthetic: true },
    );
    await playOut(sim, clock, rnd, created.id, { centre, village, township, county: countyPlace, departments: source.departments, gridWorker, end });
    onProgress(++done, opts.count);
  }
  // 街乡吹哨 → 部门报到 at every stage, on the demo accounts' village, so the boards have it whatever the seed.
  const showcased = await seedDemoWhistles(sim, clock, end, source);
  return { orders: opts.count + showcased, routingRules, seconds: (Date.now() - started) / 1000 };
}

interface Cast {
  centre: Actor;
  village: Place;
  township: Place;
  county: Place;
  departments: { id: string; name: string; unit_kind: string | null }[];
  gridWorker: Actor;
  end: number;
}

const HOUR = 60;

/** Takes one order through what its units did, stopping at "now" (the newest stay open). */
async function playOut(sim: Deps, clock: ManualClock, rnd: Random, id: string, cast: Cast): Promise<void> {
  const wait = (minutes: number) => {
    clock.advanceMinutes(minutes);
    return clock.now().getTime() < cast.end;
  };
  // The unit now holding the order, from the order each service call returned.
  const actorFor = (o: WorkOrderDetail): Actor | undefined => {
    if (o.unitDepartmentId) return officer('department_staff', cast.county, o.unitName ?? '部门', o.unitDepartmentId);
    if (o.level === 'grid') return cast.gridWorker;
    if (o.level === 'village') return officer('village_cadre', cast.village, `${cast.village.name} 两委`);
    if (o.level === 'township') return officer('township_staff', cast.township, `${cast.township.name} 综治中心`);
    if (o.level === 'county') return cast.centre;
    return undefined;
  };
  let order = await getWorkOrder(sim, SYSTEM_ACTOR, id);
  if (order.status === 'closed') return;
  if (order.status === 'triage') {
    if (!wait(rnd.int(20, 4 * HOUR))) return;
    order = await dispatchOrder(sim, cast.centre, id, order.categoryCode ? {} : { categoryCode: pickCategoryFor(order.description), note: '人工分拣' });
    if (order.status !== 'dispatched') return;
  }
  let unit = actorFor(order);
  if (!unit) return;
  if (rnd.chance(0.04) && order.unitDepartmentId) {
    if (!wait(rnd.int(1, 6) * HOUR)) return;
    order = await returnOrder(sim, unit, id, '经核实不属于本单位职责范围');
    if (!wait(rnd.int(1, 8) * HOUR)) return;
    order = await reviewReturn(sim, cast.centre, id, { approve: rnd.chance(0.6), note: '派单异议审核' });
    if (order.status === 'accepted') {
      order = await dispatchOrder(sim, cast.centre, id, { level: 'township', unitRegionCode: cast.township.code, note: '改派属地乡镇' });
      unit = actorFor(order);
      if (!unit) return;
    }
  }
  // Sign for: usually within the limit.
  if (!wait(rnd.chance(0.9) ? rnd.int(10, 3 * HOUR) : rnd.int(26, 60) * HOUR)) return;
  order = await signOrder(sim, unit, id);
  // Late grids and villages are moved up; the township sometimes whistles departments.
  // 微事不出格: about half of what grid workers find is settled in the grid.
  let escalations = order.level === 'grid' ? (rnd.chance(0.5) ? 0 : rnd.chance(0.7) ? 1 : 2) : rnd.chance(0.12) ? 1 : 0;
  while (escalations-- > 0 && order.level !== 'county' && !order.unitDepartmentId) {
    if (!wait(rnd.int(4, 30) * HOUR)) return;
    order = await escalateOrder(sim, unit, id, order.level === 'grid' ? '网格无法独立解决，上报村（社区）' : '需要乡镇协调解决');
    unit = actorFor(order);
    if (!unit) return;
    if (!wait(rnd.int(10, 5 * HOUR))) return;
    order = await signOrder(sim, unit, id);
  }
  if (order.level === 'township' && !order.unitDepartmentId && rnd.chance(0.5)) {
    const called = [rnd.pick(cast.departments), rnd.pick(cast.departments)].filter((d, i, a) => a.findIndex((x) => x.id === d.id) === i);
    if (!wait(rnd.int(1, 6) * HOUR)) return;
    order = await whistleOrder(sim, unit, id, { departmentIds: called.map((d) => d.id), reason: '需多部门联合处置' });
    for (const call of order.whistleCalls) {
      const dept = officer('department_staff', cast.county, call.unitName, call.departmentId);
      if (!wait(rnd.int(30, 20 * HOUR))) return;
      order = await reportIn(sim, dept, id, call.id, '已到场，负责相关部分');
      if (!wait(rnd.int(2, 40) * HOUR)) return;
      order = await finishPart(sim, dept, id, call.id, '已完成本部门承担的任务');
    }
  }
  // Resolve: most within the limit, some late.
  const onTime = rnd.chance(0.85);
  if (!wait(onTime ? rnd.int(2, 40) * HOUR : rnd.int(100, 200) * HOUR)) return;
  order = await resolveOrder(sim, unit, id, { resolution: '已现场处理，问题已解决。' });
  for (let round = 0; round < 2; round++) {
    if (!wait(rnd.int(2, 20) * HOUR)) return;
    const satisfied = rnd.chance(round === 0 ? 0.9 : 0.7);
    order = await followUpOrder(sim, cast.centre, id, {
      contacted: rnd.chance(0.97),
      resolved: satisfied || rnd.chance(0.3),
      satisfaction: satisfied ? (rnd.chance(0.8) ? 'satisfied' : 'basically') : 'unsatisfied',
      comment: satisfied ? '处理及时，满意' : '问题没有彻底解决',
    });
    if (order.status !== 'dispatched') return;
    unit = actorFor(order);
    if (!unit) return;
    if (!wait(rnd.int(4, 48) * HOUR)) return;
    order = await resolveOrder(sim, unit, id, { resolution: '重新处理，已整改到位。' });
  }
}

let labels: Map<string, string> | undefined;

/** A triaged order's category as the dispatcher sets it: the corpus label of its text. */
function pickCategoryFor(text: string): string {
  labels ??= new Map(loadCorpus().map((r) => [r.text, r.categoryCode]));
  return labels.get(text) ?? '1401';
}
