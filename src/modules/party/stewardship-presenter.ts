import { toOffsetIso } from '../../platform/time.js';
import type { Stewardship, StewardshipLevel, UnvisitedHousehold, Visit, VisitKind } from './stewardship-schema.js';
import type { StewardshipRow, UnvisitedRow, VisitRow } from './stewardship-store.js';

/** An assignment is active on `today` unless it ended before. */
export function presentStewardship(s: StewardshipRow, today: string): Stewardship {
  return {
    id: s.id,
    level: s.level as StewardshipLevel,
    leaderUserId: s.leader_user_id,
    leaderName: s.leader_name,
    leaderTitle: s.leader_title,
    targetRegionCode: s.target_region_code,
    targetHouseholdId: s.target_household_id,
    targetName: s.target_name,
    regionCode: s.region_code,
    startedOn: s.started_on,
    endedOn: s.ended_on,
    note: s.note,
    active: s.started_on <= today && (s.ended_on === null || s.ended_on >= today),
    synthetic: s.synthetic,
  };
}

export function presentVisit(v: VisitRow): Visit {
  return {
    id: v.id,
    kind: v.kind as VisitKind,
    visitedOn: v.visited_on,
    visitorUserId: v.visitor_user_id,
    visitorName: v.visitor_name,
    stewardshipId: v.stewardship_id,
    householdId: v.household_id,
    householdAddress: v.household_address,
    regionCode: v.region_code,
    regionName: v.region_name,
    notes: v.notes,
    followUp: v.follow_up,
    followUpDone: v.follow_up_done,
    synthetic: v.synthetic,
    createdAt: toOffsetIso(v.created_at),
  };
}

export function presentUnvisited(h: UnvisitedRow): UnvisitedHousehold {
  return {
    householdId: h.id,
    address: h.address,
    villageCode: h.village_code,
    villageName: h.village_name,
    headName: h.head_name,
    lastVisitedOn: h.last_visited_on,
    synthetic: h.synthetic,
  };
}
