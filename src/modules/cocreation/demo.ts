import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { likePrefix } from '../../platform/db/like.js';
import type { Deps } from '../../platform/deps.js';
import { Random } from '../../platform/synthetic/random.js';
import { chinaDate } from '../../platform/time.js';
import {
  DAY,
  officer,
  shortName,
  shuffled,
  someone,
  Timeline,
  type Counts,
  type Household,
  type OpinionRef,
  type Place,
  type Run,
  type Village,
} from './demo-kit.js';
import { planLightVillage, planMainVillage } from './demo-story.js';
import { WITNESS_OFFICE } from './demo-words.js';
import { answerOpinion, opinionFromOrder } from './opinion-service.js';
import { sweepCocreation } from './sweep-service.js';

// 共同缔造 demo data: a year of the co-creation cycle in the demo village-cadre's village and a
// lighter one in three villages of other townships (the story: demo-story.ts; the means that call
// the services at simulated instants: demo-kit.ts; the words: demo-words.ts).

export interface DemoCocreationSummary {
  villages: number;
  opinions: number;
  openOpinions: number;
  proposals: number;
  meetings: number;
  votes: number;
  ballots: number;
  projects: number;
  contributions: number;
  ratings: number;
  seconds: number;
}

/**
 * The demo's village cadre (the `village` account: its cadre records the village's co-creation,
 * and as a real account may enter paper ballots, which name their clerk) and their village;
 * without the account, the first village of the first town with two or more, run by an officer.
 */
async function demoVillage(deps: Deps, places: Place[]): Promise<{ code: string; cadre?: Actor } | undefined> {
  const account = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('users')
      .select(['id', 'display_name', 'role', 'region_code', 'scope_path'])
      .where('username', '=', 'village')
      .where('role', '=', 'village_cadre')
      .executeTakeFirst(),
  );
  const villages = places.filter((p) => p.level === 'village').sort((a, b) => a.code.localeCompare(b.code));
  if (account && villages.some((v) => v.code === account.region_code)) {
    const cadre: Actor = {
      ...SYSTEM_ACTOR,
      userId: account.id,
      username: 'village',
      displayName: account.display_name,
      role: 'village_cadre',
      regionCode: account.region_code,
      scopePath: account.scope_path,
    };
    return { code: account.region_code, cadre };
  }
  const town = places
    .filter((p) => p.level === 'township' && p.kind === 'town' && villages.filter((v) => v.parent_code === p.code).length >= 2)
    .sort((a, b) => a.code.localeCompare(b.code))[0];
  const code = town ? villages.find((v) => v.parent_code === town.code)?.code : undefined;
  return code ? { code } : undefined;
}

/** The registry of the chosen villages: households in address order, head first (ID numbers stay encrypted until a pass is taken). */
async function readVillages(deps: Deps, rnd: Random, places: Place[], today: string): Promise<Village[]> {
  const rows = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('households as h')
      .innerJoin('residents as r', 'r.household_id', 'h.id')
      .select(['h.village_code', 'h.id as household_id', 'h.address', 'r.id', 'r.name', 'r.relation', 'r.birth_date', 'r.tags', 'r.id_number_enc'])
      .where(
        'h.village_code',
        'in',
        places.map((p) => p.code),
      )
      .where('h.status', '=', 'active')
      .where('r.status', '=', 'active')
      .execute(),
  );
  // Adults a year ago as well (19 today), so they could vote, attend and rate all through the story.
  const adultBy = `${Number(today.slice(0, 4)) - 19}${today.slice(4)}`;
  return places.map((place) => {
    const byHousehold = new Map<string, Household>();
    const mine = rows
      .filter((r) => r.village_code === place.code)
      .map((r) => ({ ...r, birth: String(r.birth_date) }))
      .sort(
        (a, b) =>
          a.address.localeCompare(b.address) ||
          Number(b.relation === 'head') - Number(a.relation === 'head') ||
          a.birth.localeCompare(b.birth) ||
          a.name.localeCompare(b.name),
      );
    for (const r of mine) {
      const h = byHousehold.get(r.household_id) ?? { id: r.household_id, address: r.address, members: [] };
      byHousehold.set(r.household_id, h);
      h.members.push({
        id: r.id,
        name: r.name,
        householdId: r.household_id,
        adult: r.birth.slice(0, 10) <= adultBy,
        partyMember: r.tags.includes('party_member'),
        idEnc: r.id_number_enc,
      });
    }
    return {
      place,
      short: shortName(place.name),
      households: [...byHousehold.values()].filter((h) => h.members.some((m) => m.adult)),
      cadre: officer('village_cadre', place, `${place.name} 两委`),
      grid: officer('grid_worker', place, `${place.name} 网格员`),
      witnesses: [`${WITNESS_OFFICE} ${someone(rnd)}`, `${WITNESS_OFFICE} ${someone(rnd)}`],
    };
  });
}

const ORDER_ANSWERS = [
  '您的建议已转村两委研究，列入明年村级实事项目备选，将提交院坝会商议。',
  '感谢建议。已与相关部门沟通，近期将先行整改，结果在村务公开栏公示。',
  '建议已收悉，村里将在下次村民代表会议上讨论，届时请您参加。',
];

/**
 * Suggestions residents made through the hotline (intake orders of type "suggestion", from the
 * requests demo): two days later their village's cadre turns each into an opinion of the village
 * (the order's timeline says so) and answers it within the week.
 */
async function planOrderOpinions(run: Run, deps: Deps, places: Place[], county: string, end: number): Promise<void> {
  const orders = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('work_orders')
      .select(['id', 'village_code', 'created_at'])
      .where('request_type', '=', 'suggestion')
      .where('village_code', 'like', likePrefix(county))
      .orderBy('number')
      .limit(8)
      .execute(),
  );
  const byCode = new Map(places.map((p) => [p.code, p]));
  orders.forEach((o, i) => {
    const place = o.village_code ? byCode.get(o.village_code) : undefined;
    const at = o.created_at.getTime() + 2 * DAY;
    if (!place || at >= end) return;
    const cadre = officer('village_cadre', place, `${place.name} 两委`);
    run.tl.at(at, async () => {
      const opinion = await opinionFromOrder(run.sim, cadre, { orderId: o.id });
      run.counts.opinions++;
      const ref: OpinionRef = { id: opinion.id, village: place.code, topic: 'order', settled: false };
      run.opinions.push(ref);
      const answerAt = at + run.rnd.int(1, 4) * DAY;
      if (answerAt >= end) return;
      run.tl.at(answerAt, async () => {
        await answerOpinion(run.sim, cadre, opinion.id, { outcome: 'answered', answer: ORDER_ANSWERS[i % ORDER_ANSWERS.length]! });
        ref.settled = true;
      });
    });
  });
}

/**
 * A plausible year of co-creation for the demo county, through the real services at the times it
 * happened (demo-story.ts tells it): in the demo village-cadre's village the whole 郧西 cycle, and a
 * lighter set in three villages of other townships. Deterministic for a seed: the registry is read
 * in address order, never by id, and every draw comes from the seeded generator.
 */
export async function seedDemoCocreation(
  deps: Deps,
  countyCode: string,
  opts: { seed: number },
  progress: (done: number, total: number) => void = () => {},
): Promise<DemoCocreationSummary> {
  const started = Date.now();
  const county = countyCode.slice(0, 6);
  const counts: Counts = { opinions: 0, proposals: 0, meetings: 0, votes: 0, ballots: 0, projects: 0, contributions: 0, ratings: 0 };
  const opinions: OpinionRef[] = [];
  const summary = (villages: number): DemoCocreationSummary => ({
    villages,
    ...counts,
    openOpinions: opinions.filter((o) => o.id && !o.settled).length,
    seconds: (Date.now() - started) / 1000,
  });
  const places = (await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('regions')
      .select(['code', 'name', 'path', 'kind', 'parent_code', 'level'])
      .where('code', 'like', likePrefix(county))
      .where('level', 'in', ['township', 'village'])
      .execute(),
  )) as Place[];
  const sizes = new Map(
    (
      await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
        tx
          .selectFrom('households')
          .select(['village_code', (eb) => eb.fn.countAll<string>().as('n')])
          .where('village_code', 'like', likePrefix(county))
          .where('status', '=', 'active')
          .groupBy('village_code')
          .execute(),
      )
    ).map((r) => [r.village_code, Number(r.n)]),
  );
  const found = await demoVillage(deps, places);
  const main = places.find((v) => v.code === found?.code);
  if (!main || (sizes.get(main.code) ?? 0) < 6) return summary(0);

  const rnd = new Random(opts.seed * 7919 + 1111);
  // Three more villages, each in another township, with enough households for a meeting: an
  // urban community first where the county has one (its 四方联动), then rural villages.
  const others: Place[] = [];
  const taken = new Set([main.parent_code]);
  const candidates = shuffled(
    rnd,
    places.filter((v) => v.level === 'village' && (sizes.get(v.code) ?? 0) >= 6).sort((a, b) => a.code.localeCompare(b.code)),
  );
  const urban = candidates.find((v) => v.kind === 'urban' && v.parent_code !== main.parent_code);
  for (const v of [...(urban ? [urban] : []), ...candidates.filter((c) => c.kind !== 'urban')]) {
    if (others.length === 3) break;
    if (taken.has(v.parent_code)) continue;
    taken.add(v.parent_code);
    others.push(v);
  }

  const end = deps.clock.now().getTime();
  const today = chinaDate(new Date(end));
  const midnight = Date.parse(`${today}T00:00:00+08:00`);
  const clock = new ManualClock(new Date(end - 365 * DAY));
  const sim: Deps = { ...deps, clock };
  const run: Run = {
    sim,
    clock,
    tl: new Timeline(clock, end, progress),
    rnd,
    counts,
    opinions,
    when: (days, hour, minute = 0) => midnight + days * DAY + (hour * 60 + minute) * 60_000,
  };
  const [mainVillage, ...lighter] = await readVillages(deps, rnd, [main, ...others], today);
  if (found?.cadre) mainVillage!.cadre = found.cadre;
  await planMainVillage(run, mainVillage!);
  // Rural villages counted apart from the urban one, so the 火塘会 and the 阳光议事厅 come first.
  const urbanFirst = lighter[0]?.place.kind === 'urban' ? 1 : 0;
  lighter.forEach((v, i) => planLightVillage(run, v, i - urbanFirst));
  await planOrderOpinions(run, deps, places, county, end);
  await run.tl.play();
  // Votes past their closing time close and low scores raise their follow-up, as the server's sweep would.
  await sweepCocreation(deps);
  return summary(1 + lighter.length);
}
