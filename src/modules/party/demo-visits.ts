import type { EmbeddedSeed, VisitSeed } from './bulk-service.js';
import { addDays } from './common.js';
import type { PlanHousehold, PlanRegion } from './demo-plan.js';
import { personName, type Random } from './demo-random.js';
import type { VisitKind } from './stewardship-schema.js';

const KINDS: [VisitKind, number][] = [
  ['home', 70],
  ['return', 12],
  ['appointment', 8],
  ['receive', 7],
  ['patrol', 3],
];
const NOTES: Record<VisitKind, readonly string[]> = {
  home: ['入户了解家庭近况', '宣传医保参保政策', '了解老人身体状况', '核实家庭人口信息', '宣传防诈骗知识', '了解务工就业情况'],
  return: ['回访上次反映问题办理情况', '回访矛盾调解结果', '回访低保申请进展'],
  appointment: ['约谈子女赡养事宜', '约访了解邻里纠纷', '预约上门办理社保认证'],
  receive: ['群众来村委反映道路问题', '接待群众咨询低保政策', '接待反映饮水问题'],
  patrol: ['巡查房屋安全隐患', '巡查消防通道', '汛期巡查地质灾害点'],
};
const FOLLOW_UPS = ['联系村医上门看诊', '协助申请临时救助', '反映至镇里协调修路', '帮助办理医保缴费', '协调邻里排水沟修缮', '联系电工检修线路'];
const UNITS = [
  '县住房和城乡建设局',
  '县交通运输局',
  '县自然资源局',
  '县水务局',
  '县农业农村局',
  '县民政局',
  '县人力资源和社会保障局',
  '县市场监督管理局',
  '县卫生健康局',
  '县教育局',
  '县司法局',
  '县财政局',
];
const POSITIONS = ['科员', '股长', '副局长', '主任科员', '干部', '办公室主任'];
const ACTIVITIES = ['清理背街小巷环境卫生', '政策宣讲', '走访独居老人', '疫苗接种引导服务', '文明交通劝导', '社区议事会协助记录', '防汛值守', '义诊服务协助'];

/**
 * About 60–80% of a village's households visited in the last 90 days (some twice), a share of the
 * rest visited earlier, a few region-wide patrols, and, in town, embedded members with their hours.
 * Households a cadre stewards are visited by that cadre.
 */
export function planVisits(
  rnd: Random,
  village: PlanRegion,
  households: PlanHousehold[],
  cadres: { name: string }[],
  stewardOf: Map<string, { key: string; name: string }>,
  today: string,
): { visits: VisitSeed[]; embedded: EmbeddedSeed[] } {
  const coverage = 0.6 + rnd.next() * 0.2;
  const visits: VisitSeed[] = [];
  const add = (kind: VisitKind, visitedOn: string, h: PlanHousehold | null) => {
    const steward = h ? stewardOf.get(h.id) : undefined;
    const followUp = rnd.chance(0.12) ? rnd.pick(FOLLOW_UPS) : null;
    visits.push({
      kind,
      visitedOn,
      visitorName: steward?.name ?? rnd.pick(cadres).name,
      stewardshipKey: steward?.key ?? null,
      householdId: h?.id ?? null,
      regionCode: village.code,
      path: h?.path ?? village.path,
      notes: rnd.pick(NOTES[kind]),
      followUp,
      followUpDone: followUp !== null && rnd.chance(0.65),
    });
  };
  for (const h of households) {
    if (rnd.next() < coverage) {
      const first = addDays(today, -rnd.int(0, 89));
      add(rnd.weighted(KINDS), first, h);
      const gap = Math.round((Date.parse(today) - Date.parse(first)) / 86_400_000);
      if (gap > 3 && rnd.chance(0.1)) add('return', addDays(first, rnd.int(1, gap)), h);
    } else if (rnd.chance(0.1)) {
      add(rnd.weighted(KINDS), addDays(today, -rnd.int(90, 240)), h);
    }
  }
  for (let i = rnd.int(2, 4); i > 0; i--) add('patrol', addDays(today, -rnd.int(0, 89)), null);

  const embedded: EmbeddedSeed[] = [];
  if (village.kind === 'urban') {
    for (let i = rnd.int(3, 6); i > 0; i--) {
      const reportedOn = addDays(today, -rnd.int(60, 700));
      const span = Math.round((Date.parse(today) - Date.parse(reportedOn)) / 86_400_000);
      const hours = Array.from({ length: rnd.int(2, 10) }, () => ({
        servedOn: addDays(reportedOn, rnd.int(0, span)),
        hours: rnd.int(2, 8) / 2,
        activity: rnd.pick(ACTIVITIES),
      }));
      embedded.push({
        name: personName(rnd),
        workUnit: rnd.pick(UNITS),
        position: rnd.pick(POSITIONS),
        villageCode: village.code,
        path: village.path,
        reportedOn,
        hours: hours.sort((a, b) => a.servedOn.localeCompare(b.servedOn)),
      });
    }
  }
  return { visits, embedded };
}
