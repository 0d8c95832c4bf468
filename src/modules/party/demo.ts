import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { chinaDate } from '../../platform/time.js';
import { readPartySource, savePartySeed, type PartySeedBatch, type SeedCounts } from './bulk-service.js';
import { planCounty, planVillage, type PlanHousehold, type PlanMember } from './demo-plan.js';

export interface DemoPartySummary extends SeedCounts {
  /** Residents tagged party_member when generation started. */
  tagged: number;
  centralHouseholds: number;
  villages: number;
  seconds: number;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Demo party building for an already generated county (residents exist, ~7% of adults tagged
 * party_member): the organization tree (county committee › township committees › a 大党委 or 党支部
 * per village › compound branches and building groups, or group party groups), every tagged
 * resident enrolled in their village's organization (about one in eight a 党员中心户 linked to ~10
 * nearby households), embedded members with hours in town communities, stewardship down the chain
 * and 90 days of visits covering 60–80% of households. Deterministic for a seed; everything is
 * marked synthetic. One read, then pure planning and one service call per township.
 */
export async function seedDemoParty(
  deps: Deps,
  countyCode: string,
  seed: number,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<DemoPartySummary> {
  const started = Date.now();
  const today = chinaDate(deps.clock.now());
  const source = await readPartySource(deps, SYSTEM_ACTOR, countyCode.padEnd(12, '0'));
  const county = { ...source.county, kind: null };
  const townships = source.regions.filter((r) => r.level === 'township');
  const villages = source.regions.filter((r) => r.level === 'village');
  const households = groupBy(source.households, (h) => h.village_code);
  const members = groupBy(source.members, (m) => m.village_code);
  const label = (regionCode: string) => ({ regionCode, source: `demo seed=${seed}` });

  const totals: SeedCounts = { orgs: 0, members: 0, liaisons: 0, embedded: 0, hours: 0, stewardships: 0, visits: 0 };
  let centralHouseholds = 0;
  const addUp = (c: SeedCounts) => {
    for (const k of Object.keys(totals) as (keyof SeedCounts)[]) totals[k] += c[k];
  };
  addUp(await savePartySeed(deps, SYSTEM_ACTOR, label(county.code), planCounty(county, townships, seed, today)));
  // One service call per township: each statement then carries about a thousand rows.
  let done = 0;
  for (const t of townships) {
    const batch: PartySeedBatch = { orgs: [], members: [], liaisons: [], embedded: [], stewardships: [], visits: [] };
    for (const v of villages.filter((x) => x.parent_code === t.code)) {
      const vh: PlanHousehold[] = (households.get(v.code) ?? []).map((h) => ({
        id: h.id,
        address: h.address,
        path: h.path,
        key: source.keyHouseholds.has(h.id),
      }));
      const vm: PlanMember[] = (members.get(v.code) ?? []).map((m) => ({
        residentId: m.id,
        name: m.name,
        birthDate: m.birth_date,
        householdId: m.household_id,
        path: m.path,
      }));
      const plan = planVillage(v, t.code, vh, vm, seed, today);
      for (const k of Object.keys(batch) as (keyof PartySeedBatch)[]) (batch[k] as unknown[]).push(...plan[k]);
      done += 1;
    }
    centralHouseholds += batch.members.filter((m) => m.centralHousehold).length;
    addUp(await savePartySeed(deps, SYSTEM_ACTOR, label(t.code), batch));
    onProgress(done, villages.length);
  }
  return { ...totals, tagged: source.members.length, centralHouseholds, villages: villages.length, seconds: (Date.now() - started) / 1000 };
}
