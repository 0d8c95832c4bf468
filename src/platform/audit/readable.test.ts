import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { AuditPageSchema } from './schema.js';
import { Value } from 'typebox/value';

let h: Harness;
const cookies: Record<string, string> = {};
let orderNumber = '';
let orderId = '';
let newUserId = '';

const get = (url: string, who: string) => h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

beforeAll(async () => {
  h = await createHarness();
  newUserId = await h.addUser(
    { username: 'readable.grid', displayName: '审计可读 测试网格员', role: 'grid_worker', regionCode: '522631102200' },
    'Readable-pass-1',
  );
  for (const u of ['auditor', 'county', 'sysadmin', 'secadmin']) cookies[u] = await h.login(u);
  const created = await h.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: { cookie: cookies.county! },
    payload: { description: '上黄村村口路灯坏了三天了', categoryCode: '0102', channel: 'hotline', address: '中潮镇上黄村村口' },
  });
  expect(created.statusCode).toBe(201);
  orderNumber = created.json().number;
  orderId = created.json().id;
});
afterAll(() => h?.close());

describe('the audit log, readable', () => {
  it('names the objects: a user by name and username, an order by its number', async () => {
    const users = await get('/api/v1/audit?action=user.create&pageSize=200', 'auditor');
    expect(users.statusCode).toBe(200);
    expect(Value.Check(AuditPageSchema, users.json())).toBe(true);
    const created = users.json().items.find((r: { targetId: string }) => r.targetId === newUserId);
    expect(created).toMatchObject({ targetType: 'user', targetName: '审计可读 测试网格员（readable.grid）' });

    const orders = (await get(`/api/v1/audit?targetType=work_order&targetId=${orderId}`, 'auditor')).json();
    expect(orders.items.length).toBeGreaterThan(0);
    expect(orders.items.every((r: { targetId: string; targetName: string }) => r.targetId === orderId && r.targetName === orderNumber)).toBe(true);
  });

  it('filters by event, by user (picked from the list) and by date range', async () => {
    const logins = (await get('/api/v1/audit?action=auth.login&pageSize=200', 'auditor')).json();
    expect(logins.total).toBeGreaterThan(0);
    expect(logins.items.every((r: { action: string }) => r.action === 'auth.login')).toBe(true);

    const actors = await get(`/api/v1/audit/actors?q=${encodeURIComponent('王主任')}`, 'auditor');
    expect(actors.statusCode).toBe(200);
    const county = actors.json().find((u: { username: string }) => u.username === 'county');
    expect(county).toMatchObject({ username: 'county' });
    const byCounty = (await get(`/api/v1/audit?actorId=${county.id}&pageSize=200`, 'auditor')).json();
    expect(byCounty.total).toBeGreaterThan(0);
    expect(byCounty.items.every((r: { actorName: string }) => r.actorName === 'county')).toBe(true);

    const today = encodeURIComponent('2026-11-23T00:00:00.000+08:00');
    const endOfDay = encodeURIComponent('2026-11-23T23:59:59.999+08:00');
    expect((await get(`/api/v1/audit?from=${today}&to=${endOfDay}`, 'auditor')).json().total).toBeGreaterThan(0);
    const future = encodeURIComponent('2027-01-01T00:00:00.000+08:00');
    expect((await get(`/api/v1/audit?from=${future}`, 'auditor')).json().total).toBe(0);
  });

  it('exports the filtered rows as .xlsx, in words, and records the export', async () => {
    const res = await get('/api/v1/audit/export?action=user.create', 'auditor');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(5).value).toBe('事件');
    const rows = ws.getSheetValues().slice(2).filter(Boolean) as unknown[][];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[5] === '新建用户' && r[6] === 'user.create')).toBe(true);
    expect(rows.some((r) => r[8] === '审计可读 测试网格员（readable.grid）')).toBe(true);
    // Local time to the second, no milliseconds or offset.
    expect(String(rows[0]![2])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const en = await get('/api/v1/audit/export?action=user.create&lang=en', 'auditor');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets[0]!.getRow(2).getCell(5).value).toBe('User created');

    const exports = (await get('/api/v1/audit?action=audit.export', 'auditor')).json();
    expect(exports.items[0]).toMatchObject({ action: 'audit.export', actorName: 'auditor' });
    expect(exports.items[0].details).toMatchObject({ action: 'user.create' });
  });

  it('keeps the log, the actor list and the export to the audit admin', async () => {
    expect((await get('/api/v1/audit/export', 'county')).statusCode).toBe(403);
    expect((await get('/api/v1/audit/export', 'sysadmin')).statusCode).toBe(403);
    expect((await get('/api/v1/audit/actors', 'secadmin')).statusCode).toBe(403);
    const bad = await get('/api/v1/audit?actorId=not-a-uuid', 'auditor');
    expect(bad.statusCode).toBe(400);
  });
});

describe('the users list, searchable', () => {
  it('finds accounts by name or username, by role, region and department, and names a department account’s department', async () => {
    const byName = (await get(`/api/v1/users?q=${encodeURIComponent('测试网格员')}`, 'sysadmin')).json();
    expect(byName.items.map((u: { username: string }) => u.username)).toEqual(['readable.grid']);
    const byUsername = (await get('/api/v1/users?q=READABLE', 'sysadmin')).json();
    expect(byUsername.total).toBe(1);

    const depts = (await get('/api/v1/users?role=department_staff', 'sysadmin')).json();
    expect(depts.items.length).toBeGreaterThanOrEqual(2);
    expect(depts.items.every((u: { role: string; departmentName: string | null }) => u.role === 'department_staff' && u.departmentName)).toBe(true);
    const zjj = depts.items.find((u: { username: string }) => u.username === 'dept');
    expect(zjj.departmentName).toContain('住');

    const byDept = (await get(`/api/v1/users?departmentId=${zjj.departmentId}`, 'secadmin')).json();
    expect(byDept.items.map((u: { username: string }) => u.username)).toEqual(['dept']);

    const village = (await get('/api/v1/users?regionCode=522631102200&pageSize=200', 'sysadmin')).json();
    const names = village.items.map((u: { username: string }) => u.username);
    expect(names).toEqual(expect.arrayContaining(['village', 'grid', 'readable.grid']));
    expect(names).not.toContain('county');
    expect(
      (await get('/api/v1/users?role=grid_worker&regionCode=522631102200', 'sysadmin')).json().items.every((u: { role: string }) => u.role === 'grid_worker'),
    ).toBe(true);

    const list = await get('/api/v1/users/departments', 'sysadmin');
    expect(list.statusCode).toBe(200);
    expect(list.json().some((d: { id: string }) => d.id === zjj.departmentId)).toBe(true);
    expect((await get('/api/v1/users/departments', 'county')).statusCode).toBe(403);
    expect((await get('/api/v1/users?role=nobody', 'sysadmin')).statusCode).toBe(400);
  });
});
