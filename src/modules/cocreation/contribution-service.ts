import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { authorize } from './policy.js';
import type { ContributionBody, ProjectDetail, VoidContributionBody } from './project-schema.js';
import { assertOpen, presentContribution, projectInScope, savedProject } from './project-service.js';
import * as store from './project-store.js';

// 投工投劳 / 筹资 / 让地让利: the contributions ledger. Each entry names a registry household of
// the project's village. money: amount and receipt number; labour: days, valued at the project's
// daily wage; land: area, what was given, an optional value; materials: what was given and its
// value. An entry is never edited: a wrong one is voided with a reason and stops counting.

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The entry's columns by kind, or a refusal naming the missing field. */
function entryOf(body: ContributionBody, wage: number) {
  const description = body.description?.trim() || null;
  switch (body.kind) {
    case 'money': {
      if (body.amount === undefined || body.amount <= 0) throw invalidField('amount', '请填写筹资金额（元）');
      if (!body.receiptNo?.trim()) throw invalidField('receiptNo', '群众筹资须填写收据编号');
      return { amount: round2(body.amount), receipt_no: body.receiptNo.trim(), value_yuan: round2(body.amount), description };
    }
    case 'labour': {
      if (body.labourDays === undefined || body.labourDays <= 0) throw invalidField('labourDays', '请填写投工天数');
      if (Math.round(body.labourDays * 10) !== body.labourDays * 10) throw invalidField('labourDays', '投工天数最多一位小数（半天记 0.5）');
      return { labour_days: body.labourDays, value_yuan: round2(body.labourDays * wage), description };
    }
    case 'land': {
      if (body.areaM2 === undefined || body.areaM2 <= 0) throw invalidField('areaM2', '请填写让出的面积（平方米）');
      if (!description) throw invalidField('description', '请写明让出的是什么（如：承包地、宅旁空地）');
      return { area_m2: round2(body.areaM2), value_yuan: round2(body.value ?? 0), description };
    }
    case 'materials': {
      if (!description) throw invalidField('description', '请写明捐出的材料');
      if (body.value === undefined || body.value <= 0) throw invalidField('value', '请填写材料折价（元）');
      return { value_yuan: round2(body.value), description };
    }
  }
}

/** Records one entry in the ledger. */
export async function addContribution(deps: Deps, actor: Actor, projectId: string, body: ContributionBody): Promise<ProjectDetail> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  if (body.contributedOn > chinaDate(now)) throw invalidField('contributedOn', '日期不能晚于今天');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const p = await projectInScope(tx, actor, projectId, true);
    assertOpen(p, 'kind');
    const household = await store.findHousehold(tx, body.householdId);
    if (!household || household.village_code !== p.region_code) throw invalidField('householdId', '该户不是本村登记的户，不能记入本项目');
    if (household.status !== 'active') throw invalidField('householdId', '该户已注销');
    const entry = entryOf(body, Number(p.labour_day_wage));
    if (entry.receipt_no && (await store.receiptTaken(tx, projectId, entry.receipt_no))) throw invalidField('receiptNo', '该收据编号已登记过');
    const id = uuidv7();
    await store.insertContribution(tx, {
      id,
      project_id: projectId,
      path: p.path,
      household_id: household.id,
      kind: body.kind,
      contributed_on: body.contributedOn,
      recorded_by: actor.userId,
      recorded_at: now,
      ...entry,
    });
    const after = presentContribution((await store.findContribution(tx, id))!);
    return savedProject(deps, tx, actor, projectId, 'cocreation.contribution.add', null, after);
  });
}

/** Voids an entry with a reason: it stays in the ledger, marked, and no longer counts. */
export async function voidContribution(deps: Deps, actor: Actor, projectId: string, id: string, body: VoidContributionBody): Promise<ProjectDetail> {
  authorize(actor, 'cocreation.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const p = await projectInScope(tx, actor, projectId, true);
    const before = await store.findContribution(tx, id);
    if (!before || before.project_id !== p.id) throw notFound('登记记录', id);
    if (before.voided_at) throw invalidField('reason', '这条记录已作废');
    if (!body.reason.trim()) throw invalidField('reason', '请写明作废原因');
    await store.voidContribution(tx, id, { voided_at: deps.clock.now(), voided_by: actor.userId, void_reason: body.reason.trim() });
    const after = presentContribution((await store.findContribution(tx, id))!);
    return savedProject(deps, tx, actor, projectId, 'cocreation.contribution.void', presentContribution(before), after);
  });
}
