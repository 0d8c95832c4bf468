import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { seedDemoDisputes } from './demo.js';
import { disputeStats } from './stats-service.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

describe('demo disputes', () => {
  it('plays a plausible season through the services, all marked synthetic', async () => {
    const s = await seedDemoDisputes(h.deps, '522631', { seed: 7, count: 40, days: 120 });
    expect(s.cases).toBe(40);
    const rows = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => tx.selectFrom('dispute_cases').select(['synthetic', 'status', 'closed_level']).execute());
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.synthetic)).toBe(true);
    const stats = await disputeStats(h.deps, SYSTEM_ACTOR, { groupBy: 'type' });
    expect(stats.total.closed).toBeGreaterThan(20);
    expect(stats.total.successRate!).toBeGreaterThan(0.75);
    expect(stats.total.villageOrBelowShare!).toBeGreaterThan(0.5);
    expect(stats.rows.find((r) => r.key === '1201')!.cases).toBeGreaterThan(5);
    const mediators = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => tx.selectFrom('mediators').select('synthetic').execute());
    expect(mediators.length).toBeGreaterThan(10);
    expect(mediators.every((m) => m.synthetic)).toBe(true);
    // Some written agreements went to the court for 司法确认, with the parties' particulars in place.
    const judicial = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('dispute_agreements').select(['judicial_applied_on', 'judicial_outcome']).where('kind', '=', 'written').execute(),
    );
    expect(judicial.some((a) => a.judicial_applied_on !== null)).toBe(true);
    const particulars = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx
        .selectFrom('dispute_parties as p')
        .innerJoin('dispute_agreements as a', 'a.case_id', 'p.case_id')
        .select(['p.sex', 'p.age', 'p.ethnicity', 'p.occupation', 'p.address'])
        .where('a.kind', '=', 'written')
        .execute(),
    );
    expect(particulars.length).toBeGreaterThan(0);
    expect(particulars.every((p) => p.sex && p.age !== null && p.ethnicity && p.occupation && p.address)).toBe(true);
    // A season of cases through every service takes a while on a shared two-core machine.
  }, 180_000);
});
