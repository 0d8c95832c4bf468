import { uuidv7 } from 'uuidv7';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { Random } from '../../platform/synthetic/random.js';
import { chinaDate } from '../../platform/time.js';
import { regionWithChildren } from '../regions/index.js';
import { demoTownship, villagesUnder } from './store.js';
import type { WatchPointKind } from './tables.js';
import { insertFormalismReport } from './task-store.js';
import { demoAccountRegion, insertWatchPoints } from './watch-store.js';

// The demo county's observation points (观测点) and monitoring points (监测点), and a few
// formalism reports filed at monitoring points, so the points' counts mean something.

const OBSERVATION = { townships: 2, villages: 6 };
const MONITORING = { townships: 3, villages: 9 };

const NOTES: Record<WatchPointKind, string[]> = {
  observation: ['减负措施落实情况观测', '村级组织工作事务观测', '基层报表填报负担观测'],
  monitoring: ['形式主义问题监测', '过度留痕问题监测', '工作群、政务 App 使用情况监测'],
};

const REPORTS = [
  '上级部门要求每天在工作群拍照打卡，一天多次',
  '同一项数据，三个部门分别要求填报，口径还不一样',
  '检查只看台账和照片，不看实际工作',
  '要求村干部下载多个 App 并每天登录刷积分',
  '一个活动要求准备展板、简报、照片、视频等全套留痕材料',
  '临时通知当天下午报送材料，周末也要加班整理',
];

function pickSome<T>(rnd: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rnd.next() * pool.length), 1)[0]!);
  return out;
}

/** Designates the demo points (the demo accounts' township and village among them) and files a few reports at monitoring points. */
export async function seedDemoWatchPoints(deps: Deps, county: { code: string; path: string }, seed: number): Promise<{ points: number; reports: number }> {
  const rnd = new Random(seed ^ 0x3a7c);
  const now = deps.clock.now();
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const townships = ((await regionWithChildren(tx, county.code))?.children ?? []).filter((c) => c.level === 'township');
    const home = await demoTownship(tx, county.path);
    const villages = await villagesUnder(tx, county.path);
    const homeVillages = villages.filter((v) => v.path.startsWith(`${home.path}.`));
    // The `village` account's village is a monitoring point, so its cadre finds it in the report form.
    const own = await demoAccountRegion(tx, 'village');
    const ownVillage = villages.find((v) => v.code === own?.code) ?? homeVillages[1] ?? homeVillages[0];
    const rows = [];
    const reports = [];
    for (const [kind, want] of [
      ['observation', OBSERVATION],
      ['monitoring', MONITORING],
    ] as const) {
      // The demo township is a point of both kinds; a village of it is an observation point, the
      // `village` account's a monitoring point.
      const towns = [
        home,
        ...pickSome(
          rnd,
          townships.filter((t) => t.code !== home.code),
          want.townships - 1,
        ),
      ];
      const firstVillage = kind === 'monitoring' ? ownVillage : homeVillages.find((v) => v.code !== ownVillage?.code);
      const vills = [
        ...(firstVillage ? [firstVillage] : []),
        ...pickSome(
          rnd,
          villages.filter((v) => v.code !== firstVillage?.code),
          want.villages - 1,
        ),
      ];
      for (const r of [...towns, ...vills]) {
        const designatedOn = chinaDate(new Date(now.getTime() - rnd.int(30, 300) * 86_400_000));
        rows.push({
          id: uuidv7(),
          region_code: r.code,
          path: r.path,
          kind,
          designated_on: designatedOn,
          note: rnd.pick(NOTES[kind]),
          designated_by: null,
          synthetic: true,
          created_at: new Date(`${designatedOn}T09:00:00+08:00`),
        });
        if (kind !== 'monitoring' || !rnd.chance(0.5)) continue;
        for (let k = rnd.int(1, 2); k > 0; k--) {
          const answered = rnd.chance(0.4);
          reports.push({
            id: uuidv7(),
            region_code: r.code,
            path: r.path,
            content: rnd.pick(REPORTS),
            anonymous: true,
            reporter_id: null,
            status: answered ? ('answered' as const) : ('open' as const),
            answer: answered ? '已转交县委社会工作部核实，责成相关部门整改' : null,
            answered_at: answered ? new Date(now.getTime() - rnd.int(1, 10) * 86_400_000) : null,
            synthetic: true,
            created_at: new Date(now.getTime() - rnd.int(11, 60) * 86_400_000),
          });
        }
      }
    }
    await insertWatchPoints(tx, rows);
    for (const r of reports) await insertFormalismReport(tx, r);
    return { points: rows.length, reports: reports.length };
  });
}
