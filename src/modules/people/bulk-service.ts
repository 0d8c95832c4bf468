import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { chinaDate } from '../../platform/time.js';
import { knownTags } from './household-service.js';
import { householdPath } from './place.js';
import { buildResident, duplicateIdError } from './members.js';
import { authorize } from './policy.js';
import type { MemberInput } from './schema.js';
import { insertEvents, insertHouseholds, insertResidents } from './store.js';
import type { HouseholdsTable, ResidentEventsTable, ResidentsTable } from './tables.js';
import type { Insertable } from 'kysely';

export interface BulkHousehold {
  address: string;
  gridCode: string | null;
  building?: string;
  members: MemberInput[];
}

/**
 * Registers many households of one village in one transaction with one audit record (demo
 * generation, imports). Every member goes through the same validation and protection as a
 * single registration; any invalid member refuses the whole batch, naming it.
 */
export async function registerHouseholds(
  deps: Deps,
  actor: Actor,
  villageCode: string,
  households: BulkHousehold[],
  opts: { synthetic?: boolean; source: string },
): Promise<{ households: number; residents: number }> {
  authorize(actor, 'people.edit');
  const now = deps.clock.now();
  const today = chinaDate(now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const tags = await knownTags(tx);
    const villagePath = await householdPath(tx, actor, villageCode, undefined);
    const householdRows: Insertable<HouseholdsTable>[] = [];
    const residentRows: Insertable<ResidentsTable>[] = [];
    const eventRows: Insertable<ResidentEventsTable>[] = [];
    households.forEach((h, i) => {
      const householdId = uuidv7();
      const path = h.gridCode ? `${villagePath}.${h.gridCode}` : villagePath;
      const members = h.members.map((m, j) =>
        buildResident(deps.config, now, m, { field: `households.${i}.members.${j}`, householdId, path, knownTags: tags, synthetic: opts.synthetic }),
      );
      const head = members.find((m) => m.relation === 'head');
      householdRows.push({
        id: householdId,
        village_code: villageCode,
        grid_code: h.gridCode,
        path,
        address: h.address,
        building: h.building ?? null,
        head_resident_id: head?.id ?? null,
        synthetic: opts.synthetic ?? false,
        created_at: now,
        updated_at: now,
      });
      for (const m of members) {
        residentRows.push(m);
        eventRows.push({
          id: uuidv7(),
          resident_id: m.id!,
          household_id: householdId,
          path,
          kind: 'registered',
          occurred_on: today,
          details: null,
          recorded_by: actor.userId,
          recorded_at: now,
        });
      }
    });
    await insertHouseholds(tx, householdRows);
    try {
      await insertResidents(tx, residentRows);
    } catch (err) {
      throw duplicateIdError(err, 'idNumber');
    }
    await insertEvents(tx, eventRows);
    await appendAudit(tx, deps.clock, actor, {
      action: 'household.bulk_register',
      targetType: 'region',
      targetId: villageCode,
      details: { source: opts.source, households: householdRows.length, residents: residentRows.length, synthetic: opts.synthetic ?? false },
    });
    return { households: householdRows.length, residents: residentRows.length };
  });
}
