import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { COUNT_CAP } from './store.js';
import { CHANGCHUN, client, intakeFixture, pointIn, SHANGHUANG, type Intake } from './test-fixtures.js';

// The work-order list at a county's size: search by words on an index, totals counted up to a
// cap, and keyset pages that cover every row once.

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;
const numbers: Record<string, string> = {};

const report = async (key: string, village: string, description: string) => {
  const res = await api.post('/api/v1/public/requests', undefined, {
    description,
    ...pointIn(f.grids.find((g) => g.villageCode === village)!),
    privacyAcknowledged: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  numbers[key] = res.json().number;
};

const list = async (query: string, who = 'county') => {
  const res = await api.get(`/api/v1/work-orders?${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; number: string; createdAt: string }[]; total: number; totalCapped: boolean; next: string | null };
};

beforeAll(async () => {
  h = await createHarness();
  f = await intakeFixture(h, ['county', 'township']);
  api = client(h, f.cookies);
  await report('lamp', SHANGHUANG, '上黄村口的路灯不亮了，已经三天，晚上走路看不见');
  await report('pole', CHANGCHUN, '长春村小学门前的路灯杆被车撞歪了，随时会倒');
  await report('bin', SHANGHUANG, '垃圾池满了好几天没人清运，LED 屏也坏了');
});
afterAll(() => h?.close());

describe('search by words', () => {
  it('finds a two-character word, a longer phrase, one character, a part of the number and a Latin word', async () => {
    const found = async (q: string) => (await list(`q=${encodeURIComponent(q)}`)).items.map((i) => i.number).sort();
    expect(await found('路灯')).toEqual([numbers.lamp, numbers.pole].sort());
    expect(await found('路灯不亮')).toEqual([numbers.lamp]);
    expect(await found('路灯 撞歪')).toEqual([numbers.pole]);
    expect(await found('灯')).toEqual([numbers.lamp, numbers.pole].sort());
    expect(await found(numbers.bin!.slice(-5))).toEqual([numbers.bin]);
    expect(await found(numbers.pole!)).toEqual([numbers.pole]);
    expect(await found('led')).toEqual([numbers.bin]);
    expect(await found('路灯坏')).toEqual([]);
  });

  it('takes what a person types literally: punctuation alone or wildcards find nothing and break nothing', async () => {
    for (const q of ['，，', '%', '_', "'; --"]) expect((await list(`q=${encodeURIComponent(q)}`)).items).toEqual([]);
  });

  it('keeps to the searcher’s scope', async () => {
    const township = await list(`q=${encodeURIComponent('路灯')}`, 'township');
    expect(township.items.length).toBe(2); // both villages are in 中潮镇
    await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => sql`UPDATE work_orders SET path = 'x'::ltree || path WHERE number = ${numbers.pole}`.execute(tx));
    try {
      expect((await list(`q=${encodeURIComponent('路灯')}`, 'township')).items.map((i) => i.number)).toEqual([numbers.lamp]);
    } finally {
      await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => sql`UPDATE work_orders SET path = subpath(path, 1) WHERE number = ${numbers.pole}`.execute(tx));
    }
  });
});

describe('totals and pages at a county’s size', () => {
  let exact = 0;
  beforeAll(async () => {
    // 1,100 more orders, copies of one with their own ids, numbers and times a minute apart.
    const { rows: columns } = await h.database.admin.query(
      `SELECT attname FROM pg_attribute WHERE attrelid = 'work_orders'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`,
    );
    const names = columns.map((c) => String(c.attname)).join(', ');
    await h.database.admin.query(
      `INSERT INTO work_orders (${names})
       SELECT ${names} FROM (SELECT (jsonb_populate_record(NULL::work_orders, to_jsonb(o) || jsonb_build_object(
         'id', gen_random_uuid(), 'number', o.number || '-' || g, 'submit_key', NULL,
         'created_at', o.created_at - g * interval '1 minute'))).*
       FROM work_orders o, generate_series(1, 1100) g WHERE o.number = $1) c`,
      [numbers.bin],
    );
    exact = Number((await h.database.admin.query('SELECT count(*)::int AS n FROM work_orders')).rows[0]!.n);
    expect(exact).toBeGreaterThan(COUNT_CAP);
  });

  it('counts up to the cap and says there are more', async () => {
    const page = await list('pageSize=20');
    expect(page).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(page.items.length).toBe(20);
    const small = await list(`q=${encodeURIComponent('路灯')}&pageSize=1`);
    expect(small).toMatchObject({ total: 2, totalCapped: false });
    expect(small.next).toEqual(small.items[0]!.id);
  });

  it('walks every order once, newest first, by keyset', async () => {
    const seen: { id: string; createdAt: string }[] = [];
    let after: string | null = null;
    do {
      const page = await list(`pageSize=200${after ? `&after=${after}` : ''}`);
      seen.push(...page.items);
      after = page.next;
    } while (after);
    expect(seen.length).toBe(exact);
    expect(new Set(seen.map((s) => s.id)).size).toBe(exact);
    const times = seen.map((s) => Date.parse(s.createdAt));
    expect(times.every((t, i) => i === 0 || t <= times[i - 1]!)).toBe(true);
    // The first keyset page is the first offset page.
    const offset = await list('pageSize=200&page=2');
    const keyset = await list(`pageSize=200&after=${seen[199]!.id}`);
    expect(keyset.items.map((i) => i.id)).toEqual(offset.items.map((i) => i.id));
  });

  it('refuses a cursor that is not an order id, naming the field', async () => {
    const res = await api.get('/api/v1/work-orders?after=abc', 'county');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('after');
  });
});
