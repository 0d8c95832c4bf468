import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { alreadyExists, invalidField, notFound } from '../../platform/errors.js';
import { authorize } from './policy.js';
import type { CareMemberBody, ProjectDetail } from './project-schema.js';
import { projectInScope, savedProject } from './project-service.js';
import * as store from './project-store.js';

// 建设共管: after completion a care team (管护小组) of residents of the village keeps the project
// up. Each member has a duty and a turn on the roster (每月第一周…); the team has one leader.

/** Adds a resident of the village to the care team; a new leader replaces the old one. */
export async function addCareMember(deps: Deps, actor: Actor, projectId: string, body: CareMemberBody): Promise<ProjectDetail> {
  authorize(actor, 'cocreation.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const p = await projectInScope(tx, actor, projectId, true);
    if (p.status !== 'completed') throw invalidField('residentId', '项目竣工后才能组建管护小组');
    const resident = await store.findResident(tx, body.residentId);
    if (!resident || resident.village_code !== p.region_code) throw invalidField('residentId', '该居民不是本村登记人口');
    if (resident.status !== 'active') throw invalidField('residentId', '该居民已迁出或已故');
    const team = await store.listCareMembers(tx, projectId);
    if (team.some((m) => m.resident_id === resident.id)) throw alreadyExists('residentId', '该居民已在管护小组中');
    const oldLeader = body.isLeader ? team.find((m) => m.is_leader) : undefined;
    if (oldLeader) await store.clearCareLeader(tx, projectId);
    const id = uuidv7();
    const row = {
      id,
      project_id: projectId,
      path: p.path,
      resident_id: resident.id,
      name: resident.name,
      duty: body.duty.trim(),
      roster: body.roster?.trim() || null,
      is_leader: body.isLeader ?? false,
    };
    await store.insertCareMember(tx, row);
    const before = oldLeader ? { leader: { id: oldLeader.id, name: oldLeader.name } } : null;
    return savedProject(deps, tx, actor, projectId, 'cocreation.care.add', before, {
      memberId: id,
      residentId: resident.id,
      duty: row.duty,
      roster: row.roster,
      isLeader: row.is_leader,
    });
  });
}

export async function removeCareMember(deps: Deps, actor: Actor, projectId: string, memberId: string): Promise<ProjectDetail> {
  authorize(actor, 'cocreation.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await projectInScope(tx, actor, projectId, true);
    const m = await store.findCareMember(tx, projectId, memberId);
    if (!m) throw notFound('管护小组成员', memberId);
    await store.deleteCareMember(tx, memberId);
    const before = { memberId: m.id, residentId: m.resident_id, name: m.name, duty: m.duty, roster: m.roster, isLeader: m.is_leader };
    return savedProject(deps, tx, actor, projectId, 'cocreation.care.remove', before, null);
  });
}
