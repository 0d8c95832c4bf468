import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { seedDemoRequests } from './demo.js';
import { client, departmentId, intakeFixture, pointIn, SHANGHUANG, type Intake } from './test-fixtures.js';

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;
let zjj: string;
let zhzfj: string;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'township', 'village', 'grid', 'dept']);
  api = client(h, f.cookies);
  zjj = await departmentId(h, 'zjj');
  zhzfj = await departmentId(h, 'zhzfj');
});
afterAll(() => h?.close());

const gridOf = (village: string) => f.grids.find((g) => g.villageCode === village)!;
const detail = async (id: string, who: string) => (await api.get(`/api/v1/work-orders/${id}`, who)).json();
const act = (id: string, action: string, who: string, body: object = {}) => api.post(`/api/v1/work-orders/${id}/${action}`, who, body);

describe('街乡吹哨 on orders in the area', () => {
  it("the county and the township may whistle on a village's order; the village may not", async () => {
    const res = await api.post('/api/v1/requests', 'grid', { description: '巡查发现村口小桥桥面开裂，车辆经过时晃动明显', ...pointIn(gridOf(SHANGHUANG)) });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect((await act(id, 'sign', 'grid')).statusCode).toBe(200);
    expect((await act(id, 'escalate', 'grid', { note: '网格解决不了，上报村里' })).json().level).toBe('village');
    expect((await detail(id, 'county')).allowedActions).toContain('whistle');
    expect((await detail(id, 'township')).allowedActions).toContain('whistle');
    expect((await detail(id, 'village')).allowedActions).not.toContain('whistle');
    expect((await act(id, 'whistle', 'village', { departmentIds: [zjj], reason: '请住建到场' })).statusCode).toBe(403);

    // The county need not call itself: refused naming the field, nothing written.
    const self = await act(id, 'whistle', 'county', { departmentIds: [zjj], callCounty: true, reason: '请住建到场' });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details.field).toBe('callCounty');
    expect((await detail(id, 'county')).whistleCalls).toHaveLength(0);

    const whistled = await act(id, 'whistle', 'county', { departmentIds: [zjj, zhzfj], reason: '桥面开裂，请住建鉴定、执法设置警示' });
    expect(whistled.statusCode, whistled.body).toBe(200);
    // The order stays with the village, which resolves it once the departments have done their parts.
    expect(whistled.json()).toMatchObject({ level: 'village', status: 'in_progress' });
    const board = (await api.get('/api/v1/whistles?open=true', 'dept')).json();
    expect(board.items.some((c: { orderId: string; departmentId: string }) => c.orderId === id && c.departmentId === zjj)).toBe(true);
  });

  it('an order a department holds is not whistled on (the department answers for it)', async () => {
    const res = await api.post('/api/v1/requests', 'county', { description: '小区的房子外墙开裂漏水，开发商不管', categoryCode: '0303', address: '上黄村' });
    const id = res.json().id;
    expect((await detail(id, 'county')).unitDepartmentId).toBe(zjj);
    expect((await detail(id, 'county')).allowedActions).not.toContain('whistle');
    expect((await act(id, 'whistle', 'county', { departmentIds: [zhzfj], reason: '请执法到场' })).statusCode).toBe(409);
  });
});

describe('the demo shows the whole chain', () => {
  it("whistles on the demo village at every stage: the housing bureau's board has calls to answer, answered and done", async () => {
    const before = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => tx.selectFrom('whistle_calls').select('id').execute());
    await seedDemoRequests(h.deps, '522631', { seed: 5, count: 8, days: 20 });
    type Call = { id: string; reportedAt: string | null; partDoneAt: string | null; reason: string };
    const calls = (await api.get('/api/v1/whistles', 'dept')).json().items as Call[];
    const demo = calls.filter((c) => !before.some((b) => b.id === c.id) && /危房|违建|挡土墙/.test(c.reason));
    expect(demo.length).toBeGreaterThanOrEqual(3);
    expect(demo.some((c) => !c.reportedAt)).toBe(true);
    expect(demo.some((c) => c.partDoneAt)).toBe(true);
    const open = (await api.get('/api/v1/whistles?open=true', 'dept')).json().items as { reportedAt: string | null }[];
    expect(open.some((c) => !c.reportedAt)).toBe(true);
    // The township sees the same whistles on its board; the orders lie in the demo accounts' village.
    const township = (await api.get('/api/v1/whistles', 'township')).json().items as { reason: string }[];
    expect(township.filter((c) => /危房|违建|挡土墙/.test(c.reason)).length).toBeGreaterThanOrEqual(5);
    const orders = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('work_orders').select(['village_code', 'synthetic', 'status']).where('description', 'like', '%危房无人居住%').execute(),
    );
    expect(orders).toEqual([{ village_code: SHANGHUANG, synthetic: true, status: 'in_progress' }]);
  }, 240_000);
});
