import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { intakeFixture, registerVillagers, SHANGHUANG, type Intake } from '../cocreation/test-fixtures.js';
import type { Compact, CompactOpinion, PublicCompact } from './compact-schema.js';
import { seedDemoCompacts } from './demo.js';

// The compact demo runs through the services: the demo cadre's village ends with a compact that
// went through every step and was filed, with nothing left unanswered and no legality flag in the
// text in force; the public board shows it without anyone's name.

let f: Intake;
const names = Array.from({ length: 14 }, (_, i) => [`演示户${String(i + 1).padStart(2, '0')}`]);

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000 }), ['village']);
  await registerVillagers(f, 'village', SHANGHUANG, names);
});
afterAll(() => f?.h.close());

describe('the compact demo', () => {
  it('takes the cadre’s village compact through all nine steps to the filing', async () => {
    const progress: number[] = [];
    const s = await seedDemoCompacts(f.h.deps, (done) => progress.push(done));
    expect(s.compacts).toBeGreaterThanOrEqual(1);
    expect(s.ballots).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(10);

    const get = (url: string) => f.h.app.inject({ method: 'GET', url, headers: { cookie: f.cookies['village']! } });
    const [summary] = (await get(`/api/v1/compacts?regionCode=${SHANGHUANG}`)).json() as Compact[];
    const c = (await get(`/api/v1/compacts/${summary!.id}`)).json() as Compact;
    expect(c).toMatchObject({ step: 'filed', filing: { status: 'accepted' }, needs: [], opinions: { unanswered: 0 }, objections: { unanswered: 0 } });
    const completed = c.history.filter((h) => h.action === 'completed').map((h) => h.step);
    expect(completed).toEqual(['deliberation', 'invitation', 'committee', 'draft', 'consultation', 'revision', 'notice', 'vote', 'publication', 'filing']);
    // The first draft's fine was flagged; the version in force has none.
    expect(c.versions[0]!.flags).toBeGreaterThan(0);
    expect(c.versions.at(-1)!.flags).toBe(0);
    expect(c.vote).toMatchObject({ status: 'closed', passed: true });
    expect(c.figures.read).toBe(s.readings);
    const opinions = (await get(`/api/v1/compacts/${c.id}/opinions`)).json() as CompactOpinion[];
    expect(new Set(opinions.map((o) => o.source))).toEqual(new Set(['resident', 'migrant', 'visit']));

    const board = (await f.h.app.inject({ method: 'GET', url: `/api/v1/public/compacts/villages/${SHANGHUANG}` })).json() as PublicCompact[];
    expect(board.map((b) => b.filed)).toEqual([true]);
    expect(JSON.stringify(board)).not.toMatch(/演示户|罚款/);
  });
});
