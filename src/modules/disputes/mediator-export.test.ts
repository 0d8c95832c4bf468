import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { column, notes, readWorkbook } from '../../../test/helpers/xlsx.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { INACTIVE_LABEL } from './mediator-export.js';
import { disputeTypeName } from './presenter.js';
import { MEDIATOR_KIND_NAMES, type Mediator } from './schema.js';
import { mediatorPage, type MediatorKey } from './store.js';
import { CHANGCHUN, client, intakeFixture, SHANGHUANG, ZHONGCHAO, type Api, type Intake } from './test-fixtures.js';

// The mediators' roster as .xlsx: the mediators the roster lists for the same filters, in its
// words, within the same reach (a village's own and the committees above it, not a neighbour's),
// by name only (no phone), with the filters and the query on 说明; audited.

const COUNTY = TEST_COUNTY.padEnd(12, '0');
let f: Intake;
let api: Api;

beforeAll(async () => {
  const h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'township', 'village', 'village2']);
  api = client(h, f.cookies);
  const add = async (name: string, regionCode: string, specialties: string[], phone?: string) => {
    const res = await api.post('/api/v1/disputes/mediators', 'county', {
      name,
      kind: name.endsWith('专') ? 'full_time' : 'part_time',
      specialties,
      regionCode,
      organization: `${name}所在调委会`,
      ...(phone ? { phone } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Mediator;
  };
  await add('县调解专', COUNTY, ['1201'], '13800001111');
  await add('镇调解甲', ZHONGCHAO, ['1201', '1202'], '13800002222');
  await add('上黄甲专', SHANGHUANG, ['1202']);
  await add('上黄乙', SHANGHUANG, ['1201'], '13800003333');
  const leaving = await add('上黄丙', SHANGHUANG, []);
  expect((await api.post(`/api/v1/disputes/mediators/${leaving.id}/deactivate`, 'county', {})).statusCode).toBe(200);
  await add('长春甲', CHANGCHUN, ['1201'], '13800004444');
}, 240_000);
afterAll(() => f?.h.close());

const workbook = async (url: string, who: string) => readWorkbook(await api.get(url, who));

async function listed(query: string, who: string): Promise<Mediator[]> {
  const res = await api.get(`/api/v1/disputes/mediators?${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Mediator[] }).items;
}

describe('mediators roster as .xlsx', () => {
  it('holds the mediators the roster lists for the same filters, in order, in the page’s words, without phones', async () => {
    for (const query of ['', 'includeInactive=true', 'type=1202', `regionCode=${ZHONGCHAO}&includeInactive=true`]) {
      const items = await listed(query, 'county');
      expect(items.length, query).toBeGreaterThan(0);
      const wb = await workbook(`/api/v1/disputes/mediators.xlsx?${query}`, 'county');
      const [rows, about] = wb.worksheets;
      expect(rows!.name).toBe('调解员名册');
      expect(column(rows!, '姓名'), query).toEqual(items.map((m) => m.name));
      expect(column(rows!, '类别')).toEqual(items.map((m) => MEDIATOR_KIND_NAMES[m.kind]));
      expect(column(rows!, '所在调委会')).toEqual(items.map((m) => m.organization));
      expect(column(rows!, '所在区域')).toEqual(items.map((m) => m.regionName));
      expect(column(rows!, '擅长纠纷类型')).toEqual(items.map((m) => m.specialties.map(disputeTypeName).join('、')));
      expect(column(rows!, '在办案件')).toEqual(items.map((m) => m.workload));
      expect(column(rows!, '状态')).toEqual(items.map((m) => (m.active ? '' : INACTIVE_LABEL)));
      const n = notes(about!);
      expect(about!.name).toBe('说明');
      expect(n['行数']).toBe(String(items.length));
      expect(n['查询']).toBe(`GET /api/v1/disputes/mediators?${query}`);
      // No phone, not even the masked form the page shows.
      const text = rows!.getSheetValues().flat().map(String).join(' ');
      expect(text).not.toMatch(/138\d*/);
      expect(text).not.toContain('****');
    }
    const all = await listed('includeInactive=true', 'county');
    expect(all.map((m) => m.name)).toContain('上黄丙');
    expect((await listed('', 'county')).map((m) => m.name)).not.toContain('上黄丙');
    const n = notes((await workbook(`/api/v1/disputes/mediators.xlsx?type=1201&includeInactive=true&regionCode=${SHANGHUANG}`, 'county')).worksheets[1]!);
    const village = all.find((m) => m.regionCode === SHANGHUANG)!.regionName;
    expect(n['筛选条件']).toBe(`区域：${village}（${SHANGHUANG}）\n擅长纠纷类型：${disputeTypeName('1201')}\n含已停用：是`);
    expect(n['范围']).toContain('本次限定');
    expect(n['个人信息']).toContain('不导出电话');
    expect(notes((await workbook('/api/v1/disputes/mediators.xlsx', 'county')).worksheets[1]!)['筛选条件']).toBe('无（全部）');
  });

  it('gives a village its own mediators and the committees above it, not a neighbour village’s, as its roster does', async () => {
    const items = await listed('', 'village');
    expect(items.map((m) => m.name).sort()).toEqual(['上黄乙', '上黄甲专', '县调解专', '镇调解甲'].sort());
    const wb = await workbook('/api/v1/disputes/mediators.xlsx', 'village');
    expect(column(wb.worksheets[0]!, '姓名')).toEqual(items.map((m) => m.name));
    expect(column(wb.worksheets[0]!, '姓名')).not.toContain('长春甲');
    expect(notes(wb.worksheets[1]!)['范围']).toContain(`（${SHANGHUANG}）及下辖`);
    const other = await workbook('/api/v1/disputes/mediators.xlsx', 'village2');
    expect(column(other.worksheets[0]!, '姓名')).toContain('长春甲');
    expect(column(other.worksheets[0]!, '姓名')).not.toContain('上黄乙');
    // Another village as a filter is refused on its field, as the roster refuses it.
    for (const url of [`/api/v1/disputes/mediators?regionCode=${CHANGCHUN}`, `/api/v1/disputes/mediators.xlsx?regionCode=${CHANGCHUN}`]) {
      const res = await api.get(url, 'village');
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message).toContain('regionCode');
    }
  });

  it('refuses a bad filter with a 400 naming the field, and is audited', async () => {
    for (const [query, field] of [
      ['type=abc', 'type'],
      ['includeInactive=maybe', 'includeInactive'],
      ['regionCode=12', 'regionCode'],
    ]) {
      const res = await api.get(`/api/v1/disputes/mediators.xlsx?${query}`, 'county');
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain(field);
    }
    expect((await f.h.app.inject({ method: 'GET', url: '/api/v1/disputes/mediators.xlsx' })).statusCode).toBe(401);
    const wb = await workbook('/api/v1/disputes/mediators.xlsx?includeInactive=true', 'village');
    const { rows } = (await f.h.database.admin.query(
      `SELECT target_type, target_id, details FROM audit_log WHERE action = 'mediator.export' ORDER BY seq DESC LIMIT 1`,
    )) as { rows: { target_type: string; target_id: string; details: Record<string, unknown> }[] };
    expect(rows[0]).toEqual({
      target_type: 'region',
      target_id: SHANGHUANG,
      details: { includeInactive: true, rows: wb.worksheets[0]!.rowCount - 1, capped: false },
    });
    expect(notes(wb.worksheets[1]!)['查询']).toBe('GET /api/v1/disputes/mediators?includeInactive=true');
  });

  it('reads by keyset page after page the same rows as in one read', async () => {
    await withContext(f.h.deps.db, SYSTEM_CONTEXT, async (tx) => {
      const filter = { includeInactive: true };
      const once = await mediatorPage(tx, filter, { after: null, limit: 100_000 });
      expect(once.length).toBeGreaterThan(4);
      const walked = [];
      for (let after: MediatorKey | null = null; ;) {
        const page = await mediatorPage(tx, filter, { after, limit: 2 });
        walked.push(...page);
        if (page.length < 2) break;
        const last = page.at(-1)!;
        after = { path: last.path, name: last.name, id: last.id };
      }
      expect(walked.map((m) => m.id)).toEqual(once.map((m) => m.id));
    });
  });

  it('labels kinds and a deactivated mediator as the page does', async () => {
    const { default: zh } = (await import(/* @vite-ignore */ `${'../../../web/src/locales/'}zh-CN.ts`)) as {
      default: { disputes: { mediatorKind: object; mediators: { inactive: string; title: string } } };
    };
    expect(MEDIATOR_KIND_NAMES).toEqual(zh.disputes.mediatorKind);
    expect(INACTIVE_LABEL).toBe(zh.disputes.mediators.inactive);
    expect(zh.disputes.mediators.title).toBe('调解员名册');
  });
});
