import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import type { Entry } from './board-schema.js';
import { seedDemoBoards } from './demo.js';
import { intakeFixture, registerVillagers, SHANGHUANG, type Intake } from './test-fixtures.js';

// The demo: in the demo cadre's village, the four councils and two teams with members, a week of
// shifts, and board entries in every state, all through the services on the demo clock.

let f: Intake;
beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000 }), ['village']);
  const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻';
  await registerVillagers(
    f,
    'village',
    SHANGHUANG,
    [...surnames].map((s, i) => [`${s}${i % 2 ? '德' : '明'}${'一二三四五'[i % 5]}`]),
  );
});
afterAll(() => f?.h.close());

describe('boards demo', () => {
  it('seeds councils, teams, shifts and entries in every state', async () => {
    const s = await seedDemoBoards(f.h.deps);
    expect(s).toMatchObject({ bodies: 6, shifts: 7, entries: 7 });
    const res = await f.h.app.inject({ method: 'GET', url: `/api/v1/boards/entries?villageCode=${SHANGHUANG}`, headers: { cookie: f.cookies.village! } });
    const stages = new Set((res.json() as Entry[]).map((e) => e.stage));
    expect([...stages].sort()).toEqual(['expired', 'notified', 'objection', 'proposed', 'published', 'withdrawn']);
    const board = await f.h.app.inject({ method: 'GET', url: `/api/v1/public/boards/villages/${SHANGHUANG}` });
    expect(board.json().entries).toHaveLength(2);
  });
});
