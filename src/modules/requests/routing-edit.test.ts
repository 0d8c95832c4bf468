import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { client, departmentId, intakeFixture, pointIn, SHANGHUANG, type Intake } from './test-fixtures.js';

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  h = await createHarness();
  f = await intakeFixture(h, ['county', 'township', 'grid']);
  api = client(h, f.cookies);
});
afterAll(() => h?.close());

const put = (url: string, who: string, payload: object) => h.app.inject({ method: 'PUT', url, headers: { cookie: f.cookies[who]! }, payload });

describe('routing rules can be edited, not only deleted', () => {
  it('PUT /routing-rules/:id changes the department, audited; others are refused', async () => {
    const zjj = await departmentId(h, 'zjj');
    const zhzfj = await departmentId(h, 'zhzfj');
    const saved = await put('/api/v1/routing-rules', 'county', { regionCode: '522631102000', unitKind: 'housing', departmentId: zjj });
    expect(saved.statusCode, saved.body).toBe(200);
    const id = saved.json().id as string;

    const edited = await put(`/api/v1/routing-rules/${id}`, 'county', { departmentId: zhzfj });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id, regionCode: '522631102000', unitKind: 'housing', departmentId: zhzfj });

    expect((await put(`/api/v1/routing-rules/${id}`, 'township', { departmentId: zjj })).statusCode).toBe(403);
    const missing = await put(`/api/v1/routing-rules/${id}`, 'county', { departmentId: '00000000-0000-7000-8000-000000000000' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('departmentId');
    expect((await put('/api/v1/routing-rules/00000000-0000-7000-8000-000000000000', 'county', { departmentId: zjj })).statusCode).toBe(404);
  });
});

describe('未结案 lists what is still being worked on', () => {
  it('an order already followed up is not listed as open; it is under its own status', async () => {
    const grid = f.grids.find((g) => g.villageCode === SHANGHUANG)!;
    const res = await api.post('/api/v1/public/requests', undefined, {
      description: '上黄村垃圾桶满了没人收',
      ...pointIn(grid),
      categoryCode: '0204',
      privacyAcknowledged: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const act = (action: string, who: string, body: object = {}) => api.post(`/api/v1/work-orders/${id}/${action}`, who, body);
    expect((await act('sign', 'grid')).statusCode).toBe(200);
    expect((await act('resolve', 'grid', { resolution: '已清运' })).statusCode).toBe(200);
    const ids = async (query: string) => {
      const list = await api.get(`/api/v1/work-orders?${query}&pageSize=100`, 'county');
      expect(list.statusCode, list.body).toBe(200);
      return list.json().items.map((o: { id: string }) => o.id);
    };
    expect(await ids('status=open')).toContain(id);
    expect((await act('follow-up', 'county', { contacted: true, resolved: true, satisfaction: 'satisfied' })).statusCode).toBe(200);
    expect(await ids('status=open')).not.toContain(id);
    const status = (await api.get(`/api/v1/work-orders/${id}`, 'county')).json().status as string;
    expect(['followed_up', 'closed']).toContain(status);
    expect(await ids(`status=${status}`)).toContain(id);
  });
});
