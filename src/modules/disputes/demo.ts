import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { likePrefix } from '../../platform/db/like.js';
import type { Deps } from '../../platform/deps.js';
import { givenName, surname } from '../../platform/synthetic/names.js';
import { Random } from '../../platform/synthetic/random.js';
import { chinaDate } from '../../platform/time.js';
import {
  assignMediator,
  closeDispute,
  escalateDispute,
  failMediation,
  recordAgreement,
  recordSession,
  recordVisit,
  referDispute,
  signAgreement,
  stampAgreement,
} from './action-service.js';
import { createCase } from './create-service.js';
import { applyForJudicialConfirmation, recordJudicialOutcome } from './judicial-service.js';
import { createMediator, createPetitionReception } from './roster-service.js';
import type { DisputeCaseDetail, MediationMethod } from './schema.js';
import { sweepDisputes } from './sweep-service.js';

export interface DemoDisputesSummary {
  cases: number;
  mediators: number;
  receptions: number;
  seconds: number;
}

interface Place {
  code: string;
  name: string;
  path: string;
  level: string;
  parent_code: string | null;
}

/** A person acting for an office in the demo: no account behind them, the role and scope of their office. */
function officer(role: Actor['role'], region: Place, name: string): Actor {
  return { ...SYSTEM_ACTOR, role, username: 'demo', displayName: `${name}（演示）`, regionCode: region.code, scopePath: region.path };
}

/** Types weighted toward neighbour, family and land disputes. */
const TYPES: [string, number][] = [
  ['1201', 38],
  ['1202', 24],
  ['1203', 20],
  ['1204', 7],
  ['1206', 8],
  ['1205', 3],
];

const STORIES: Record<string, string[]> = {
  '1201': [
    '两家因院坝排水沟改道发生争执，雨水流进对方院子，多次口角',
    '邻居在两家交界处砌围墙，占了过路的通道，双方互不相让',
    '邻居家养的狗咬伤了孩子，医药费由谁出谈不拢',
    '楼上装修漏水把楼下天花板泡坏了，赔偿金额有分歧',
    '邻居在屋后栽的竹子根系伸进自家菜地，要求砍掉被拒',
  ],
  '1202': [
    '老人赡养问题，几个子女互相推诿，老人到村委会求助',
    '夫妻感情不和长期分居，为孩子抚养和彩礼返还发生纠纷',
    '兄弟分家时对老宅的分配意见不一，闹得不说话',
    '婆媳矛盾激化，儿媳带孩子回娘家不愿回来',
  ],
  '1203': [
    '两组之间对一片山林的界线有争议，各自拿出不同年代的林权证',
    '土地确权时两户对田埂位置有争议，都说是自家的',
    '承包地流转到期后对方不肯退还，说当年多付了租金',
    '祖坟所在的山坡被邻村开荒种树，引发两村村民争执',
  ],
  '1204': ['小区物业费上涨，部分业主拒交，物业停了电梯卡', '业主装修违规占用公共走廊，物业制止引发冲突'],
  '1205': ['征地补偿款分配，外嫁女要求按人头分配被村民小组拒绝', '房屋拆迁补偿标准有异议，认为附属物没有算全'],
  '1206': ['在工地干了四个月活，包工头拖欠工资一万多元', '工厂辞退后不给经济补偿，几名工人一起来反映'],
};

/** A few with words of violence or threats (the risk signals). */
const HOT = ['，对方扬言要拼命', '，当事人情绪激动说要喝农药', '，有人说要放火烧了他家'];

const METHODS: [MediationMethod, number][] = [
  ['family', 30],
  ['compact', 20],
  ['branch', 25],
  ['judicial', 8],
  ['joint_justice', 8],
  ['joint_police', 4],
  ['joint_women', 3],
  ['joint_labour', 2],
];

const DAY = 24 * 60;

/**
 * A number from a text, the same every run. The demo's particulars and 司法确认 are drawn from it
 * rather than from the seeded generator, so adding them left every other draw of a seed as it was.
 */
function stable(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

/** Particulars of a synthetic party for a written agreement: mostly Dong, Han and Miao, mostly farmers (a county in southeast Guizhou). */
function demoParticulars(c: DisputeCaseDetail, village: Place) {
  return c.parties.map((p) => {
    const h = stable(`${c.number}:${p.name}`);
    const ethnicity = (['侗族', '侗族', '侗族', '汉族', '汉族', '苗族', '苗族', '水族'] as const)[h % 8]!;
    const occupation = c.disputeType === '1206' ? '务工' : (['务农', '务农', '务农', '个体工商户', '外出务工', '退休'] as const)[(h >>> 3) % 6]!;
    return {
      partyId: p.id,
      sex: (h >>> 6) % 2 ? ('female' as const) : ('male' as const),
      age: 22 + ((h >>> 7) % 55),
      ethnicity,
      occupation,
      address: `${village.name}${((h >>> 13) % 9) + 1}组${((h >>> 17) % 60) + 1}号`,
    };
  });
}

/**
 * A plausible year of dispute mediation for the demo county, driven through the real services
 * at the times it happened: a mediator roster per township and village committee (and county
 * committees), cases opened at village windows, by grid workers and at township centres, weighted
 * toward neighbour, family and land disputes; most mediated at the village, some escalated, about
 * nine in ten ending in an agreement (written or oral), a few referred to litigation or
 * arbitration; a few high-risk and repeat cases; follow-up visits after performance. The newest
 * stay open. Everything is marked synthetic. Deterministic for a seed.
 */
export async function seedDemoDisputes(
  deps: Deps,
  countyCode: string,
  opts: { seed: number; count: number; days?: number },
  onProgress: (done: number, total: number) => void = () => {},
): Promise<DemoDisputesSummary> {
  const started = Date.now();
  const days = opts.days ?? 365;
  const rnd = new Random(opts.seed * 104729 + 4242);
  const county = countyCode.padEnd(12, '0');
  const regions = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx.selectFrom('regions').select(['code', 'name', 'path', 'level', 'parent_code']).where('code', 'like', likePrefix(countyCode)).execute(),
  );
  const byCode = new Map(regions.map((r) => [r.code, r as Place]));
  const countyPlace = byCode.get(county);
  const villages = regions.filter((r) => r.level === 'village') as Place[];
  if (!countyPlace || villages.length === 0) return { cases: 0, mediators: 0, receptions: 0, seconds: 0 };

  const clock = new ManualClock(new Date(deps.clock.now().getTime() - days * 86_400_000));
  const sim: Deps = { ...deps, clock };
  const end = deps.clock.now().getTime();
  const person = () => `${surname(rnd)}${givenName(rnd, rnd.chance(0.5) ? 'male' : 'female')}`;

  // The roster: county committees, one per township, one per village (part-time members).
  const roster = new Map<string, string[]>();
  let mediators = 0;
  const addMediator = async (place: Place, organization: string, kind: 'full_time' | 'part_time', specialties: string[]) => {
    // A synthetic mobile number from the place and count (not the seeded generator: see `stable`).
    const h = stable(`${place.code}:${organization}:${mediators}`);
    const phone = `${(['139', '158', '187', '136', '151'] as const)[h % 5]}${String((h >>> 3) % 100_000_000).padStart(8, '0')}`;
    const m = await createMediator(sim, SYSTEM_ACTOR, { name: person(), kind, specialties, regionCode: place.code, organization, phone }, { synthetic: true });
    roster.set(place.code, [...(roster.get(place.code) ?? []), m.id]);
    mediators++;
  };
  const countyName = countyPlace.name;
  await addMediator(countyPlace, `${countyName}物业纠纷人民调解委员会`, 'full_time', ['1204']);
  await addMediator(countyPlace, `${countyName}劳动争议人民调解委员会`, 'full_time', ['1206']);
  await addMediator(countyPlace, `${countyName}人民调解委员会`, 'full_time', ['1203', '1205']);
  for (const t of regions.filter((r) => r.level === 'township') as Place[]) {
    for (let i = 0; i < 2; i++) await addMediator(t, `${t.name}人民调解委员会`, 'full_time', ['1201', '1202', '1203', '1206']);
  }
  for (const v of villages) await addMediator(v, `${v.name}人民调解委员会`, 'part_time', ['1201', '1202']);

  // Leaders' receptions: each township leader receives once a month, the county leader visits with cases.
  let receptions = 0;
  const receptionIds: { id: string; township: string }[] = [];
  for (let m = 0; m < Math.min(12, Math.ceil(days / 30)); m++) {
    const at = new Date(clock.now().getTime() + (m * 30 + 3) * 86_400_000);
    const t = byCode.get(rnd.pick(villages).parent_code!)!;
    const r = await createPetitionReception(
      sim,
      SYSTEM_ACTOR,
      {
        kind: rnd.weighted([
          ['receive', 3],
          ['appoint', 1],
          ['visit', 1],
        ] as const),
        leaderName: person(),
        leaderTitle: `${t.name}党委书记`,
        scheduledAt: `${chinaDate(at)}T09:00:00+08:00`,
        place: `${t.name}综治中心`,
        regionCode: t.code,
      },
      { synthetic: true },
    );
    receptionIds.push({ id: r.id, township: t.code });
    receptions++;
  }

  const starts = Array.from({ length: opts.count }, () => end - rnd.next() * days * 86_400_000).sort((a, b) => a - b);
  const pairs = new Map<string, [string, string]>();
  let done = 0;
  for (const at of starts) {
    clock.set(new Date(at));
    const village = rnd.pick(villages);
    const township = byCode.get(village.parent_code!)!;
    const type = rnd.weighted(TYPES);
    const source = rnd.weighted([
      ['village', 55],
      ['grid', 30],
      ['township', 15],
    ] as const);
    const by =
      source === 'grid'
        ? officer('grid_worker', village, `${village.name} 网格员`)
        : source === 'township'
          ? officer('township_staff', township, `${township.name} 综治中心`)
          : officer('village_cadre', village, `${village.name} 两委`);
    // A few come back: the same two people again.
    const again = pairs.get(village.code);
    const [a, b] = again && rnd.chance(0.12) ? again : [person(), person()];
    pairs.set(village.code, [a, b]);
    const crowd = type === '1206' && rnd.chance(0.3) ? Array.from({ length: rnd.int(3, 9) }, () => ({ role: 'applicant' as const, name: person() })) : [];
    const created = await createCase(
      sim,
      by,
      {
        disputeType: type,
        narrative: rnd.pick(STORIES[type]!) + (rnd.chance(0.03) ? rnd.pick(HOT) : '') + '。',
        parties: [{ role: 'applicant', name: a }, ...crowd, { role: 'respondent', name: b }],
        regionCode: village.code,
        ...(['1203', '1205', '1206'].includes(type) && rnd.chance(0.5) ? { amount: rnd.int(2, 300) * 1000 } : {}),
        ...(rnd.chance(0.05) && receptionIds.some((r) => r.township === township.code)
          ? { receptionId: rnd.pick(receptionIds.filter((r) => r.township === township.code)).id }
          : {}),
      },
      { synthetic: true },
    );
    await playOut(sim, clock, rnd, created, { end, roster, village, township, county: countyPlace });
    onProgress(++done, opts.count);
  }
  // Whatever the year left open past its limit moves up now, as the server's sweep would.
  await sweepDisputes(deps, deps.clock.now());
  return { cases: opts.count, mediators, receptions, seconds: (Date.now() - started) / 1000 };
}

interface Cast {
  end: number;
  roster: Map<string, string[]>;
  village: Place;
  township: Place;
  county: Place;
}

/** Takes one case through what its mediators did, stopping at "now" (the newest stay open). */
async function playOut(sim: Deps, clock: ManualClock, rnd: Random, c: DisputeCaseDetail, cast: Cast): Promise<void> {
  const wait = (minutes: number) => {
    clock.advanceMinutes(minutes);
    return clock.now().getTime() < cast.end;
  };
  const who = (level: string): Actor =>
    level === 'grid'
      ? officer('grid_worker', cast.village, `${cast.village.name} 网格员`)
      : level === 'village'
        ? officer('village_cadre', cast.village, `${cast.village.name} 两委`)
        : level === 'township'
          ? officer('township_staff', cast.township, `${cast.township.name} 综治中心`)
          : officer('county_staff', cast.county, '县社会治理中心');
  const place = (level: string) => (level === 'township' ? cast.township : level === 'county' ? cast.county : cast.village);
  const id = c.id;
  let level = c.level;
  let current: string | null = c.mediatorId;
  const assign = async () => {
    const m = (cast.roster.get(place(level).code) ?? []).filter((x) => x !== current);
    if (!m.length) return;
    current = rnd.pick(m);
    await assignMediator(sim, who(level), id, { mediatorId: current });
  };
  if (!wait(rnd.int(30, 8 * 60))) return;
  await assign();
  // The grid often settles it on the spot; otherwise it is taken up at the village.
  const escalateTo = async (reason: string) => {
    const next = await escalateDispute(sim, who(level), id, { reason });
    level = next.level;
    await assign();
  };
  if (level === 'grid' && rnd.chance(0.45)) {
    if (!wait(rnd.int(1, 2) * DAY)) return;
    await escalateTo('网格调解未果，请村调委会介入');
  }
  const mediate = async () => {
    if (!wait(rnd.int(1, 6) * DAY)) return false;
    const methods = [rnd.weighted(METHODS), ...(rnd.chance(0.4) ? [rnd.weighted(METHODS)] : [])];
    await recordSession(sim, who(level), id, {
      heldAt: clock.now().toISOString(),
      place: `${place(level).name}综治中心调解室`,
      attendees: [...c.partyNames.slice(0, 3), '调解员'],
      record: '听取双方陈述，释法明理，双方各让一步。',
      methods: [...new Set(methods)],
    });
    return true;
  };
  if (!(await mediate())) return;
  // Most settle where they are; some move up once (or twice) before they do.
  if (level !== 'county' && rnd.chance(level === 'township' ? 0.05 : 0.14)) {
    if (!wait(rnd.int(1, 3) * DAY)) return;
    await escalateTo(rnd.pick(['涉及跨村（组）利益，需乡镇协调', '双方分歧较大，需上级调解组织介入', '涉及政策解释，需有关部门参与']));
    if (!(await mediate())) return;
  }
  if (rnd.chance(0.08)) {
    if (!wait(rnd.int(1, 3) * DAY)) return;
    await failMediation(sim, who(level), id, { reason: '双方分歧较大，调解不成' });
    if (!wait(rnd.int(1, 3) * DAY)) return;
    await referDispute(sim, who(level), id, {
      to: rnd.weighted([
        ['litigation', 3],
        ['arbitration', 1],
        ['petition', 1],
      ] as const),
      reason: '已告知当事人依法通过诉讼或仲裁途径解决',
    });
    return;
  }
  if (!wait(rnd.int(60, 3 * DAY))) return;
  const deadline = chinaDate(new Date(clock.now().getTime() + rnd.int(7, 30) * 86_400_000));
  const written = rnd.chance(0.6);
  await recordAgreement(
    sim,
    who(level),
    id,
    written
      ? {
          kind: 'written',
          facts: c.narrative,
          matters: '双方对上述事项的责任及补偿存在争议。',
          responsibilities: '双方均有过错，一方负主要责任。',
          terms: '责任方向对方赔礼道歉，并于履行期限内恢复原状、支付补偿款。',
          performanceMethod: '当面履行，调解员见证',
          performanceDeadline: deadline,
          committeeName: `${place(level).name}人民调解委员会`,
          parties: demoParticulars(c, cast.village),
        }
      : { kind: 'oral', terms: '双方当面和解，互不追究。' },
  );
  if (written) {
    if (!wait(rnd.int(10, 120))) return;
    await signAgreement(sim, who(level), id, {});
    await stampAgreement(sim, who(level), id, {});
  }
  await closeDispute(sim, who(level), id, {});
  // About one written agreement in six goes to the court for 司法确认, nearly always confirmed.
  // (No early return here: the draws below happen as they did before, so a seed's other data stay the same.)
  const h = stable(`${c.number}:judicial`);
  if (written && h % 6 === 0 && wait((1 + ((h >>> 4) % 20)) * DAY)) {
    await applyForJudicialConfirmation(sim, who(level), id, {
      appliedOn: chinaDate(clock.now()),
      court: `${cast.county.name}人民法院`,
      applicants: c.parties.filter((p) => p.role !== 'third_party').map((p) => p.id),
    });
    if (wait((3 + ((h >>> 9) % 12)) * DAY)) {
      const confirmed = (h >>> 12) % 15 !== 0;
      await recordJudicialOutcome(sim, who(level), id, {
        outcome: confirmed ? 'confirmed' : 'rejected',
        ruledOn: chinaDate(clock.now()),
        document: `（${chinaDate(clock.now()).slice(0, 4)}）黔${cast.county.code.slice(2, 6)}民特${((h >>> 16) % 300) + 1}号`,
        ...(confirmed ? {} : { reason: '调解协议内容涉及案外人权益，不符合司法确认的条件' }),
      });
    }
  }
  if (written && wait(rnd.int(8, 35) * DAY)) await recordVisit(sim, who(level), id, { performed: rnd.chance(0.92), note: '电话回访' });
}
