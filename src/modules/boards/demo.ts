import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { chinaDate } from '../../platform/time.js';
import { addMember, createBody, createShift } from '../councils/index.js';
import { decideEntry, notifyHousehold, proposeEntry, recordObjection } from './board-service.js';
import type { Board } from './kinds.js';

// 一约四会, teams and boards demo data in the demo village cadre's village: the four councils and
// two teams with members from the registry (some tagged 五老三员两长), a week of patrol shifts, and
// board entries in every state — expired, published, in its objection period with an objection
// waiting, notified, proposed, withdrawn. Everything goes through the services, each step on the
// demo clock at the instant it happened.

export interface DemoBoardsSummary {
  bodies: number;
  members: number;
  shifts: number;
  entries: number;
  seconds: number;
}

const DAY = 86_400_000;
/** A one-page PDF standing in for a scanned record (证据材料). */
const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Title (evidence) >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1').toString('base64');

const COUNCILS = [
  ['moral_review', '评议村民道德行为，提出红黑榜事项'],
  ['weddings_funerals', '倡导婚事新办、丧事简办，制止大操大办'],
  ['villagers_deliberation', '商议村内公共事务，听取村民意见'],
  ['group_affairs', '协调村民小组事务，组织投工投劳'],
  ['security_patrol', '夜间巡逻，守护村寨平安'],
  ['volunteer_service', '关爱留守老人和儿童，开展环境整治'],
] as const;
const POSTS = ['村党支部书记', '村委会主任', '村党支部副书记', '村委会委员', '村务监督委员会主任', '村委会委员'];
const GOVERNANCE_TAGS = ['wulao_party_member', 'wulao_teacher', 'wulao_soldier', 'sanyuan_mediator', 'sanyuan_informant', 'lianzhang_group'];

interface Entry {
  board: Board;
  daysAgo: number;
  steps: ('notify' | 'objection' | 'publish' | 'withdraw')[];
  publicText: string;
  facts: string;
  article: [string, string];
  publishDays?: number;
}

const ENTRIES: Entry[] = [
  {
    board: 'black',
    daysAgo: 80,
    steps: ['notify', 'publish'],
    publicText: '多次向河道倾倒建筑垃圾，经劝导不改',
    facts: '今年以来三次向村口河道倾倒建筑垃圾，村组干部两次上门劝导未改正，有现场照片和群众反映记录。',
    article: ['第十二条', '爱护公共环境，不得向河道、沟渠倾倒垃圾和建筑废料。'],
  },
  {
    board: 'red',
    daysAgo: 30,
    steps: ['notify', 'publish'],
    publicText: '孝老爱亲，照顾瘫痪婆婆十余年',
    facts: '十余年如一日照顾瘫痪在床的婆婆，邻里交口称赞，经道德评议会评议推荐。',
    article: ['第五条', '尊老爱幼，孝敬父母，赡养老人。'],
    publishDays: 60,
  },
  {
    board: 'yellow',
    daysAgo: 28,
    steps: ['notify', 'publish'],
    publicText: '操办酒席超出红白理事会规定标准',
    facts: '为孙子办满月酒席三十余桌，超出红白理事会规定的标准，劝导后未减少。',
    article: ['第十八条', '婚事新办、丧事简办，除婚丧嫁娶外不办酒席，酒席桌数不超过规定标准。'],
  },
  {
    board: 'black',
    daysAgo: 3,
    steps: ['notify', 'objection'],
    publicText: '在承包地违规焚烧秸秆',
    facts: '在承包地焚烧秸秆，烟雾影响邻近农户和公路通行，网格员巡查拍照记录。',
    article: ['第十四条', '禁止露天焚烧秸秆、垃圾。'],
  },
  {
    board: 'red',
    daysAgo: 1,
    steps: ['notify'],
    publicText: '带头让地修建村组公路',
    facts: '主动让出自家承包地三分用于村组公路拓宽，并发动邻居投工投劳。',
    article: ['第八条', '积极参加公益事业建设，支持村内基础设施建设。'],
  },
  {
    board: 'yellow',
    daysAgo: 0,
    steps: [],
    publicText: '散养家禽损毁邻居菜地',
    facts: '散养鸡鸭多次进入邻居菜地，造成损失，经调解后仍未圈养。',
    article: ['第十五条', '家禽家畜应当圈养，不得损害他人财产。'],
  },
  {
    board: 'black',
    daysAgo: 40,
    steps: ['notify', 'withdraw'],
    publicText: '私自占用村道堆放杂物',
    facts: '在村道旁堆放木材，影响通行；告知后当即清理，评议会决定撤回。',
    article: ['第十三条', '不得占用村道、公共场地堆放杂物。'],
  },
];

/** The demo village cadre's account and village, or undefined when the demo has none. */
async function demoCadre(deps: Deps): Promise<Actor | undefined> {
  const account = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('users')
      .select(['id', 'display_name', 'region_code', 'scope_path'])
      .where('username', '=', 'village')
      .where('role', '=', 'village_cadre')
      .executeTakeFirst(),
  );
  if (!account) return undefined;
  return {
    ...SYSTEM_ACTOR,
    userId: account.id,
    username: 'village',
    displayName: account.display_name,
    role: 'village_cadre',
    regionCode: account.region_code,
    scopePath: account.scope_path,
  };
}

/** Seeds the demo cadre's village (nothing when there is no such account). */
export async function seedDemoBoards(deps: Deps): Promise<DemoBoardsSummary> {
  const started = Date.now();
  const summary = { bodies: 0, members: 0, shifts: 0, entries: 0 };
  const cadre = await demoCadre(deps);
  if (!cadre) return { ...summary, seconds: 0 };
  const villageCode = cadre.regionCode;
  const now = deps.clock.now();
  const at = (ms: number) => ({ ...deps, clock: new ManualClock(new Date(ms)) });
  const residents = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('residents as r')
      .innerJoin('households as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.household_id', 'r.relation', 'r.birth_date'])
      .where('h.village_code', '=', villageCode)
      .where('h.status', '=', 'active')
      .where('r.status', '=', 'active')
      .orderBy('h.address')
      .orderBy('r.id')
      .limit(400)
      .execute(),
  );
  const adults = residents.filter((r) => String(r.birth_date) <= `${Number(chinaDate(now).slice(0, 4)) - 22}-01-01`);
  if (adults.length < 30) return { ...summary, seconds: 0 };
  // 五老三员两长: a few older villagers carry the tags on their registry record.
  await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    for (const [i, code] of GOVERNANCE_TAGS.entries()) {
      await tx
        .updateTable('residents')
        .set((eb) => ({ tags: eb.fn('array_append', [eb.ref('tags'), eb.val(code)]) }))
        .where('id', '=', adults[adults.length - 1 - i]!.id)
        .execute();
    }
  });
  // The councils and teams, set up half a year ago.
  const setUp = at(now.getTime() - 180 * DAY);
  let next = 0;
  const person = () => adults[next++ % adults.length]!;
  let patrol: { id: string; members: string[] } | undefined;
  for (const [i, [kind, duties]] of COUNCILS.entries()) {
    const body = await createBody(setUp, cadre, { villageCode, kind, duties });
    summary.bodies++;
    let latest = await addMember(setUp, cadre, body.id, { residentId: person().id, role: 'leader', committeePost: POSTS[i]! });
    const extra = [adults[adults.length - 1 - i]!, person(), person(), ...(i % 2 ? [person()] : [])];
    for (const r of extra) {
      if (latest.members.some((m) => m.residentId === r.id)) continue;
      latest = await addMember(setUp, cadre, body.id, { residentId: r.id, role: 'member' });
    }
    summary.members += latest.members.length;
    if (kind === 'security_patrol') patrol = { id: body.id, members: latest.members.map((m) => m.id) };
  }
  // A week of night patrols from today, two members a night.
  if (patrol) {
    for (let d = 0; d < 7; d++) {
      const day = chinaDate(new Date(now.getTime() + d * DAY));
      const pair = [patrol.members[d % patrol.members.length]!, patrol.members[(d + 1) % patrol.members.length]!];
      await createShift(deps, cadre, patrol.id, { dutyOn: day, period: 'night', task: '村道和河堤夜间巡逻', memberIds: [...new Set(pair)] });
      summary.shifts++;
    }
  }
  // Board entries in every state, about households other than the members'.
  const councilId = (
    await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('council_bodies').select('id').where('village_code', '=', villageCode).where('kind', '=', 'moral_review').executeTakeFirstOrThrow(),
    )
  ).id;
  const heads = residents.filter((r) => r.relation === 'head');
  const entries = ENTRIES.slice(0, heads.length);
  for (const [i, e] of entries.entries()) {
    // Spread over the village's households, one entry each.
    const household = heads[Math.floor(((i + 0.5) * heads.length) / entries.length)]!.household_id;
    const t0 = now.getTime() - e.daysAgo * DAY;
    const entry = await proposeEntry(at(t0), cadre, {
      householdId: household,
      board: e.board,
      councilId,
      compactTitle: '村规民约',
      articleNumber: e.article[0],
      articleText: e.article[1],
      facts: e.facts,
      publicText: e.publicText,
      objectionDays: 5,
      publishDays: e.publishDays ?? 30,
      evidence: [{ data: EVIDENCE_PDF, filename: '评议记录.pdf' }],
    });
    summary.entries++;
    for (const step of e.steps) {
      if (step === 'notify') await notifyHousehold(at(t0 + DAY / 2), cadre, entry.id, { method: 'in_person', note: '户主签收告知书' });
      if (step === 'objection') await recordObjection(at(t0 + DAY), cadre, entry.id, { raisedBy: '本户户主', content: '认为情节被夸大，请求重新核实。' });
      // Two weeks after the notice: past any 5-working-day window, holidays included.
      if (step === 'publish') await decideEntry(at(t0 + 15 * DAY), cadre, entry.id, { decision: 'publish', note: '道德评议会表决通过' });
      if (step === 'withdraw') await decideEntry(at(t0 + 2 * DAY), cadre, entry.id, { decision: 'withdraw', note: '已当即改正，撤回' });
    }
  }
  return { ...summary, seconds: (Date.now() - started) / 1000 };
}
