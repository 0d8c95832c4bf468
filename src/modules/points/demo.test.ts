import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { intakeFixture, registerVillagers, SHANGHUANG, type Intake } from './test-fixtures.js';
import { seedDemoPoints } from './demo.js';
import { verifyPoints } from './verify-service.js';

// The points demo runs through the services: awards, an adjustment, a breach, the shop with
// redemptions handed over and one cancelled, and confirmed volunteer hours — and every balance and
// the stock still add up from their entries afterwards.

let f: Intake;

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000 }), ['village']);
  await registerVillagers(
    f,
    'village',
    SHANGHUANG,
    Array.from({ length: 12 }, (_, i) => [`积分户${String(i + 1).padStart(2, '0')}`]),
  );
});
afterAll(() => f?.h.close());

describe('the points demo', () => {
  it('fills ledger, shop and time bank, and verifies', async () => {
    const s = await seedDemoPoints(f.h.deps);
    expect(s.entries).toBeGreaterThan(30);
    expect(s.redemptions).toBeGreaterThan(3);
    expect(s.hours).toBe(12);
    const q = async (text: string) => Number(((await f.h.database.admin.query(text)).rows[0] as { n: number }).n);
    expect(await q(`SELECT count(*)::int AS n FROM points_entries WHERE kind = 'cancellation'`)).toBe(1);
    expect(await q(`SELECT count(*)::int AS n FROM points_entries WHERE kind = 'adjustment'`)).toBe(1);
    expect(await q(`SELECT count(*)::int AS n FROM timebank_hours WHERE confirmed_at IS NOT NULL`)).toBe(10);
    const v = await verifyPoints(f.h.deps);
    expect(v).toMatchObject({ ok: true });
  });
});
