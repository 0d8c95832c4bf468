import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/context.js';
import { Random } from '../../platform/synthetic/random.js';
import { chinaDate } from '../../platform/time.js';
import { insertNotices } from './notice-store.js';
import { villagesUnder } from './store.js';
import type { NoticesTable } from './tables.js';
import type { Insertable } from 'kysely';

// 减文减会 demo: a year of documents and meetings the county office and three townships addressed
// down, falling month by month as the seeds report (郧西: county documents −41.5%, meetings −38.7%).
// County-wide totals run from `first` to `last` over the eleven full months before this one,
// linearly (the burden dashboard's twelve months); the current month gets `last`'s share to date.

export const DEMO_NOTICE_TREND = { documents: { first: 41, last: 24 }, meetings: { first: 31, last: 19 } } as const;

const COUNTY_ISSUERS = ['县委办公室', '县政府办公室', '县委组织部', '县委社会工作部', '县民政局', '县农业农村局', '县应急管理局', '县卫生健康局'];
const DOC_TITLES = [
  '关于做好{m}月份安全生产工作的通知',
  '关于开展农村人居环境整治“回头看”的通知',
  '关于报送{m}月份防返贫监测帮扶情况的通知',
  '关于做好秋冬季森林防火工作的通知',
  '关于进一步规范村级组织工作事务的通知',
  '关于开展矛盾纠纷排查化解专项行动的通知',
  '关于做好城乡居民医保参保缴费工作的通知',
  '关于加强汛期地质灾害防范工作的通知',
  '关于开展村级财务专项检查的通知',
  '关于做好困难群众冬春生活救助的通知',
];
const MEETING_TITLES = [
  '全县{m}月份安全生产工作调度会',
  '乡村振兴重点工作推进会',
  '基层治理工作培训会',
  '森林防火工作部署会',
  '民生实事项目调度会',
  '矛盾纠纷排查化解工作会',
];

/** The eleven full months before `today`'s month and the current one: [yyyy, mm] pairs, oldest first. */
function months(today: string): [number, number][] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 12 + i, 1));
    return [d.getUTCFullYear(), d.getUTCMonth() + 1];
  });
}

const curve = (t: { first: number; last: number }, i: number) => Math.round(t.first + ((t.last - t.first) * i) / 10);

/** Inserts the demo register; returns how many documents and meetings. */
export async function seedDemoNotices(
  tx: Tx,
  county: { code: string; path: string },
  townships: readonly { code: string; name: string; path: string }[],
  now: Date,
  seed: number,
): Promise<{ documents: number; meetings: number }> {
  const rnd = new Random(seed ^ 0x0dc5);
  const today = chinaDate(now);
  const villages = await villagesUnder(tx, county.path);
  const senders = [
    { code: county.code, path: county.path, short: '黎', targets: townships.map((t) => t.code), villages: villages.length, county: true },
    ...(await Promise.all(
      townships.slice(0, 3).map(async (t) => {
        const own = await villagesUnder(tx, t.path);
        return { code: t.code, path: t.path, short: t.name.slice(0, 2), targets: own.map((v) => v.code), villages: own.length, county: false, name: t.name };
      }),
    )),
  ].filter((s) => s.targets.length);
  const rows: Insertable<NoticesTable>[] = [];
  const seq = new Map<string, number>();
  const all = months(today);
  for (const [i, [y, m]] of all.entries()) {
    const current = i === 11;
    const lastDay = current ? Number(today.slice(8, 10)) : new Date(Date.UTC(y, m, 0)).getUTCDate();
    const share = current ? lastDay / new Date(Date.UTC(y, m, 0)).getUTCDate() : 1;
    for (const kind of ['document', 'meeting'] as const) {
      const total = Math.round(curve(kind === 'document' ? DEMO_NOTICE_TREND.documents : DEMO_NOTICE_TREND.meetings, Math.min(i, 10)) * share);
      for (let k = 0; k < total; k++) {
        // About 70 % from the county office, the rest from the townships.
        const s = k % 10 < 7 || senders.length === 1 ? senders[0]! : senders[1 + (k % (senders.length - 1))]!;
        const day = String(rnd.int(1, lastDay)).padStart(2, '0');
        const mm = String(m).padStart(2, '0');
        const n = (seq.get(`${s.code}${y}`) ?? 0) + 1;
        seq.set(`${s.code}${y}`, n);
        const issuer = s.county ? rnd.pick(COUNTY_ISSUERS) : `${'name' in s ? s.name : ''}${rnd.chance(0.5) ? '党委' : '人民政府'}`;
        const wide = s.county || rnd.chance(0.6);
        const targets = wide ? s.targets : s.targets.slice(0, Math.max(1, Math.ceil(s.targets.length / 3)));
        rows.push({
          id: uuidv7(),
          kind,
          doc_number: kind === 'document' ? `${s.short}${s.county ? '党办发' : '党发'}〔${y}〕${n}号` : null,
          title: rnd.pick(kind === 'document' ? DOC_TITLES : MEETING_TITLES).replace('{m}', String(m)),
          issuer,
          sender_region_code: s.code,
          sender_path: s.path,
          issued_on: `${y}-${mm}-${day}`,
          target_codes: targets,
          village_count: wide ? s.villages : s.county ? s.villages : targets.length,
          attendees: kind === 'meeting' ? (s.county ? '各乡镇分管领导、各村党组织书记' : '各村党组织书记、村委会主任') : null,
          hours: kind === 'meeting' ? rnd.pick([1.5, 2, 2.5, 3, 4]) : null,
          synthetic: true,
          created_at: now,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await insertNotices(tx, rows.slice(i, i + 500));
  return { documents: rows.filter((r) => r.kind === 'document').length, meetings: rows.filter((r) => r.kind === 'meeting').length };
}
