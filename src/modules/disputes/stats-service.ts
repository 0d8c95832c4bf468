import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { toOffsetIso } from '../../platform/time.js';
import { LEVEL_NAMES } from './levels.js';
import { authorize } from './policy.js';
import { disputeTypeName, presentCase } from './presenter.js';
import { CHINA_DAY_START, nextDay, scopeOf } from './query-service.js';
import {
  MEDIATION_METHODS,
  OUTCOME_NAMES,
  type RepeatParty,
  type StatsQuery,
  type StatsReport,
  type StatsRow,
  type Warnings,
  type WarningsQuery,
} from './schema.js';
import { listCases, regionNames, repeatPartyRows, statsSource, type StatsSourceRow } from './store.js';
import type { DisputeLevel } from './tables.js';

/** The formulas, exactly as computed below; the dashboard shows them under each figure. */
export const STATS_FORMULAS: Record<string, string> = {
  successRate: '调解成功率 = 达成协议（书面 + 口头）并结案的案件数 ÷ 已结案案件数',
  villageOrBelowShare: '小事不出村率 = 在网格或村（社区）结案的案件数 ÷ 已结案案件数',
  avgDaysToClose: '平均化解天数 = 已结案案件从登记到结案的天数之和 ÷ 已结案案件数（自然日）',
  judicial: '司法确认 = 人民法院裁定调解协议有效的案件数；另列当事人已共同申请司法确认的案件数和被裁定驳回申请的案件数',
  basis: '统计口径：登记时间在所选期间内、位于所选区域内的案件；按调解方式分组时，一个案件用了几种方式就计入几组。',
};

type Counts = Omit<StatsRow, 'key' | 'name' | 'successRate' | 'villageOrBelowShare' | 'avgDaysToClose'>;

const empty = (): Counts => ({
  cases: 0,
  open: 0,
  closed: 0,
  written: 0,
  oral: 0,
  referred: 0,
  closedAt: { grid: 0, village: 0, township: 0, county: 0 },
  escalated: 0,
  highRisk: 0,
  judicialApplied: 0,
  judicialConfirmed: 0,
  judicialRejected: 0,
  daysToCloseTotal: 0,
});

const ratio = (n: number, d: number, digits = 4) => (d === 0 ? null : Math.round((n / d) * 10 ** digits) / 10 ** digits);

function add(c: Counts, r: StatsSourceRow): void {
  c.cases++;
  if (r.escalations > 0) c.escalated++;
  if (r.risk_level === 'high') c.highRisk++;
  if (r.judicial_applied) c.judicialApplied++;
  if (r.judicial_outcome === 'confirmed') c.judicialConfirmed++;
  else if (r.judicial_outcome === 'rejected') c.judicialRejected++;
  if (r.status !== 'closed') {
    c.open++;
    return;
  }
  c.closed++;
  if (r.outcome === 'written') c.written++;
  else if (r.outcome === 'oral') c.oral++;
  else if (r.outcome === 'referred') c.referred++;
  if (r.closed_level) c.closedAt[r.closed_level]++;
  c.daysToCloseTotal += (new Date(r.closed_at!).getTime() - new Date(r.created_at).getTime()) / 86_400_000;
}

function finish(key: string, name: string, c: Counts): StatsRow {
  const total = Math.round(c.daysToCloseTotal * 100) / 100;
  return {
    key,
    name,
    ...c,
    daysToCloseTotal: total,
    successRate: ratio(c.written + c.oral, c.closed),
    villageOrBelowShare: ratio(c.closedAt.grid + c.closedAt.village, c.closed),
    avgDaysToClose: ratio(c.daysToCloseTotal, c.closed, 2),
  };
}

/** The keys a case counts under for a grouping (several for methods). */
function keysOf(r: StatsSourceRow, groupBy: NonNullable<StatsQuery['groupBy']>): string[] {
  switch (groupBy) {
    case 'type':
      return [r.dispute_type];
    case 'level':
      return [r.level];
    case 'method':
      return r.methods.length ? r.methods : ['none'];
    case 'outcome':
      return [r.status === 'closed' ? (r.outcome ?? 'none') : 'unclosed'];
    case 'township':
      return [r.township_code ?? 'none'];
    case 'month':
      return [r.month];
  }
}

/**
 * Counts, success rate, share closed at village level or below, average days to close and the
 * agreements the court confirmed (司法确认), for
 * the cases created in the period in the region, in total and grouped. Every row carries its
 * counts, so each rate can be checked against the case rows.
 */
export async function disputeStats(deps: Deps, actor: Actor, q: StatsQuery): Promise<StatsReport> {
  authorize(actor, 'disputes.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const scopePath = await scopeOf(tx, actor, q.regionCode);
    const rows = await statsSource(tx, { scopePath, from: q.from ? CHINA_DAY_START(q.from) : undefined, to: q.to ? nextDay(q.to) : undefined });
    const total = empty();
    const groups = new Map<string, Counts>();
    for (const r of rows) {
      add(total, r);
      if (!q.groupBy) continue;
      for (const key of keysOf(r, q.groupBy)) {
        if (!groups.has(key)) groups.set(key, empty());
        add(groups.get(key)!, r);
      }
    }
    const names =
      q.groupBy === 'township'
        ? await regionNames(
            tx,
            [...groups.keys()].filter((k) => k !== 'none'),
          )
        : new Map<string, string>();
    const nameOf = (key: string): string => {
      switch (q.groupBy) {
        case 'type':
          return disputeTypeName(key);
        case 'level':
          return LEVEL_NAMES[key as DisputeLevel] ?? key;
        case 'method':
          return MEDIATION_METHODS.find((m) => m.code === key)?.name ?? '未记录';
        case 'outcome':
          return key === 'unclosed' ? '未结案' : (OUTCOME_NAMES[key as keyof typeof OUTCOME_NAMES] ?? key);
        case 'township':
          return names.get(key) ?? '县直';
        default:
          return key;
      }
    };
    return {
      from: q.from ?? null,
      to: q.to ?? null,
      groupBy: q.groupBy ?? null,
      total: finish('total', '合计', total),
      rows: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => finish(k, nameOf(k), c)),
      formulas: STATS_FORMULAS,
    };
  });
}

/**
 * Early warning for a township or the county: people party to 2 or more cases created in the
 * last 12 months, and high-risk cases not yet closed.
 */
export async function disputeWarnings(deps: Deps, actor: Actor, q: WarningsQuery): Promise<Warnings> {
  authorize(actor, 'disputes.read');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const scopePath = await scopeOf(tx, actor, q.regionCode);
    const since = new Date(now.getTime() - 365 * 86_400_000);
    const parties = new Map<string, RepeatParty>();
    for (const r of await repeatPartyRows(tx, { scopePath, since })) {
      const p = parties.get(r.key) ?? { key: r.key, name: r.name, residentId: r.resident_id, caseCount: 0, cases: [] };
      if (!p.cases.some((c) => c.id === r.case_id)) {
        p.cases.push({ id: r.case_id, number: r.number, status: r.status, createdAt: toOffsetIso(r.created_at) });
        p.caseCount = p.cases.length;
      }
      parties.set(r.key, p);
    }
    const high = await listCases(tx, { scopePath, risk: 'high', status: 'active' }, { limit: 500, offset: 0 });
    return {
      repeatParties: [...parties.values()].sort((a, b) => b.caseCount - a.caseCount || a.name.localeCompare(b.name)),
      highRiskOpen: high.rows.map((r) => presentCase(r, now)),
    };
  });
}
