import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { isWithin } from '../regions/index.js';
import * as store from './ledger-store.js';
import type {
  Account,
  AdjustBody,
  AwardBody,
  AwardResult,
  CreateRuleBody,
  Entry,
  HolderQuery,
  Leaderboard,
  LeaderboardQuery,
  Rule,
  RuleQuery,
  Statement,
  UpdateRuleBody,
} from './points-schema.js';
import { authorize, inScope } from './policy.js';

// Points (积分): rules per village (or township-/county-wide), awards by rule, adjustments by a cadre
// with a reason, statements by month and the village leaderboard. Every change is an entry in the
// double-entry ledger (one row moves points from a debit to a credit account); a balance is the
// sum of entries, never a stored number. An award comes from the village's issuance account; a
// deduction (a breach of the compact) goes back to it, and may leave a balance below zero — a
// debt the household earns back. Spending (the shop) never overdraws: see shop-service.ts.

export const presentRule = (r: store.RuleRow): Rule => ({
  id: r.id,
  regionCode: r.region_code,
  regionName: r.region_name,
  code: r.code,
  name: r.name,
  points: r.points,
  cadence: r.cadence,
  active: r.active,
});

export const presentAccount = (a: store.AccountRow, balance: number): Account => ({
  id: a.id,
  kind: a.kind,
  villageCode: a.village_code,
  householdId: a.household_id,
  residentId: a.resident_id,
  name: a.name,
  balance,
});

export function presentEntry(e: store.EntryRow): Entry {
  const item = `${e.item_name ?? ''} × ${e.quantity ?? 1}`;
  const description =
    e.kind === 'rule'
      ? (e.rule_name ?? '')
      : e.kind === 'redemption'
        ? `兑换 ${item}`
        : e.kind === 'cancellation'
          ? `撤销兑换 ${item}：${e.reason ?? ''}`
          : `调整：${e.reason ?? ''}`;
  return { id: e.id, bookedOn: e.booked_on, kind: e.kind, points: e.signed, ruleCode: e.rule_code, description, actorName: e.actor_name };
}

/** The region a rule is made for: a village, township or county within the actor's scope. */
async function ruleRegion(tx: Tx, actor: Actor, code: string): Promise<store.RegionRow> {
  const region = await store.findRegion(tx, code.length === 6 ? code.padEnd(12, '0') : code);
  if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
  if (!['village', 'township', 'county'].includes(region.level)) throw invalidField('regionCode', '积分规则应定在村（社区）、乡镇或县一级');
  return region;
}

/** A village in the actor's scope (or, for reading rules, one below the actor's own region). */
export async function villageIn(tx: Tx, actor: Actor, code: string, field = 'villageCode'): Promise<store.RegionRow> {
  const village = await store.findRegion(tx, code);
  if (!village || !inScope(actor, village.path)) throw outOfScope(field, '村（社区）不存在或不在您的管理范围内');
  if (village.level !== 'village') throw invalidField(field, '应为村（社区）');
  return village;
}

export async function listRules(deps: Deps, actor: Actor, q: RuleQuery): Promise<Rule[]> {
  authorize(actor, 'points.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    if (q.villageCode) {
      const village = await villageIn(tx, actor, q.villageCode);
      return (await store.rulesFor(tx, village.path, q.includeInactive ?? false)).map(presentRule);
    }
    const rows = await store.rulesWithin(tx, actor.scopePath);
    return rows.filter((r) => q.includeInactive || r.active).map(presentRule);
  });
}

export async function createRule(deps: Deps, actor: Actor, body: CreateRuleBody): Promise<Rule> {
  authorize(actor, 'points.edit');
  if (body.points === 0) throw invalidField('points', '分值不能为 0');
  const now = deps.clock.now();
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const region = await ruleRegion(tx, actor, body.regionCode);
      const id = uuidv7();
      await store.insertRule(tx, {
        id,
        region_code: region.code,
        path: region.path,
        code: body.code,
        name: body.name.trim(),
        points: body.points,
        cadence: body.cadence,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      const saved = presentRule((await store.findRule(tx, id))!);
      await appendAudit(tx, deps.clock, actor, { action: 'points.rule.create', targetType: 'points_rule', targetId: id, after: saved });
      return saved;
    });
  } catch (err) {
    throw duplicateAs(err, 'code', '本区划已有同代码的积分规则');
  }
}

/**
 * Renames, re-values, retires or brings back a rule. Past entries keep the points they were given;
 * they read by the rule's name, so a rule that scored anyone keeps its name (retire it and make a
 * new one instead) — a new value applies from the next award on.
 */
export async function updateRule(deps: Deps, actor: Actor, id: string, body: UpdateRuleBody): Promise<Rule> {
  authorize(actor, 'points.edit');
  if (body.points === 0) throw invalidField('points', '分值不能为 0');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await store.findRule(tx, id);
    if (!before || !inScope(actor, before.path)) throw notFound('积分规则', id);
    if (body.name !== undefined && body.name.trim() !== before.name && (await store.ruleUsed(tx, id)))
      throw invalidField('name', '该规则已有积分记录，名称不能再改（已记的积分按名称说明来由）；请停用本规则，再新建一条');
    await store.updateRule(tx, id, { name: body.name?.trim(), points: body.points, active: body.active, updated_at: deps.clock.now() });
    const after = presentRule((await store.findRule(tx, id))!);
    await appendAudit(tx, deps.clock, actor, { action: 'points.rule.update', targetType: 'points_rule', targetId: id, before: presentRule(before), after });
    return after;
  });
}

/** Exactly one of householdId / residentId, as a registry holder in the actor's scope. */
async function holderIn(tx: Tx, actor: Actor, h: HolderQuery): Promise<{ kind: 'household' | 'resident'; row: store.HolderRow }> {
  if (!!h.householdId === !!h.residentId) throw invalidField('householdId', '请指定一户（householdId）或一名居民（residentId），二者选一');
  const field = h.householdId ? 'householdId' : 'residentId';
  const row = h.householdId ? await store.findHousehold(tx, h.householdId) : await store.findResident(tx, h.residentId!);
  if (!row || !inScope(actor, row.path)) throw outOfScope(field, h.householdId ? '户不存在或不在您的管理范围内' : '居民不存在或不在您的管理范围内');
  return { kind: h.householdId ? 'household' : 'resident', row };
}

/** The holder's account, opened when first needed, and the village's house account of a kind. */
export async function openAccounts(tx: Tx, kind: 'household' | 'resident', row: store.HolderRow, house: 'issuance' | 'shop', now: Date) {
  const member = await store.ensureAccount(tx, {
    id: uuidv7(),
    kind,
    village_code: row.village_code,
    path: row.path,
    household_id: kind === 'household' ? row.id : null,
    resident_id: kind === 'resident' ? row.id : null,
    now,
  });
  const village = await store.findRegion(tx, row.village_code);
  const houseId = await store.ensureAccount(tx, { id: uuidv7(), kind: house, village_code: row.village_code, path: village!.path, now });
  return { member, house: houseId };
}

/** Awards (or deducts) a rule's points to a household or person; a monthly rule at most once a month. */
export async function awardByRule(deps: Deps, actor: Actor, body: AwardBody): Promise<AwardResult> {
  authorize(actor, 'points.edit');
  const now = deps.clock.now();
  const bookedOn = body.bookedOn ?? chinaDate(now);
  if (bookedOn > chinaDate(now)) throw invalidField('bookedOn', '不能晚于今天');
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const { kind, row } = await holderIn(tx, actor, body);
      const rule = await store.findRule(tx, body.ruleId);
      const village = await store.findRegion(tx, row.village_code);
      if (!rule || !isWithin(village!.path, rule.path)) throw invalidField('ruleId', '积分规则不存在或不适用于本村（社区）');
      if (!rule.active) throw invalidField('ruleId', '该积分规则已停用');
      if (row.status !== 'active') throw invalidField(kind === 'household' ? 'householdId' : 'residentId', '该户已注销或该居民已迁出、去世');
      const accounts = await openAccounts(tx, kind, row, 'issuance', now);
      const id = uuidv7();
      const period = rule.cadence === 'monthly' ? bookedOn.slice(0, 7) : rule.cadence === 'once' ? 'once' : id;
      const gain = rule.points > 0;
      await store.insertEntry(tx, {
        id,
        village_code: row.village_code,
        path: row.path,
        account_id: accounts.member,
        debit_account: gain ? accounts.house : accounts.member,
        credit_account: gain ? accounts.member : accounts.house,
        amount: Math.abs(rule.points),
        kind: 'rule',
        rule_id: rule.id,
        period,
        booked_on: bookedOn,
        created_by: actor.userId,
        actor_name: actor.displayName,
        created_at: now,
      });
      const result = await entryResult(tx, accounts.member, id, bookedOn);
      await appendAudit(tx, deps.clock, actor, {
        action: 'points.award',
        targetType: 'points_entry',
        targetId: id,
        after: { accountId: accounts.member, ruleCode: rule.code, points: rule.points, bookedOn, balance: result.account.balance },
      });
      return result;
    });
  } catch (err) {
    throw duplicateAs(err, 'ruleId', '该规则每月只计一次（或仅计一次），本月已计过');
  }
}

async function entryResult(tx: Tx, accountId: string, entryId: string, bookedOn: string): Promise<AwardResult> {
  const account = await store.findAccount(tx, accountId);
  const next = nextDay(bookedOn);
  const entry = (await store.entriesOf(tx, accountId, bookedOn, next)).find((e) => e.id === entryId)!;
  return { account: presentAccount(account!, await store.balanceOf(tx, accountId)), entry: presentEntry(entry) };
}

/** A cadre's adjustment outside the rules (a correction, a decision of the village meeting), with a reason. */
export async function adjustPoints(deps: Deps, actor: Actor, body: AdjustBody): Promise<AwardResult> {
  authorize(actor, 'points.edit');
  const reason = body.reason.trim();
  if (reason.length < 2) throw invalidField('reason', '调整积分必须写明理由（至少 2 个字）');
  if (body.points === 0) throw invalidField('points', '调整分值不能为 0');
  const now = deps.clock.now();
  const bookedOn = chinaDate(now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const { kind, row } = await holderIn(tx, actor, body);
    const accounts = await openAccounts(tx, kind, row, 'issuance', now);
    const id = uuidv7();
    const gain = body.points > 0;
    await store.insertEntry(tx, {
      id,
      village_code: row.village_code,
      path: row.path,
      account_id: accounts.member,
      debit_account: gain ? accounts.house : accounts.member,
      credit_account: gain ? accounts.member : accounts.house,
      amount: Math.abs(body.points),
      kind: 'adjustment',
      reason,
      booked_on: bookedOn,
      created_by: actor.userId,
      actor_name: actor.displayName,
      created_at: now,
    });
    const result = await entryResult(tx, accounts.member, id, bookedOn);
    await appendAudit(tx, deps.clock, actor, {
      action: 'points.adjust',
      targetType: 'points_entry',
      targetId: id,
      after: { accountId: accounts.member, points: body.points, reason, balance: result.account.balance },
    });
    return result;
  });
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

/** The month's statement: opening balance, each entry, points earned and spent, closing balance. */
export async function statementFor(tx: Tx, account: store.AccountRow, month: string): Promise<Statement> {
  const from = `${month}-01`;
  const to = `${nextMonth(month)}-01`;
  const opening = await store.balanceOf(tx, account.id, from);
  const entries = (await store.entriesOf(tx, account.id, from, to)).map(presentEntry);
  // A cancelled redemption gives its points back: it lowers what was spent, it is not earned.
  const returned = entries.filter((e) => e.kind === 'cancellation').reduce((s, e) => s + e.points, 0);
  const earned = entries.filter((e) => e.points > 0 && e.kind !== 'cancellation').reduce((s, e) => s + e.points, 0);
  const spent = -entries.filter((e) => e.points < 0).reduce((s, e) => s + e.points, 0) - returned;
  const closing = opening + earned - spent;
  return { account: presentAccount(account, await store.balanceOf(tx, account.id)), month, opening, earned, spent, closing, entries };
}

export async function accountStatement(deps: Deps, actor: Actor, holder: HolderQuery, month: string | undefined): Promise<Statement> {
  authorize(actor, 'points.read');
  const m = month ?? chinaDate(deps.clock.now()).slice(0, 7);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const { kind, row } = await holderIn(tx, actor, holder);
    const account = await store.findHolderAccount(tx, holder);
    if (!account) {
      const empty = {
        id: '',
        kind,
        village_code: row.village_code,
        path: row.path,
        household_id: holder.householdId ?? null,
        resident_id: holder.residentId ?? null,
        name: row.name,
      };
      return { account: presentAccount(empty, 0), month: m, opening: 0, earned: 0, spent: 0, closing: 0, entries: [] };
    }
    return statementFor(tx, account, m);
  });
}

/** The leaderboard's period: as asked, by default this year to today (China time). */
export function leaderboardPeriod(q: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const today = chinaDate(now);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw invalidField('from', '开始日期不能晚于结束日期');
  return { from, to };
}

/** Households of a village by points earned over a period (default: this year to today). */
export async function leaderboard(deps: Deps, actor: Actor, q: LeaderboardQuery): Promise<Leaderboard> {
  authorize(actor, 'points.read');
  const { from, to } = leaderboardPeriod(q, deps.clock.now());
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await villageIn(tx, actor, q.villageCode);
    const rows = await store.leaders(tx, village.code, from, to, q.limit);
    return {
      villageCode: village.code,
      from,
      to,
      rows: rows.map((r, i) => ({ rank: i + 1, accountId: r.account_id, householdId: r.household_id, name: r.name, points: r.points })),
    };
  });
}

/** The refusal when a balance is smaller than what is to be spent. */
export function insufficient(field: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('INSUFFICIENT_BALANCE', `${field}: ${message}`, { field, reason: message, ...details });
}
