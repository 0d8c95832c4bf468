import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { SYSTEM_CONTEXT, withContext, type DbContext } from '../../platform/db/context.js';
import { generateCountyGrids, villageBoundaries } from './demo-geometry.js';
import { readDivisionCounty } from './division.js';
import type { Polygon, Position } from './geometry.js';
import { saveGrids } from './grid-bulk-service.js';
import { loadConfig } from '../../platform/config.js';
import { householdWarnings } from './grid-rules.js';
import type { Grid } from './grid-schema.js';
import { listGridRows } from './grid-store.js';

const SHANGHUANG = '522631102200'; // 上黄村, the `village` account's village (中潮镇)
const CHANGCHUN = '522631102201'; // 长春村, `village2`
const ZHONGCHAO = '522631102000';
const villages = readDivisionCounty('522631').villages;
const demo = generateCountyGrids(villages, { seed: 2026 });

let h: Harness;
let cookies: Record<string, string>;
let bulkMs: number;

beforeAll(async () => {
  h = await createHarness();
  const started = performance.now();
  await saveGrids(h.deps, SYSTEM_ACTOR, demo);
  bulkMs = performance.now() - started;
  console.log(`saveGrids: ${demo.length} grids in ${Math.round(bulkMs)} ms`);
  cookies = {};
  for (const u of ['county', 'township', 'village', 'village2', 'grid', 'resident']) cookies[u] = await h.login(u);
});
afterAll(() => h?.close());

const get = (url: string, who: string) => h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
const post = (url: string, who: string, payload: object) => h.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });
const put = (url: string, who: string, payload: object) => h.app.inject({ method: 'PUT', url, headers: { cookie: cookies[who]! }, payload });
const ring = (...points: Position[]): Polygon => ({ type: 'Polygon', coordinates: [[...points, points[0]!]] });
const auditRows = (action: string) =>
  withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => tx.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute());

describe('bulk save of the demo grids', () => {
  // Speed is for bench/ (a timed assertion failed on a loaded machine); the time is only printed.
  it('saves every village of 黎平县, marked synthetic, one audit record per batch', async () => {
    expect(demo.length).toBeGreaterThan(600);
    const audits = await auditRows('grid.bulk_save');
    expect(audits).toHaveLength(Math.ceil(demo.length / 250));
    expect(audits[0]!.after).toHaveLength(250);
    const all = (await get('/api/v1/grids', 'county')).json();
    expect(all.total).toBe(demo.length);
    expect(all.items.every((g: Grid) => g.synthetic && g.workers.length === 1 && g.workers[0]!.synthetic)).toBe(true);
  });

  it('saving the same grids again replaces them', async () => {
    const again = await saveGrids(h.deps, SYSTEM_ACTOR, demo.slice(0, 10));
    expect(again).toEqual({ saved: 10, created: 0, replaced: 10 });
    const workers = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx
        .selectFrom('grid_workers')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(workers.n).toBe(demo.length);
  });

  it('refuses overlapping input and villages outside the actor scope', async () => {
    const one = demo.find((g) => g.villageCode === SHANGHUANG)!;
    const clash = { ...one, code: `${SHANGHUANG}050`, name: '重叠' };
    await expect(saveGrids(h.deps, SYSTEM_ACTOR, [clash])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'boundary' } });
    const village2 = demo.find((g) => g.villageCode === CHANGCHUN)!;
    const cadre = await actorOf('village');
    await expect(saveGrids(h.deps, cadre, [village2])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

async function actorOf(username: string) {
  const me = (await get('/api/v1/auth/me', username)).json().user;
  const path = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
    tx.selectFrom('regions').select('path').where('code', '=', me.regionCode).executeTakeFirstOrThrow(),
  );
  return { ...SYSTEM_ACTOR, userId: me.id, username, role: me.role, regionCode: me.regionCode, scopePath: path.path };
}

describe('reading grids in scope', () => {
  it('a village cadre lists the grids of their village with boundary, workers and centroid', async () => {
    const res = await get(`/api/v1/grids?villageCode=${SHANGHUANG}`, 'village');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(2);
    expect(items[0]).toMatchObject({
      code: `${SHANGHUANG}001`,
      name: '上黄村第1网格',
      villageCode: SHANGHUANG,
      villageName: '上黄村村民委员会',
      townshipCode: ZHONGCHAO,
      townshipName: '中潮镇',
      kind: 'comprehensive',
      tags: ['party', 'comprehensive_governance'],
      boundary: { type: 'Polygon' },
    });
    expect(items[0].centroid).toHaveLength(2);
    expect(items[0].workers[0]).toMatchObject({ employment: 'part_time', phoneMasked: expect.stringMatching(/^1[0-9]{2}\*{4}[0-9]{4}$/) });
    // Without a filter: still only their own village.
    expect((await get('/api/v1/grids', 'village')).json().total).toBe(2);
  });

  it('a township official sees all grids of the township; county staff pick a township', async () => {
    const township = (await get(`/api/v1/grids?townshipCode=${ZHONGCHAO}`, 'township')).json();
    expect(township.total).toBe(demo.filter((g) => g.villageCode.startsWith('522631102')).length);
    expect(new Set(township.items.map((g: Grid) => g.townshipCode))).toEqual(new Set([ZHONGCHAO]));
    expect((await get(`/api/v1/grids?townshipCode=${ZHONGCHAO}`, 'county')).json().total).toBe(township.total);
    expect((await get('/api/v1/grids?townshipCode=522631001000', 'township')).statusCode).toBe(404);
  });

  it('another village is 404 over HTTP, a bad code 400, a resident 403, no session 401', async () => {
    expect((await get(`/api/v1/grids/${CHANGCHUN}001`, 'village')).statusCode).toBe(404);
    expect((await get(`/api/v1/grids?villageCode=${CHANGCHUN}`, 'village')).statusCode).toBe(404);
    expect((await get(`/api/v1/grids/${SHANGHUANG}001`, 'village')).statusCode).toBe(200);
    const bad = await get('/api/v1/grids/12345', 'village');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('code');
    expect((await get(`/api/v1/grids?villageCode=${ZHONGCHAO}`, 'county')).json().error.details.field).toBe('villageCode');
    expect((await get('/api/v1/grids', 'resident')).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/grids' })).statusCode).toBe(401);
  });
});

describe('row-level security on grids, with the service bypassed', () => {
  it('a village cadre cannot read or write another village’s grids or workers', async () => {
    const me = await actorOf('village');
    const cadre: DbContext = { userId: me.userId, role: 'village_cadre', scopePath: me.scopePath };
    const seen = await withContext(h.deps.db, cadre, async (tx) => ({
      // The store's own scope filter is disabled ('' = everything) so only RLS stands in the way.
      other: await listGridRows(tx, { scopePath: '', villageCode: CHANGCHUN }),
      all: await sql<{ village_code: string }>`SELECT village_code FROM grids`.execute(tx),
      workers: await sql<{ grid_code: string }>`SELECT grid_code FROM grid_workers`.execute(tx),
    }));
    expect(seen.other).toEqual([]);
    expect(new Set(seen.all.rows.map((r) => r.village_code))).toEqual(new Set([SHANGHUANG]));
    expect(seen.workers.rows.every((r) => r.grid_code.startsWith(SHANGHUANG))).toBe(true);
    const update = await withContext(h.deps.db, cadre, (tx) =>
      tx.updateTable('grids').set({ name: '篡改' }).where('village_code', '=', CHANGCHUN).executeTakeFirst(),
    );
    expect(Number(update.numUpdatedRows)).toBe(0);
    const other = demo.find((g) => g.villageCode === CHANGCHUN)!;
    await expect(
      withContext(h.deps.db, cadre, (tx) =>
        tx
          .insertInto('grids')
          .values({
            code: `${CHANGCHUN}077`,
            village_code: CHANGCHUN,
            path: `522631000000.${ZHONGCHAO}.${CHANGCHUN}.${CHANGCHUN}077`,
            name: '越权',
            kind: 'comprehensive',
            boundary: JSON.stringify(other.boundary),
            min_lng: 0,
            min_lat: 0,
            max_lng: 0,
            max_lat: 0,
            centroid_lng: 0,
            centroid_lat: 0,
          })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    // A grid worker may read but not write.
    const gw = await actorOf('grid');
    const gridWorker: DbContext = { userId: gw.userId, role: 'grid_worker', scopePath: gw.scopePath };
    const own = await withContext(h.deps.db, gridWorker, (tx) =>
      tx.updateTable('grids').set({ name: '改名' }).where('village_code', '=', SHANGHUANG).executeTakeFirst(),
    );
    expect(Number(own.numUpdatedRows)).toBe(0);
  });
});

describe('drawing and changing grids', () => {
  let original: Grid;

  it('refuses a grid overlapping a sibling, naming boundary; and an invalid polygon', async () => {
    original = (await get(`/api/v1/grids/${SHANGHUANG}001`, 'village')).json();
    const res = await post('/api/v1/grids', 'village', { villageCode: SHANGHUANG, name: '新网格', boundary: original.boundary });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'boundary' } });
    expect(res.json().error.message).toContain('上黄村第1网格');
    const bowTie = ring([109, 26], [109.01, 26.01], [109.01, 26], [109, 26.01]);
    const bad = await post('/api/v1/grids', 'village', { villageCode: SHANGHUANG, name: '新网格', boundary: bowTie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^boundary: .*自相交/);
    const open = await post('/api/v1/grids', 'village', { villageCode: SHANGHUANG, name: '新网格', boundary: { type: 'Polygon', coordinates: [[[1, 1]]] } });
    expect(open.json().error.details.field).toBe('boundary.coordinates.0');
  });

  it('refuses a grid overlapping another village’s grid, without naming it', async () => {
    const neighbour = demo.find((g) => g.villageCode === CHANGCHUN)!;
    const res = await post('/api/v1/grids', 'county', { villageCode: SHANGHUANG, name: '越界网格', boundary: neighbour.boundary });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('boundary');
    expect(res.json().error.message).toContain('其他村');
  });

  it('a village outside the actor’s scope is 404; a grid worker may not draw grids (403)', async () => {
    const far = ring([100, 20], [100.01, 20], [100.01, 20.01], [100, 20.01]);
    expect((await post('/api/v1/grids', 'village', { villageCode: CHANGCHUN, name: 'x', boundary: far })).statusCode).toBe(404);
    expect((await post('/api/v1/grids', 'township', { villageCode: '522631001001', name: 'x', boundary: far })).statusCode).toBe(404);
    expect((await post('/api/v1/grids', 'grid', { villageCode: SHANGHUANG, name: 'x', boundary: far })).statusCode).toBe(403);
    expect((await put(`/api/v1/grids/${CHANGCHUN}001`, 'village', { name: '改名' })).statusCode).toBe(404);
    expect((await put(`/api/v1/grids/${SHANGHUANG}001`, 'grid', { name: '改名' })).statusCode).toBe(403);
  });

  it('shrinks grid 001 and draws grid 003 in the freed half: audited, and the locator follows', async () => {
    const [b0, b1, t1, t0] = original.boundary.coordinates[0]! as Position[];
    const inFreedHalf: Position = [(b0![0] + t1![0] + t0![0]) / 3, (b0![1] + t1![1] + t0![1]) / 3];
    const before = (await get(`/api/v1/locate?lat=${inFreedHalf[1]}&lng=${inFreedHalf[0]}`, 'village')).json();
    expect(before.grid.code).toBe(`${SHANGHUANG}001`);

    const shrink = await put(`/api/v1/grids/${SHANGHUANG}001`, 'village', {
      boundary: ring(b0!, b1!, t1!),
      name: '上黄村第1网格（南）',
      workers: [{ name: '吴晓梅', employment: 'full_time', phoneMasked: '139****5678' }],
      householdCount: 420,
    });
    expect(shrink.statusCode).toBe(200);
    expect(shrink.json().grid).toMatchObject({
      name: '上黄村第1网格（南）',
      workers: [{ name: '吴晓梅', employment: 'full_time', phoneMasked: '139****5678' }],
    });
    expect(shrink.json().warnings).toEqual([expect.objectContaining({ code: 'HOUSEHOLDS_ABOVE_RANGE' })]);
    const emptied = (await get(`/api/v1/locate?lat=${inFreedHalf[1]}&lng=${inFreedHalf[0]}`, 'village')).json();
    expect(emptied).toEqual({ grid: null, village: null, township: null });

    const created = await post('/api/v1/grids', 'village', {
      villageCode: SHANGHUANG,
      name: '上黄村第3网格',
      boundary: ring(b0!, t1!, t0!),
      tags: ['party', 'emergency'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      grid: { code: `${SHANGHUANG}003`, kind: 'comprehensive', synthetic: false, tags: ['party', 'emergency'] },
      warnings: [],
    });
    const after = (await get(`/api/v1/locate?lat=${inFreedHalf[1]}&lng=${inFreedHalf[0]}`, 'village')).json();
    expect(after).toEqual({
      grid: { code: `${SHANGHUANG}003`, name: '上黄村第3网格' },
      village: { code: SHANGHUANG, name: '上黄村村民委员会' },
      township: { code: ZHONGCHAO, name: '中潮镇' },
    });

    const [update] = await auditRows('grid.update');
    expect(update).toMatchObject({ actor_name: 'village', target_type: 'grid', target_id: `${SHANGHUANG}001`, outcome: 'ok' });
    expect((update!.before as Grid).boundary).toEqual(original.boundary);
    expect((update!.after as Grid).boundary.coordinates[0]).toHaveLength(4);
    const [create] = await auditRows('grid.create');
    expect(create).toMatchObject({ target_id: `${SHANGHUANG}003`, before: null });
    expect((create!.after as Grid).name).toBe('上黄村第3网格');
  });

  it('an explicit code must belong to the village; an unknown worker account is named', async () => {
    const far = ring([100, 20], [100.01, 20], [100.01, 20.01], [100, 20.01]);
    const wrong = await post('/api/v1/grids', 'county', { villageCode: SHANGHUANG, code: `${CHANGCHUN}009`, name: 'x', boundary: far });
    expect(wrong.json().error.details.field).toBe('code');
    const ghost = await put(`/api/v1/grids/${SHANGHUANG}002`, 'village', {
      workers: [{ name: '某人', employment: 'part_time', userId: '0190d2c8-0000-7000-8000-000000000000' }],
    });
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json().error.details.field).toBe('workers.userId');
    const empty = await put(`/api/v1/grids/${SHANGHUANG}002`, 'village', {});
    expect(empty.statusCode).toBe(400);
  });
});

describe('grid size rules (pure)', () => {
  it('warns outside 300–500 households in a community and above 300 in a village, never errors', () => {
    expect(householdWarnings('urban', 250)[0]).toMatchObject({ code: 'HOUSEHOLDS_BELOW_RANGE', details: { min: 300, max: 500 } });
    expect(householdWarnings('urban', 400)).toEqual([]);
    expect(householdWarnings('urban', 501)[0]!.code).toBe('HOUSEHOLDS_ABOVE_RANGE');
    expect(householdWarnings('rural', 12)).toEqual([]);
    expect(householdWarnings('rural', 301)[0]!.code).toBe('HOUSEHOLDS_ABOVE_RANGE');
    expect(householdWarnings('rural', undefined)).toEqual([]);
  });

  it('the county sets its own ranges in configuration', () => {
    const config = loadConfig({ GONGZHI_GRID_HOUSEHOLDS_URBAN: '200-400', GONGZHI_GRID_HOUSEHOLDS_RURAL: '50-250' });
    expect(config.gridHouseholds).toEqual({ urban: { min: 200, max: 400 }, rural: { min: 50, max: 250 } });
    expect(householdWarnings('urban', 250, config.gridHouseholds)).toEqual([]);
    expect(householdWarnings('rural', 30, config.gridHouseholds)[0]!.code).toBe('HOUSEHOLDS_BELOW_RANGE');
    expect(() => loadConfig({ GONGZHI_GRID_HOUSEHOLDS_URBAN: '500-300' })).toThrow(/GONGZHI_GRID_HOUSEHOLDS_URBAN/);
  });
});

describe('grid size from the registry', () => {
  it('changing a grid without an estimate warns about the households actually registered in it', async () => {
    const grid = demo.find((g) => g.villageCode === SHANGHUANG)!.code;
    expect((await put(`/api/v1/grids/${grid}`, 'village', { name: '上黄村第1网格' })).json().warnings).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const res = await post('/api/v1/households', 'village', {
        villageCode: SHANGHUANG,
        gridCode: grid,
        address: `上黄村网格户 ${i + 1} 号`,
        members: [{ name: `网格户${i + 1}`, relation: 'head', birthDate: '1970-01-01', sex: 'male' }],
      });
      expect(res.statusCode).toBe(201);
    }
    const ranges = h.deps.config.gridHouseholds;
    h.deps.config.gridHouseholds = { ...ranges, rural: { min: 0, max: 2 } }; // a county with small rural grids
    try {
      const res = (await put(`/api/v1/grids/${grid}`, 'village', { name: '上黄村第1网格' })).json();
      expect(res.warnings).toEqual([
        expect.objectContaining({ code: 'HOUSEHOLDS_ABOVE_RANGE', details: expect.objectContaining({ householdCount: 3, max: 2 }) }),
      ]);
    } finally {
      h.deps.config.gridHouseholds = ranges;
    }
  });
});

describe('village boundaries', () => {
  const area = villageBoundaries(villages, { seed: 2026 }).find((v) => v.code === SHANGHUANG)!.boundary;
  const [x0, y0] = area.coordinates[0]![0]!;
  const [x1, y1] = area.coordinates[0]![2]!;
  const shrunk = ring([x0, y0], [(x0 + x1) / 2, y0], [(x0 + x1) / 2, y1], [x0, y1]);

  it('the township draws one; it must hold every grid already in the village; a cadre cannot draw their own', async () => {
    const tooSmall = await put(`/api/v1/regions/${SHANGHUANG}/boundary`, 'township', { boundary: shrunk });
    expect(tooSmall.statusCode).toBe(400);
    expect(tooSmall.json().error.details.field).toBe('boundary');
    expect((await put(`/api/v1/regions/${SHANGHUANG}/boundary`, 'village', { boundary: area })).statusCode).toBe(403);
    const ok = await put(`/api/v1/regions/${SHANGHUANG}/boundary`, 'township', { boundary: area });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().boundary).toEqual(area);
    expect((await auditRows('region.boundary')).length).toBe(1);
  });

  it('then a grid reaching outside the village is refused, on create and on change', async () => {
    const [lng, lat] = [x1, y1];
    const outside = ring([lng - 0.001, lat - 0.001], [lng + 0.002, lat - 0.001], [lng + 0.002, lat + 0.002], [lng - 0.001, lat + 0.002]);
    const created = await post('/api/v1/grids', 'village', { villageCode: SHANGHUANG, name: '越界网格', boundary: outside });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.message).toContain('边界');
    const mine = demo.find((g) => g.villageCode === SHANGHUANG)!;
    const moved = await put(`/api/v1/grids/${mine.code}`, 'village', { boundary: outside });
    expect(moved.json().error.message).toContain('边界');
    expect((await put(`/api/v1/regions/${SHANGHUANG}/boundary`, 'township', { boundary: null })).json().boundary).toBeNull();
  });
});
