import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import type { ResidentPass } from '../cocreation/index.js';
import { adjustPoints, awardByRule, createRule } from './ledger-service.js';
import { cancelRedemption, handOverRedemption } from './redemption-service.js';
import { createShopItem, redeemAtCounter, restockShopItem } from './shop-service.js';
import { confirmHoursAsResident, createService, logHours, registerVolunteer, transferHours } from './timebank-service.js';

// Points and time-bank demo data, through the services on a simulated clock: three months in the
// demo cadre's village of points awarded by rule (labour, sorting rubbish, meetings, and a breach
// of the compact), a few adjustments with reasons, the points shop with its stock, redemptions
// handed over or cancelled, and volunteers whose hours the receivers confirm.

const DAY = 86_400_000;

export interface DemoPointsSummary {
  entries: number;
  redemptions: number;
  hours: number;
  seconds: number;
}

interface Member {
  id: string;
  name: string;
  household_id: string;
  path: string;
  relation: string;
}

const RULES = [
  { code: 'labour', name: '参加义务劳动', points: 5, cadence: 'each' },
  { code: 'sorting', name: '垃圾分类达标', points: 2, cadence: 'monthly' },
  { code: 'meeting', name: '参加议事会', points: 1, cadence: 'each' },
  { code: 'dumping', name: '违反村规民约乱倒垃圾', points: -5, cadence: 'each' },
] as const;

const ITEMS = [
  { name: '洗衣粉', price: 10, stock: 40 },
  { name: '毛巾', price: 5, stock: 60 },
  { name: '食用油（5 升）', price: 30, stock: 12 },
  { name: '大米（10 公斤）', price: 50, stock: 8 },
];

export async function seedDemoPoints(deps: Deps, onProgress: (done: number, total: number) => void = () => {}): Promise<DemoPointsSummary> {
  const started = Date.now();
  const summary: DemoPointsSummary = { entries: 0, redemptions: 0, hours: 0, seconds: 0 };
  const found = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const a = await tx
      .selectFrom('users')
      .select(['id', 'display_name', 'region_code', 'scope_path'])
      .where('username', '=', 'village')
      .where('role', '=', 'village_cadre')
      .executeTakeFirst();
    if (!a) return undefined;
    const village = await tx.selectFrom('regions').select(['code', 'path']).where('code', '=', a.region_code).executeTakeFirstOrThrow();
    const people = (await tx
      .selectFrom('residents as r')
      .innerJoin('households as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.name', 'r.household_id', 'r.path', 'r.relation'])
      .where('h.village_code', '=', a.region_code)
      .where('h.status', '=', 'active')
      .where('r.status', '=', 'active')
      .orderBy('h.address')
      .orderBy('r.id')
      .execute()) as Member[];
    return { a, village, people };
  });
  if (!found) return summary;
  const { a, village, people } = found;
  const heads = people.filter((p) => p.relation === 'head');
  if (heads.length < 8) return summary;
  const cadre: Actor = {
    ...SYSTEM_ACTOR,
    userId: a.id,
    username: 'village',
    displayName: a.display_name,
    role: 'village_cadre',
    regionCode: a.region_code,
    scopePath: a.scope_path,
  };
  const end = deps.clock.now().getTime();
  const clock = new ManualClock(new Date(end - 92 * DAY));
  const sim: Deps = { ...deps, clock };
  const at = (daysBeforeEnd: number) => clock.set(new Date(end - daysBeforeEnd * DAY));
  const today = () => chinaDate(clock.now());
  const passOf = (m: Member): ResidentPass => ({
    residentId: m.id,
    householdId: m.household_id,
    name: m.name,
    villageCode: village.code,
    villagePath: village.path,
    householdPath: m.path,
    adult: true,
    isHead: m.relation === 'head',
    expiresAt: new Date(clock.now().getTime() + 2 * 3600_000).toISOString(),
  });
  const total = 4;
  let done = 0;

  // Rules and three months of awards: a labour day every fortnight, sorting checked monthly, meetings.
  at(92);
  const rules = new Map<string, string>();
  for (const r of RULES) rules.set(r.code, (await createRule(sim, cadre, { regionCode: village.code, ...r })).id);
  const sorted = new Set<string>(); // 垃圾分类 counts once a month
  for (let week = 0; week < 12; week++) {
    at(90 - week * 7);
    const bookedOn = today();
    for (const [i, h] of heads.entries()) {
      if (week % 2 === 0 && (i + week) % 3 !== 0) {
        await awardByRule(sim, cadre, { ruleId: rules.get('labour')!, householdId: h.household_id, bookedOn });
        summary.entries++;
      }
      if (week % 4 === 1 && i % 5 !== 4 && !sorted.has(`${h.household_id}|${bookedOn.slice(0, 7)}`)) {
        sorted.add(`${h.household_id}|${bookedOn.slice(0, 7)}`);
        await awardByRule(sim, cadre, { ruleId: rules.get('sorting')!, householdId: h.household_id, bookedOn });
        summary.entries++;
      }
      if (week % 3 === 2 && i % 2 === 0) {
        await awardByRule(sim, cadre, { ruleId: rules.get('meeting')!, householdId: h.household_id, bookedOn });
        summary.entries++;
      }
    }
    if (week === 5) {
      await awardByRule(sim, cadre, { ruleId: rules.get('dumping')!, householdId: heads[heads.length - 1]!.household_id, bookedOn });
      await adjustPoints(sim, cadre, { householdId: heads[1]!.household_id, points: 10, reason: '抗洪抢险中主动转移邻居，经村民代表会议同意奖励' });
      summary.entries += 2;
    }
  }
  onProgress(++done, total);

  // The shop: items on the shelf, a restock, redemptions at the counter; most collected, one cancelled.
  at(60);
  const items = [];
  for (const it of ITEMS) items.push(await createShopItem(sim, cadre, { villageCode: village.code, ...it }));
  at(45);
  await restockShopItem(sim, cadre, items[0]!.id, { quantity: 20, reason: '乡镇捐赠' });
  for (const [i, h] of heads.slice(0, 10).entries()) {
    at(30 - i * 2);
    const item = items[i % 3 === 0 ? 2 : i % 2]!;
    try {
      const r = await redeemAtCounter(sim, cadre, { itemId: item.id, householdId: h.household_id, quantity: 1 });
      summary.redemptions++;
      if (i === 4) await cancelRedemption(sim, cadre, r.id, { reason: '户主改换其他商品，退回积分' });
      else if (i < 8) await handOverRedemption(sim, cadre, r.id);
    } catch (err) {
      // A household without enough points is refused at the counter, as it would be.
      if (!(err instanceof AppError) || (err.code !== 'INSUFFICIENT_BALANCE' && err.code !== 'OUT_OF_STOCK')) throw err;
    }
  }
  onProgress(++done, total);

  // The time bank: volunteers, offers and requests, hours the receivers confirm (some still waiting).
  at(80);
  const volunteers = [];
  for (const [i, p] of heads.slice(2, 6).entries()) {
    volunteers.push(await registerVolunteer(sim, cadre, { residentId: p.id, skills: ['陪护老人', '接送就医', '代购代办', '理发'][i] }));
  }
  await createService(sim, cadre, {
    direction: 'offer',
    category: 'elder_care',
    volunteerId: volunteers[0]!.id,
    description: '每周二、四上午陪独居老人聊天、打扫卫生',
  });
  await createService(sim, cadre, { direction: 'request', category: 'transport', residentId: heads[7]!.id, description: '每月到县医院复查，需要人接送' });
  const receivers = heads.slice(6);
  for (let k = 0; k < 12; k++) {
    at(75 - k * 6);
    const v = volunteers[k % volunteers.length]!;
    const receiver = receivers[k % receivers.length]!;
    const category = (['elder_care', 'transport', 'errand', 'companionship'] as const)[k % 4]!;
    const record = await logHours(sim, cadre, {
      volunteerId: v.id,
      receiverId: receiver.id,
      category,
      servedOn: today(),
      hours: 1 + (k % 3) * 0.5,
      activity: ['陪护老人', '接送就医', '代购生活用品', '陪伴聊天'][k % 4]!,
    });
    if (k < 10) await confirmHoursAsResident(sim, passOf(receiver), record.id, null);
    summary.hours++;
  }
  onProgress(++done, total);
  at(5);
  await transferHours(sim, cadre, 'donate', { fromVolunteerId: volunteers[0]!.id, hours: 1, note: '捐给村时间银行公共池，帮助困难老人' });
  onProgress(++done, total);
  summary.seconds = Math.round((Date.now() - started) / 100) / 10;
  return summary;
}
