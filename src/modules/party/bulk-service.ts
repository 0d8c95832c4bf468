import type { Insertable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { findRegionForUpdate } from '../regions/service.js';
import {
  countOrgsUnder,
  bulkInsert,
  orgsByCode,
  readHouseholdsUnder,
  readKeyHouseholdIds,
  readRegionsUnder,
  readTaggedPartyMembers,
  type SourceHousehold,
  type SourceMember,
  type SourceRegion,
} from './bulk-store.js';
import { parentProblem } from './org-rules.js';
import { authorize, authorizeAssign } from './policy.js';
import type { LiaisonKind, MemberStatus, PartyOrgKind } from './schema.js';
import type { StewardshipLevel, VisitKind } from './stewardship-schema.js';
import type { EmbeddedServiceHoursTable, PartyLiaisonsTable, PartyMembersTable, StewardshipsTable, VisitsTable } from './tables.js';

// Seeds reference each other by stable keys (organization codes, resident and household ids,
// stewardship keys), so a plan is plain data, deterministic for a seed, and ids are made here.

export interface OrgSeed {
  code: string;
  name: string;
  kind: PartyOrgKind;
  parentCode: string | null;
  regionCode: string;
  path: string;
}
export interface MemberSeed {
  residentId: string;
  path: string;
  orgCode: string;
  status: MemberStatus;
  joinedOn: string;
  centralHousehold: boolean;
}
export interface LiaisonSeed {
  kind: LiaisonKind;
  memberResidentId: string;
  householdId: string;
  path: string;
  startedOn: string;
}
export interface EmbeddedSeed {
  name: string;
  workUnit: string;
  position: string;
  villageCode: string;
  path: string;
  reportedOn: string;
  hours: { servedOn: string; hours: number; activity: string }[];
}
export interface StewardshipSeed {
  key: string;
  level: StewardshipLevel;
  /** The target region, or the household's village. */
  regionCode: string;
  leaderName: string;
  leaderTitle: string;
  targetRegionCode: string | null;
  targetHouseholdId: string | null;
  path: string;
  startedOn: string;
}
export interface VisitSeed {
  kind: VisitKind;
  visitedOn: string;
  visitorName: string;
  stewardshipKey: string | null;
  householdId: string | null;
  regionCode: string;
  path: string;
  notes: string | null;
  followUp: string | null;
  followUpDone: boolean;
}
export interface PartySeedBatch {
  orgs: OrgSeed[];
  members: MemberSeed[];
  liaisons: LiaisonSeed[];
  embedded: EmbeddedSeed[];
  stewardships: StewardshipSeed[];
  visits: VisitSeed[];
}

export interface DemoSourceData {
  county: { code: string; name: string; path: string };
  regions: SourceRegion[];
  households: SourceHousehold[];
  /** Households with a member who lives alone, is left behind, or receives assistance. */
  keyHouseholds: Set<string>;
  members: SourceMember[];
}

/** What demo generation reads: the county, its households and its residents tagged 党员. Refuses a county that already has organizations. */
export async function readPartySource(deps: Deps, actor: Actor, countyCode: string): Promise<DemoSourceData> {
  authorize(actor, 'party.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const county = await findRegionForUpdate(tx, countyCode);
    if (!county || county.level !== 'county') throw new AppError('NOT_FOUND', `县 ${countyCode} 未加载`, { countyCode });
    if ((await countOrgsUnder(tx, county.path)) > 0) {
      throw new AppError('CONFLICT', `县 ${county.name} 已有党组织数据，不能重复生成演示数据`, { countyCode });
    }
    return {
      county,
      regions: await readRegionsUnder(tx, county.path),
      households: await readHouseholdsUnder(tx, county.path),
      keyHouseholds: await readKeyHouseholdIds(tx, county.path),
      members: await readTaggedPartyMembers(tx, county.path),
    };
  });
}

export interface SeedCounts {
  orgs: number;
  members: number;
  liaisons: number;
  embedded: number;
  hours: number;
  stewardships: number;
  visits: number;
}

/**
 * Saves one batch (the county's upper organizations, or one township's villages) in one
 * transaction with one audit record, marked synthetic. Organizations' parents may be in this
 * batch or already saved; kinds are checked against their parents. For trusted generators (the
 * demo): rows are not checked one by one the way the single-record services check them.
 */
export async function savePartySeed(deps: Deps, actor: Actor, label: { regionCode: string; source: string }, batch: PartySeedBatch): Promise<SeedCounts> {
  authorize(actor, 'party.edit');
  authorizeAssign(actor);
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const outside = batch.orgs.map((o) => o.parentCode).filter((c): c is string => !!c && !batch.orgs.some((o) => o.code === c));
    const orgs = await orgsByCode(tx, [...new Set(outside)]);
    for (const o of batch.orgs) {
      const parent = o.parentCode ? orgs.get(o.parentCode) : undefined;
      if (o.parentCode && !parent) throw new AppError('VALIDATION_FAILED', `${o.code}: 上级党组织 ${o.parentCode} 不存在`, { field: 'orgs' });
      const problem = parentProblem(o.kind, (parent?.kind as PartyOrgKind | undefined) ?? null);
      if (problem) throw new AppError('VALIDATION_FAILED', `${o.code}: ${problem}`, { field: 'orgs' });
      orgs.set(o.code, { id: uuidv7(), kind: o.kind });
    }
    const orgIds = new Map([...orgs].map(([code, o]) => [code, o.id]));
    await bulkInsert(
      tx,
      'party_orgs',
      batch.orgs.map((o) => ({
        id: orgIds.get(o.code)!,
        code: o.code,
        name: o.name,
        kind: o.kind,
        parent_id: o.parentCode ? orgIds.get(o.parentCode)! : null,
        region_code: o.regionCode,
        path: o.path,
        synthetic: true,
        created_at: now,
        updated_at: now,
      })),
    );
    const memberIds = new Map<string, string>();
    const members: Insertable<PartyMembersTable>[] = batch.members.map((m) => {
      const id = uuidv7();
      memberIds.set(m.residentId, id);
      const org = orgIds.get(m.orgCode);
      if (!org) throw new AppError('VALIDATION_FAILED', `${m.orgCode}: 党组织不存在`, { field: 'members' });
      return {
        id,
        org_id: org,
        resident_id: m.residentId,
        path: m.path,
        status: m.status,
        joined_on: m.joinedOn,
        central_household: m.centralHousehold,
        synthetic: true,
        created_at: now,
        updated_at: now,
      };
    });
    await bulkInsert(tx, 'party_members', members);
    const liaisons: Insertable<PartyLiaisonsTable>[] = batch.liaisons.map((l) => ({
      id: uuidv7(),
      kind: l.kind,
      member_id: memberIds.get(l.memberResidentId)!,
      head_resident_id: null,
      household_id: l.householdId,
      path: l.path,
      started_on: l.startedOn,
      ended_on: null,
      synthetic: true,
      created_at: now,
    }));
    await bulkInsert(tx, 'party_liaisons', liaisons);
    const hours: Insertable<EmbeddedServiceHoursTable>[] = [];
    const embedded = batch.embedded.map((e) => {
      const id = uuidv7();
      for (const s of e.hours) {
        hours.push({
          id: uuidv7(),
          embedded_member_id: id,
          path: e.path,
          served_on: s.servedOn,
          hours: s.hours,
          activity: s.activity,
          synthetic: true,
          created_by: null,
          created_at: now,
        });
      }
      return {
        id,
        name: e.name,
        work_unit: e.workUnit,
        position: e.position,
        village_code: e.villageCode,
        path: e.path,
        reported_on: e.reportedOn,
        synthetic: true,
        created_at: now,
      };
    });
    await bulkInsert(tx, 'embedded_members', embedded);
    await bulkInsert(tx, 'embedded_service_hours', hours);
    const stewardshipIds = new Map<string, string>();
    const stewardships: Insertable<StewardshipsTable>[] = batch.stewardships.map((s) => {
      const id = uuidv7();
      stewardshipIds.set(s.key, id);
      return {
        id,
        level: s.level,
        leader_user_id: null,
        leader_name: s.leaderName,
        leader_title: s.leaderTitle,
        target_region_code: s.targetRegionCode,
        target_household_id: s.targetHouseholdId,
        region_code: s.regionCode,
        path: s.path,
        started_on: s.startedOn,
        ended_on: null,
        note: null,
        synthetic: true,
        created_by: null,
        created_at: now,
      };
    });
    await bulkInsert(tx, 'stewardships', stewardships);
    const visits: Insertable<VisitsTable>[] = batch.visits.map((v) => ({
      id: uuidv7(),
      kind: v.kind,
      visited_on: v.visitedOn,
      visitor_user_id: null,
      visitor_name: v.visitorName,
      stewardship_id: v.stewardshipKey ? (stewardshipIds.get(v.stewardshipKey) ?? null) : null,
      household_id: v.householdId,
      region_code: v.regionCode,
      path: v.path,
      notes: v.notes,
      follow_up: v.followUp,
      follow_up_done: v.followUpDone,
      follow_up_done_at: v.followUpDone ? now : null,
      synthetic: true,
      created_by: null,
      created_at: now,
    }));
    await bulkInsert(tx, 'visits', visits);
    const counts: SeedCounts = {
      orgs: batch.orgs.length,
      members: members.length,
      liaisons: liaisons.length,
      embedded: embedded.length,
      hours: hours.length,
      stewardships: stewardships.length,
      visits: visits.length,
    };
    await appendAudit(tx, deps.clock, actor, {
      action: 'party.bulk_seed',
      targetType: 'region',
      targetId: label.regionCode,
      details: { source: label.source, synthetic: true, ...counts },
    });
    return counts;
  });
}
