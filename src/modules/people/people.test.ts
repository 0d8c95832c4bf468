import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { composeIdNumber } from './id-number.js';

let h: Harness;
let cadre: string;
let villageCode: string;
let village2Code: string;
const FULL_ID = /[0-9]{17}[0-9X]/;

const headId = composeIdNumber('522631', '19650312', 17);
const wifeId = composeIdNumber('522631', '19680704', 26);
const sonId = composeIdNumber('522631', '19920101', 35);

beforeAll(async () => {
  h = await createHarness();
  cadre = await h.login('village');
  villageCode = (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cadre } })).json().user.regionCode;
  const c2 = await h.login('village2');
  village2Code = (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: c2 } })).json().user.regionCode;
});
afterAll(() => h?.close());

const post = (url: string, cookie: string, payload: object) => h.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const get = (url: string, cookie: string) => h.app.inject({ method: 'GET', url, headers: { cookie } });

const family = () => ({
  villageCode,
  address: '上黄村三组 12 号',
  members: [
    { name: '吴国庆', relation: 'head', idNumber: headId, phone: '13985512345', tags: ['party_member'] },
    { name: '杨秀英', relation: 'spouse', idNumber: wifeId },
    { name: '吴小军', relation: 'child', idNumber: sonId, phone: '15885500001', tags: ['migrant_out'] },
  ],
});

let householdId: string;

describe('households and residents', () => {
  it('registers a household; numbers come back masked and are stored only encrypted', async () => {
    const res = await post('/api/v1/households', cadre, family());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    householdId = body.id;
    expect(body).toMatchObject({ headName: '吴国庆', memberCount: 3, villageCode, tags: ['migrant_out', 'party_member'] });
    const head = body.members.find((m: { relation: string }) => m.relation === 'head');
    expect(head).toMatchObject({ idNumber: `522631********${headId.slice(-4)}`, phone: '139****2345', sex: 'male', birthDate: '1965-03-12' });
    expect(res.body).not.toMatch(FULL_ID);
    const raw = await h.database.admin.query('SELECT * FROM residents WHERE household_id = $1', [householdId]);
    const dump = JSON.stringify(raw.rows);
    expect(dump).not.toContain(headId);
    expect(dump).not.toContain('13985512345');
    expect(raw.rows[0]!.id_number_enc).toMatch(/^sm4gcm:v1:/);
  });

  it('refuses a bad ID number naming the member and field, and writes nothing', async () => {
    const before = await h.database.admin.query('SELECT count(*)::int AS n FROM residents');
    const bad = family();
    bad.members[1]!.idNumber = wifeId.slice(0, 17) + (wifeId[17] === '1' ? '2' : '1');
    const res = await post('/api/v1/households', cadre, {
      ...bad,
      members: bad.members.map((m, i) => (i === 0 ? { ...m, idNumber: composeIdNumber('522631', '19700101', 41) } : m)),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'members.1.idNumber: 身份证号校验位错误',
      details: { field: 'members.1.idNumber' },
    });
    const noHead = await post('/api/v1/households', cadre, { ...family(), members: family().members.slice(1) });
    expect(noHead.json().error.details.field).toBe('members');
    const after = await h.database.admin.query('SELECT count(*)::int AS n FROM residents');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('an ID number already registered in another village is refused even though the cadre cannot see it', async () => {
    const c2 = await h.login('village2');
    const res = await post('/api/v1/households', c2, {
      villageCode: village2Code,
      address: '长春村 1 号',
      members: [{ name: '吴国庆', relation: 'head', idNumber: headId }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.field).toBe('members.0.idNumber');
  });

  it('finds a resident by full ID number through the keyed digest, still masked', async () => {
    const res = await get(`/api/v1/residents?idNumber=${sonId}`, cadre);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0]).toMatchObject({ name: '吴小军', age: 34 });
    expect(res.body).not.toMatch(FULL_ID);
    const byTag = await get('/api/v1/residents?tag=party_member', cadre);
    expect(byTag.json().items.map((r: { name: string }) => r.name)).toEqual(['吴国庆']);
  });

  it('a reveal needs a reason, is audited with it, and grid workers may not reveal', async () => {
    const res = await get(`/api/v1/residents?idNumber=${headId}`, cadre);
    const id = res.json().items[0].id;
    const noReason = await post(`/api/v1/residents/${id}/reveal`, cadre, { field: 'idNumber' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.field).toBe('reason');
    const shortReason = await post(`/api/v1/residents/${id}/reveal`, cadre, { field: 'idNumber', reason: '   看看   ' });
    expect(shortReason.statusCode).toBe(400);
    const ok = await post(`/api/v1/residents/${id}/reveal`, cadre, { field: 'idNumber', reason: '办理低保申请需核对身份' });
    expect(ok.json()).toEqual({ value: headId });
    const grid = await h.login('grid');
    expect((await post(`/api/v1/residents/${id}/reveal`, grid, { field: 'phone', reason: '入户走访联系' })).statusCode).toBe(403);
    const auditor = await h.login('auditor');
    const log = await get('/api/v1/audit?action=resident.reveal', auditor);
    expect(log.json().items[0]).toMatchObject({ actorName: 'village', targetId: id, details: { field: 'idNumber', reason: '办理低保申请需核对身份' } });
    expect(JSON.stringify(log.json())).not.toContain(headId);
  });

  it('a birth, a death and a move are events with history, not overwrites', async () => {
    const baby = await post(`/api/v1/households/${householdId}/members`, cadre, {
      kind: 'born',
      occurredOn: '2026-10-01',
      member: { name: '吴思源', relation: 'grandchild', birthDate: '2026-10-01', sex: 'female' },
    });
    expect(baby.statusCode).toBe(201);
    const heads = await get(`/api/v1/residents?idNumber=${headId}`, cadre);
    const headResident = heads.json().items[0].id;
    const tooEarly = await post(`/api/v1/residents/${headResident}/events`, cadre, { kind: 'died', occurredOn: '2026-11-25' });
    expect(tooEarly.json().error.details.field).toBe('occurredOn');
    h.clock.advanceMinutes(3 * 24 * 60);
    cadre = await h.login('village'); // three days on, the old session has long expired
    const died = await post(`/api/v1/residents/${headResident}/events`, cadre, { kind: 'died', occurredOn: '2026-11-25', note: '病故' });
    expect(died.json().status).toBe('deceased');
    expect((await post(`/api/v1/residents/${headResident}/events`, cadre, { kind: 'moved_out', occurredOn: '2026-11-25' })).statusCode).toBe(409);
    const history = await get(`/api/v1/residents/${headResident}/events`, cadre);
    expect(history.json().map((e: { kind: string }) => e.kind)).toEqual(['registered', 'died']);
    const detail = await get(`/api/v1/households/${householdId}`, cadre);
    expect(detail.json()).toMatchObject({ memberCount: 3, headName: null });
  });

  it('moving to a household outside scope is refused; another village cannot see the household', async () => {
    const c2 = await h.login('village2');
    const other = await post('/api/v1/households', c2, {
      villageCode: village2Code,
      address: '长春村 8 号',
      members: [{ name: '石大山', relation: 'head', idNumber: composeIdNumber('522631', '19750505', 51) }],
    });
    expect(other.statusCode).toBe(201);
    const son = (await get(`/api/v1/residents?idNumber=${sonId}`, cadre)).json().items[0].id;
    const move = await post(`/api/v1/residents/${son}/events`, cadre, { kind: 'moved', occurredOn: '2026-11-05', toHouseholdId: other.json().id });
    expect(move.statusCode).toBe(400);
    expect(move.json().error.details.field).toBe('toHouseholdId');
    expect((await get(`/api/v1/households/${householdId}`, c2)).statusCode).toBe(404);
    expect((await get(`/api/v1/households/${other.json().id}`, cadre)).statusCode).toBe(404);
    const dept = await h.login('dept');
    expect((await get('/api/v1/households', dept)).statusCode).toBe(403);
  });
});

describe('masking sweep', () => {
  it('no API response a village cadre can reach contains a full ID number', async () => {
    const resident = (await get(`/api/v1/residents?idNumber=${wifeId}`, cadre)).json().items[0];
    const ids: Record<string, string> = { id: resident.id, code: villageCode };
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.entries(doc.paths).filter(([, ops]) => 'get' in ops);
    expect(gets.length).toBeGreaterThan(8);
    let checked = 0;
    for (const [path] of gets) {
      const urls = [path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x')];
      if (path === '/api/v1/households/{id}') urls[0] = `/api/v1/households/${householdId}`;
      if (path === '/api/v1/residents') urls.push('/api/v1/residents?includeInactive=true&pageSize=200', `/api/v1/residents?idNumber=${headId}`);
      if (path === '/api/v1/households') urls.push(`/api/v1/households?regionCode=${villageCode}`);
      for (const url of urls) {
        const res = await get(url, cadre);
        checked += 1;
        expect(res.body, url).not.toMatch(FULL_ID);
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
