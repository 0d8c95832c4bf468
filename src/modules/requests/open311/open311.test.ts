import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../../platform/actor.js';
import { sm3Hex } from '../../../platform/crypto.js';
import { openDatabase } from '../../../platform/db/database.js';
import { SYSTEM_CONTEXT, withContext } from '../../../platform/db/context.js';
import { composeIdNumber } from '../../people/id-number.js';
import { SUBCATEGORIES } from '../taxonomy/index.js';
import { intakeFixture, pointIn, relogin, SHANGHUANG, type Intake } from '../test-fixtures.js';
import { createOpen311Key, revokeOpen311Key } from './keys-service.js';

const run = promisify(execFile);
const CLI = path.resolve('bin/gongzhi.mjs');
const FIXTURES = path.resolve('test/fixtures/open311');
const V2 = '/open311/v2';

// The published schemas use relative $refs ("service.json"): each is added under its file name.
const addFormats = (formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule;
const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
for (const file of ['service.json', 'services.json', 'service-definition.json', 'request.json', 'requests.json']) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as object, file);
}
// No published schema for these; written from the spec (POST response, tokens, errors, discovery)
// and mySociety's servicerequestupdates extension.
const Str = { type: 'string' };
const StrOrNull = { anyOf: [Str, { type: 'null' }] };
const DateTime = { type: 'string', format: 'date-time' };
const listOf = (properties: Record<string, object>, required = Object.keys(properties)) => ({
  type: 'array',
  items: { type: 'object', required, properties, additionalProperties: false },
});
ajv.addSchema(listOf({ service_request_id: Str, token: Str, service_notice: StrOrNull, account_id: { type: 'null' } }, ['service_request_id']), 'created');
ajv.addSchema(listOf({ service_request_id: Str, token: Str }), 'tokens');
ajv.addSchema({ ...listOf({ code: { type: 'integer' }, description: Str }), minItems: 1 }, 'errors');
ajv.addSchema(
  listOf({
    update_id: Str,
    service_request_id: Str,
    status: { enum: ['open', 'closed'] },
    updated_datetime: DateTime,
    description: Str,
    media_url: { type: 'null' },
  }),
  'updates',
);
ajv.addSchema(
  {
    type: 'object',
    required: ['changeset', 'contact', 'key_service', 'endpoints'],
    properties: {
      changeset: DateTime,
      contact: Str,
      key_service: Str,
      endpoints: listOf({ specification: Str, url: Str, changeset: DateTime, type: Str, formats: { type: 'array', items: Str } }),
    },
  },
  'discovery',
);

function expectValid(schema: string, data: unknown): void {
  const validate = ajv.getSchema(schema)!;
  expect(validate(data), `${schema}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

// XML back to the JSON shape: one-or-many elements always as arrays, empty elements as null,
// and the spec's few non-string fields typed again.
const LISTS = new Set([
  'services.service',
  'service_requests.request',
  'service_requests_updates.request_update',
  'errors.error',
  'service_definition.attributes.attribute',
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
]);
const parser = new XMLParser({ parseTagValue: false, trimValues: false, isArray: (_name, jpath) => LISTS.has(String(jpath)) });
const NUMBERS = new Set(['lat', 'long', 'code', 'order']);
const BOOLEANS = new Set(['metadata', 'variable', 'required']);
const WRAPPED: Record<string, string> = { attributes: 'attribute', endpoints: 'endpoint', formats: 'format' };

function typed(key: string, value: unknown): unknown {
  if (key in WRAPPED) return value === '' ? [] : ((value as Record<string, unknown[]>)[WRAPPED[key]!] ?? []).map((v) => typed('', v));
  if (Array.isArray(value)) return value.map((v) => typed(key, v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typed(k, v)]));
  if (value === '') return null;
  if (NUMBERS.has(key)) return Number(value);
  if (BOOLEANS.has(key)) return value === 'true';
  return value;
}

/** The document under `root`: its `item` children as a list, or the root object itself. */
function fromXml(res: LightMyRequestResponse, root: string, item?: string): unknown {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const doc = (parser.parse(res.body) as Record<string, unknown>)[root];
  expect(doc, `no <${root}> in ${res.body.slice(0, 200)}`).toBeDefined();
  if (!item) return typed(root, doc);
  return doc === '' ? [] : typed(root, (doc as Record<string, unknown>)[item] ?? []);
}

let h: Harness;
let f: Intake;
let apiKey: string;
const bodies: string[] = [];

async function call(method: 'GET' | 'POST', url: string, opts: { form?: Record<string, string>; json?: object; headers?: Record<string, string> } = {}) {
  const res = await h.app.inject({
    method,
    url,
    headers: { ...(opts.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...opts.headers },
    payload: opts.form ? new URLSearchParams(opts.form).toString() : opts.json,
  });
  bodies.push(res.body);
  return res;
}
const get = (url: string) => call('GET', url);
const post = (format: 'json' | 'xml', form: Record<string, string>, headers: Record<string, string> = {}) =>
  call('POST', `${V2}/requests.${format}`, { form, headers });

/** GETs a resource in both formats, validates each against `schema`, and checks they say the same. */
async function both(resource: string, schema: string, root: string, item?: string): Promise<unknown> {
  const [name, query] = resource.split('?');
  const json = await get(`${V2}/${name}.json${query ? `?${query}` : ''}`);
  const xml = await get(`${V2}/${name}.xml${query ? `?${query}` : ''}`);
  expect(json.statusCode, json.body).toBe(200);
  expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(xml.statusCode, xml.body).toBe(200);
  const data = json.json();
  expectValid(schema, data);
  const parsed = fromXml(xml, root, item);
  expectValid(schema, parsed);
  expect(parsed).toEqual(data);
  return data;
}

/** The Open311 error list in both formats, with this status. */
async function expectError(res: LightMyRequestResponse, status: number, mention?: string): Promise<void> {
  expect(res.statusCode, res.body).toBe(status);
  const format = String(res.headers['content-type'] ?? '').startsWith('text/xml') ? 'xml' : 'json';
  const errors = format === 'json' ? res.json() : fromXml(res, 'errors', 'error');
  expectValid('errors', errors);
  expect((errors as { code: number }[])[0]!.code).toBe(status);
  if (mention) expect((errors as { description: string }[])[0]!.description).toContain(mention);
}

const orderRow = (number: string) =>
  withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => tx.selectFrom('work_orders').selectAll().where('number', '=', number).executeTakeFirstOrThrow());
const orderCount = () => withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => (await tx.selectFrom('work_orders').select('id').execute()).length);
const deniedCount = () =>
  withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => (await tx.selectFrom('audit_log').select('id').where('action', '=', 'access.denied').execute()).length);
const gridOf = (village: string) => f.grids.find((g) => g.villageCode === village)!;
const numbersIn = (list: unknown) => (list as { service_request_id: string }[]).map((r) => r.service_request_id);

beforeAll(async () => {
  h = await createHarness({ anonymousRateLimitPerMinute: 10_000 });
  f = await intakeFixture(h, ['grid']);
  apiKey = (await createOpen311Key(h.deps, SYSTEM_ACTOR, 'test-app')).key;
});
afterAll(() => h?.close());

describe('discovery and services', () => {
  it('describes the endpoint', async () => {
    const d = (await both('discovery', 'discovery', 'discovery')) as { endpoints: { specification: string; url: string; formats: string[] }[] };
    expect(d.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: expect.stringMatching(/\/open311\/v2$/) });
    expect(d.endpoints[0]!.formats).toEqual(['application/json', 'text/xml']);
  });

  it('lists our subcategories as services, grouped by category', async () => {
    const services = (await both('services', 'services.json', 'services', 'service')) as Record<string, unknown>[];
    expect(services).toHaveLength(SUBCATEGORIES.length);
    expect(services.find((s) => s.service_code === '0102')).toMatchObject({
      service_name: '路灯故障',
      group: '城乡建设与管理',
      metadata: false,
      type: 'realtime',
      keywords: expect.stringContaining('城市管理执法局'),
    });
    expect(services.find((s) => s.service_code === '1202')!.description).toContain('公开查询只显示办理状态');
  });

  it('defines one service, and says 404 for an unknown one in either format', async () => {
    expect(await both('services/0102', 'service-definition.json', 'service_definition')).toEqual({ service_code: '0102', attributes: [] });
    await expectError(await get(`${V2}/services/9999.json`), 404, '9999');
    await expectError(await get(`${V2}/services/9999.xml`), 404, '9999');
    await expectError(await get(`${V2}/nothing-here.json`), 404);
  });
});

describe('POST requests', () => {
  const where = () => {
    const p = pointIn(gridOf(SHANGHUANG));
    return { lat: String(p.lat), long: String(p.lng) };
  };

  it('creates an order on the open311 channel that the reads then show', async () => {
    const res = await post('json', {
      api_key: apiKey,
      service_code: '0204',
      ...where(),
      description: '村口垃圾池三天没人清运，苍蝇很多',
      first_name: '秀英',
      last_name: '李',
      phone: '13912345678',
      email: 'li@example.org',
      'attribute[WHATEVER]': 'ignored',
    });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json();
    expectValid('created', created);
    const number = created[0].service_request_id as string;
    expect(number).toMatch(/^522631-20261123-\d{5}$/);
    expect(created[0].service_notice).toContain('上黄村');

    const row = await orderRow(number);
    expect(row).toMatchObject({ channel: 'open311', category_code: '0204', requester_name: '李秀英', status: 'dispatched', id: created[0].token });
    expect(row.requester_phone_enc).toBeTruthy();

    // With the key, the exact data (without one, a coarser view: see below).
    const one = (await both(`requests/${number}?api_key=${apiKey}`, 'requests.json', 'service_requests', 'request')) as Record<string, unknown>[];
    expect(one[0]).toMatchObject({
      service_request_id: number,
      status: 'open',
      service_code: '0204',
      service_name: '垃圾清运与分类',
      description: '村口垃圾池三天没人清运，苍蝇很多',
      agency_responsible: expect.stringContaining('上黄'),
      address_id: gridOf(SHANGHUANG).code,
      zipcode: null,
      media_url: null,
    });
    expect(numbersIn(await both('requests', 'requests.json', 'service_requests', 'request'))).toContain(number);
    expect(await both(`tokens/${created[0].token}`, 'tokens', 'service_requests', 'request')).toEqual([
      { service_request_id: number, token: created[0].token },
    ]);
  });

  it('takes JSON as well and answers in XML; keeps a media_url; fills a missing description', async () => {
    const res = await call('POST', `${V2}/requests.xml`, {
      json: { api_key: apiKey, service_code: '0102', address_string: '上黄村村委会门口', media_url: 'https://example.org/lamp.jpg' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const created = fromXml(res, 'service_requests', 'request') as { service_request_id: string }[];
    expectValid('created', created);
    const [req] = (await get(`${V2}/requests/${created[0]!.service_request_id}.json?api_key=${apiKey}`)).json();
    expect(req).toMatchObject({ media_url: 'https://example.org/lamp.jpg', description: '路灯故障（上黄村村委会门口）', address: '上黄村村委会门口' });
    await expectError(await post('json', { api_key: apiKey, service_code: '0102', address_string: '上黄村', media_url: 'ftp://x/y' }), 400, 'media_url');
  });

  it('refuses a missing, unknown or revoked api_key with 403 in the requested format, and stores nothing', async () => {
    const before = await orderCount();
    const deniedBefore = await deniedCount();
    const body = { service_code: '0102', address_string: '上黄村', description: '路灯坏了好几天了' };
    await expectError(await post('json', body), 403, 'api_key');
    await expectError(await post('xml', body), 403, 'api_key');
    await expectError(await post('json', { ...body, api_key: 'o311_not-a-key' }), 403, 'api_key');
    await expectError(await post('xml', { ...body, api_key: 'o311_not-a-key' }), 403, 'api_key');
    // Checked before the body: no key and a bad body is still 403.
    await expectError(await post('json', { service_code: '' }), 403);
    const badJson = await h.app.inject({ method: 'POST', url: `${V2}/requests.json`, headers: { 'content-type': 'application/json' }, payload: '{oops' });
    await expectError(badJson, 400, 'JSON');
    const spare = await createOpen311Key(h.deps, SYSTEM_ACTOR, 'spare');
    expect((await post('json', { ...body, api_key: spare.key })).statusCode).toBe(200);
    await expect(createOpen311Key(h.deps, SYSTEM_ACTOR, 'spare')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await revokeOpen311Key(h.deps, SYSTEM_ACTOR, 'spare');
    await expect(revokeOpen311Key(h.deps, SYSTEM_ACTOR, 'spare')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createOpen311Key(h.deps, { ...SYSTEM_ACTOR, role: 'county_staff' }, 'other')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expectError(await post('json', { ...body, api_key: spare.key }), 403, '吊销');
    expect(await orderCount()).toBe(before + 1);
    // Refused submissions are audited like any refused access.
    expect(await deniedCount()).toBe(deniedBefore + 6);
  });

  it('answers 400 naming the field: unknown service, no location, half a point, bad phone', async () => {
    const before = await orderCount();
    await expectError(await post('json', { api_key: apiKey, service_code: '9999', address_string: '上黄村' }), 400, 'service_code');
    await expectError(await post('xml', { api_key: apiKey, service_code: '9999', address_string: '上黄村' }), 400, 'service_code');
    await expectError(await post('json', { api_key: apiKey, service_code: '0102', description: '路灯坏了好几天了' }), 400, 'address_string');
    await expectError(await post('json', { api_key: apiKey, service_code: '0102', lat: '26.2' }), 400, 'long');
    await expectError(await post('json', { api_key: apiKey, service_code: '0102', lat: '126.2', long: '109.1' }), 400, 'lat');
    await expectError(await post('json', { api_key: apiKey, address_string: '上黄村' }), 400, 'service_code');
    await expectError(await post('json', { api_key: apiKey, service_code: '0102', address_string: '上黄村', phone: '12345' }), 400, 'phone');
    expect(await orderCount()).toBe(before);
  });

  it('a retry with the same Idempotency-Key creates nothing new, in either format', async () => {
    const before = await orderCount();
    const body = { api_key: apiKey, service_code: '0102', address_string: '上黄村小学门口', description: '小学门口的路灯晚上不亮' };
    const first = await post('xml', body, { 'idempotency-key': 'open311-retry-1' });
    const again = await post('xml', body, { 'idempotency-key': 'open311-retry-1' });
    expect(first.statusCode, first.body).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(fromXml(again, 'service_requests', 'request')).toEqual(fromXml(first, 'service_requests', 'request'));
    await expectError(await post('json', { ...body, description: '另一件事情，不是路灯' }, { 'idempotency-key': 'open311-retry-1' }), 422);
    // From another address (the replay store is per address), the order still remembers the key.
    const elsewhere = await h.app.inject({
      method: 'POST',
      url: `${V2}/requests.json`,
      remoteAddress: '10.9.8.7',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'open311-retry-1' },
      payload: new URLSearchParams(body).toString(),
    });
    expect(elsewhere.json()[0].service_request_id).toBe(
      (fromXml(first, 'service_requests', 'request') as { service_request_id: string }[])[0]!.service_request_id,
    );
    expect(await orderCount()).toBe(before + 1);
  });
});

describe('GET requests: filters, privacy, 404', () => {
  let a: string;
  let b: string;
  let t0: Date;

  beforeAll(async () => {
    t0 = h.clock.now();
    a = (await post('json', { api_key: apiKey, service_code: '0102', address_string: '上黄村', description: '上黄村三组的路灯坏了' })).json()[0]
      .service_request_id;
    h.clock.advanceMinutes(2 * 24 * 60);
    await relogin(f);
    const where = pointIn(gridOf(SHANGHUANG));
    b = (
      await post('json', { api_key: apiKey, service_code: '0204', lat: String(where.lat), long: String(where.lng), description: '垃圾桶满了没人收，臭死了' })
    ).json()[0].service_request_id;
    const id = (await orderRow(b)).id;
    const resolved = await h.app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${id}/resolve`,
      headers: { cookie: f.cookies.grid! }, // a village matter in a grid: the grid worker has it first
      payload: { resolution: '已清运，联系人电话 13800001111' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
  });

  it('filters by status, service and date window; ids override the rest', async () => {
    const closed = numbersIn(await both('requests?status=closed', 'requests.json', 'service_requests', 'request'));
    expect(closed).toContain(b);
    expect(closed).not.toContain(a);
    const open = numbersIn((await get(`${V2}/requests.json?status=open`)).json());
    expect(open).toContain(a);
    expect(open).not.toContain(b);
    expect(numbersIn((await get(`${V2}/requests.json?status=open,closed`)).json())).toEqual(expect.arrayContaining([a, b]));

    const garbage = (await get(`${V2}/requests.json?service_code=0204`)).json() as { service_code: string }[];
    expect(numbersIn(garbage)).toContain(b);
    expect(garbage.every((r) => r.service_code === '0204')).toBe(true);

    const start = new Date(t0.getTime() - 3_600_000).toISOString();
    const end = new Date(t0.getTime() + 3_600_000).toISOString();
    const windowed = numbersIn(await both(`requests?start_date=${start}&end_date=${end}`, 'requests.json', 'service_requests', 'request'));
    expect(windowed).toContain(a);
    expect(windowed).not.toContain(b);
    // A zone written with an unencoded '+' arrives as a space and still means +08:00.
    expect(numbersIn((await get(`${V2}/requests.json?start_date=2026-11-25T00:00:00+08:00`)).json())).toEqual([b]);
    expect(numbersIn((await get(`${V2}/requests.json?end_date=2026-11-23`)).json())).toContain(a);

    const byId = (await get(`${V2}/requests.json?service_request_id=${a},${b}&status=closed&service_code=1401`)).json();
    expect(numbersIn(byId).sort()).toEqual([a, b].sort());
    expect((await get(`${V2}/requests.json?page_size=1`)).json()).toHaveLength(1);
    expect(numbersIn((await get(`${V2}/requests.json?page_size=1&page=1`)).json())).toEqual([b]);
  });

  it('says closed with the resolution as status notes, numbers masked', async () => {
    const [r] = (await get(`${V2}/requests/${b}.json`)).json();
    expect(r).toMatchObject({ status: 'closed', status_notes: '已办结，待回访：已清运，联系人电话 138****1111' });
    // For a closed request, updated_datetime is when it was closed (here: resolved).
    expect(new Date(r.updated_datetime).getTime()).toBe(new Date((await orderRow(b)).resolved_at!).getTime());
  });

  it('answers 400 for bad filters and 404 for unknown ids and tokens', async () => {
    await expectError(await get(`${V2}/requests.json?start_date=yesterday`), 400, 'start_date');
    await expectError(await get(`${V2}/requests.xml?start_date=2026-02-30`), 400, 'start_date');
    await expectError(await get(`${V2}/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z`), 400, '90');
    await expectError(await get(`${V2}/requests.json?start_date=2026-11-02T00:00:00Z&end_date=2026-11-01T00:00:00Z`), 400, 'end_date');
    await expectError(await get(`${V2}/requests.xml?status=pending`), 400, 'status');
    await expectError(await get(`${V2}/requests.json?service_code=9999`), 400, 'service_code');
    await expectError(await get(`${V2}/requests.json?service_request_id=abc`), 400, 'service_request_id');
    await expectError(await get(`${V2}/requests.json?page_size=5000`), 400, 'page_size');
    await expectError(await get(`${V2}/requests/522631-20261123-99999.json`), 404);
    await expectError(await get(`${V2}/requests/522631-20261123-99999.xml`), 404);
    await expectError(await get(`${V2}/requests/nonsense.json`), 404);
    await expectError(await get(`${V2}/tokens/00000000-0000-7000-8000-000000000000.xml`), 404);
    await expectError(await get(`${V2}/tokens/nope.json`), 404);
  });

  it('keeps the text and place of services about people to itself', async () => {
    const created = await post('json', {
      api_key: apiKey,
      service_code: '1201',
      address_string: '上黄村二组张家门口',
      description: '邻居张某某占了我家的宅基地，多次协商不成',
      first_name: '建国',
      last_name: '王',
    });
    const [r] = (await get(`${V2}/requests/${created.json()[0].service_request_id}.json`)).json();
    expectValid('requests.json', [r]);
    expect(r).toMatchObject({ service_code: '1201', description: null, lat: null, long: null, media_url: null });
    expect(r.address).not.toContain('张家');
  });
});

describe('servicerequestupdates', () => {
  it('lists timeline events oldest first, open or closed as of each', async () => {
    const updates = (await both('servicerequestupdates', 'updates', 'service_requests_updates', 'request_update')) as {
      service_request_id: string;
      status: string;
      description: string;
      updated_datetime: string;
    }[];
    const times = updates.map((u) => new Date(u.updated_datetime).getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    const resolved = updates.find((u) => u.description.startsWith('办结'))!;
    expect(resolved).toMatchObject({ status: 'closed' });
    expect(resolved.description).toContain('138****1111');
    const mine = updates.filter((u) => u.service_request_id === resolved.service_request_id);
    expect(mine.map((u) => u.status)).toEqual([...mine.slice(0, -1).map(() => 'open'), 'closed']);
    expect(mine[0]!.description).toBe('受理');
    const none = await both(
      'servicerequestupdates?start_date=2020-01-01T00:00:00Z&end_date=2020-01-02T00:00:00Z',
      'updates',
      'service_requests_updates',
      'request_update',
    );
    expect(none).toEqual([]);
    await expectError(await get(`${V2}/servicerequestupdates.xml?end_date=nope`), 400, 'end_date');
  });
});

describe('personal data', () => {
  it('no response carries a requester name or phone', async () => {
    const named = await post('json', {
      api_key: apiKey,
      service_code: '0109',
      address_string: '上黄村',
      description: '我是赵红梅，电话 13711112222，村里健身器材坏了',
      first_name: '红梅',
      last_name: '赵',
      phone: '13711112222',
    });
    const [r] = (await both(`requests/${named.json()[0].service_request_id}`, 'requests.json', 'service_requests', 'request')) as { description: string }[];
    expect(r!.description).toBe('我是**，电话 137****2222，村里健身器材坏了');
    await both('requests', 'requests.json', 'service_requests', 'request');
    await both('servicerequestupdates', 'updates', 'service_requests_updates', 'request_update');
    const all = bodies.join('\n');
    expect(bodies.length).toBeGreaterThan(40);
    for (const secret of ['李秀英', '13912345678', '1391234', '王建国', '赵红梅', '13711112222', '13800001111', 'li@example.org'])
      expect(all).not.toContain(secret);
  });
});

describe('reads without an api_key: coarse place, short masked text, small pages', () => {
  const ID = composeIdNumber('522631', '19800101', 123);
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  let number: string;
  let point: { lat: number; lng: number };

  beforeAll(async () => {
    point = pointIn(gridOf(SHANGHUANG));
    const description = `上黄村三组王家门口的路灯坏了，身份证 ${ID}，电话 139-1234-5678，${'晚上路过的老人孩子都看不见路，'.repeat(8)}`;
    const res = await post('json', {
      api_key: apiKey,
      service_code: '0102',
      lat: String(point.lat),
      long: String(point.lng),
      address_string: '上黄村三组王家门口 12 号',
      description,
    });
    expect(res.statusCode, res.body).toBe(200);
    number = res.json()[0].service_request_id;
  });

  it('lists and shows a request with the village only, a point rounded to 3 decimals, and short masked text (JSON and XML)', async () => {
    const inList = ((await both('requests', 'requests.json', 'service_requests', 'request')) as Record<string, unknown>[]).find(
      (r) => r.service_request_id === number,
    );
    const [byId] = (await both(`requests?service_request_id=${number}`, 'requests.json', 'service_requests', 'request')) as Record<string, unknown>[];
    const [alone] = (await both(`requests/${number}`, 'requests.json', 'service_requests', 'request')) as Record<string, unknown>[];
    for (const r of [inList!, byId!, alone!]) {
      expect(r).toMatchObject({ address_id: SHANGHUANG, lat: round3(point.lat), long: round3(point.lng) });
      expect(r.lat).not.toBe(point.lat);
      expect(r.address).toMatch(/^中潮镇上黄村/); // the township and village names
      expect(r.address).not.toContain('王家门口');
      const text = String(r.description);
      expect(text).toContain(`身份证 522631********${ID.slice(-4)}`);
      expect(text).toContain('电话 139****5678');
      expect(text).not.toContain(ID);
      expect([...text]).toHaveLength(101);
      expect(text.endsWith('…')).toBe(true);
    }
  });

  it('with a valid api_key: the exact point, address and whole text (numbers still masked)', async () => {
    const [r] = (await both(`requests/${number}?api_key=${apiKey}`, 'requests.json', 'service_requests', 'request')) as Record<string, unknown>[];
    expect(r).toMatchObject({ address: '上黄村三组王家门口 12 号', address_id: gridOf(SHANGHUANG).code, lat: point.lat, long: point.lng });
    expect(String(r!.description).endsWith('看不见路，')).toBe(true);
    expect(r!.description).toContain('139****5678');
    const [listed] = (await get(`${V2}/requests.json?service_request_id=${number}&api_key=${apiKey}`)).json();
    expect(listed).toEqual(r);
  });

  it('a wrong api_key is refused (403), never answered as the public', async () => {
    await expectError(await get(`${V2}/requests.json?api_key=o311_not-a-key`), 403, 'api_key');
    await expectError(await get(`${V2}/requests/${number}.xml?api_key=o311_not-a-key`), 403, 'api_key');
  });

  it('pages hold at most 100 requests without a key, up to 1000 with one', async () => {
    // 120 more public requests, cloned in SQL (the intake would take a minute).
    await h.database.admin.query(
      `INSERT INTO work_orders (id, number, query_code_hash, channel, request_type, category_code, title, description, county_code, path, status, created_at, updated_at)
       SELECT gen_random_uuid(), '522631-20261123-9' || lpad(g::text, 4, '0'), 'x', 'web', 'report', '0102', '路灯坏了', '路灯坏了', county_code, path, 'accepted', created_at, updated_at
       FROM work_orders, generate_series(1, 120) g WHERE number = $1`,
      [number],
    );
    expect((await get(`${V2}/requests.json`)).json()).toHaveLength(100);
    expect((await get(`${V2}/requests.json?page_size=1000`)).json()).toHaveLength(100);
    expect((await get(`${V2}/requests.xml?page_size=500`)).body.match(/<request>/g)).toHaveLength(100);
    expect((await get(`${V2}/requests.json?page_size=1000&api_key=${apiKey}`)).json().length).toBeGreaterThan(120);
    await h.database.admin.query(`DELETE FROM work_orders WHERE number LIKE '522631-20261123-9%'`);
  });
});

describe('default window', () => {
  it('without dates, the last 90 days', async () => {
    const old = (await post('json', { api_key: apiKey, service_code: '0102', address_string: '上黄村', description: '很久以前的路灯问题' })).json()[0]
      .service_request_id;
    h.clock.advanceMinutes(91 * 24 * 60);
    expect(numbersIn((await get(`${V2}/requests.json`)).json())).not.toContain(old);
    expect(numbersIn((await get(`${V2}/requests.json?start_date=2026-11-01`)).json())).toContain(old);
  });
});

describe('gongzhi open311 key', () => {
  it('adds a key shown once (only its SM3 digest stored) and revokes it, both audited', async () => {
    // The CLI opens the same database in its own process; PGlite allows one process at a time.
    await h.stop();
    const added = await run(process.execPath, [CLI, 'open311', 'key', 'add', 'cli-partner'], { env: h.cliEnv });
    const key = /o311_[A-Za-z0-9_-]+/.exec(added.stdout)?.[0];
    expect(key, added.stdout).toBeDefined();
    const revoked = await run(process.execPath, [CLI, 'open311', 'key', 'revoke', 'cli-partner'], { env: h.cliEnv });
    expect(revoked.stdout).toContain('cli-partner');

    const database = await openDatabase(h.config);
    try {
      const keys = await database.admin.query(`SELECT key_hash, revoked_at FROM open311_keys WHERE name = 'cli-partner'`);
      expect(keys.rows).toEqual([{ key_hash: sm3Hex(key!), revoked_at: expect.anything() }]);
      const audit = await database.admin.query(`SELECT action, actor_name FROM audit_log WHERE action LIKE 'open311.key.%' ORDER BY seq`);
      expect(audit.rows).toEqual([
        { action: 'open311.key.create', actor_name: 'system' },
        { action: 'open311.key.create', actor_name: 'system' },
        { action: 'open311.key.revoke', actor_name: 'system' },
        { action: 'open311.key.create', actor_name: 'system' },
        { action: 'open311.key.revoke', actor_name: 'system' },
      ]);
    } finally {
      await database.close();
    }
  });
});
