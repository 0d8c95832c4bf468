import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { withContext } from '../db/context.js';
import { loadWorkCalendar, workCalendar } from './service.js';

let h: Harness;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness();
  for (const u of ['county', 'township', 'village', 'auditor', 'sysadmin']) cookies[u] = await h.login(u);
});
afterAll(() => h?.close());

const get = (url: string, u?: string) => h.app.inject({ method: 'GET', url, headers: u ? { cookie: cookies[u]! } : {} });
const put = (day: string, u: string, payload: object) =>
  h.app.inject({ method: 'PUT', url: `/api/v1/calendar/days/${day}`, headers: { cookie: cookies[u]! }, payload });
const del = (day: string, u: string) => h.app.inject({ method: 'DELETE', url: `/api/v1/calendar/days/${day}`, headers: { cookie: cookies[u]! } });
const fieldOf = (res: { json(): { error: { details: { field?: string } } } }) => res.json().error.details.field;

/** China wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => at(`${day}T23:59:59.999`);

describe('reading the calendar', () => {
  it('any signed-in user reads a seeded year; the seed matches the State Council notices', async () => {
    const res = await get('/api/v1/calendar/2026', 'village');
    expect(res.statusCode, res.body).toBe(200);
    const year = res.json();
    expect(year).toMatchObject({ year: 2026, seeded: true });
    expect(year.days).toHaveLength(33 + 6);
    expect(year.days.filter((d: { name: string }) => d.name === '春节').map((d: { day: string }) => d.day)).toEqual(
      Array.from({ length: 9 }, (_, i) => `2026-02-${String(15 + i).padStart(2, '0')}`),
    );
    expect(year.days).toContainEqual({ day: '2026-02-28', kind: 'workday', name: '春节调休上班' });
    expect(year.days).toContainEqual({ day: '2026-09-20', kind: 'workday', name: '国庆节调休上班' });
    expect(year.days.map((d: { day: string }) => d.day)).toEqual([...year.days.map((d: { day: string }) => d.day)].sort());

    const y2025 = (await get('/api/v1/calendar/2025', 'village')).json();
    expect(y2025.days).toHaveLength(28 + 5);
    expect(y2025.days).toContainEqual({ day: '2025-10-08', kind: 'holiday', name: '国庆节、中秋节' });

    // Whole years, counted from the stored rows: 261 weekdays, less holidays on weekdays, plus 调休 days.
    const cal = await loadWorkCalendar(h.deps.db);
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(261 - 18 + 5);
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(261 - 19 + 6);
  });

  it('an unseeded year is empty and says so; a bad year or no session is refused', async () => {
    expect((await get('/api/v1/calendar/2027', 'county')).json()).toEqual({ year: 2027, seeded: false, days: [] });
    expect((await get('/api/v1/calendar/2027')).statusCode).toBe(401);
    for (const bad of ['1999', 'abc', '2026.5']) {
      const res = await get(`/api/v1/calendar/${bad}`, 'county');
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toBe('year');
    }
  });
});

describe('editing the calendar', () => {
  it('the county centre adds a holiday and clears it; the deadline moves and moves back', async () => {
    // 2026-12-31 is a Thursday. With 2027 not entered, 2027-01-01 (Friday) is a working day.
    const start = at('2026-12-31T10:00:00');
    expect((await workCalendar(h.deps)).deadline(start, 'P1WD')).toEqual(endOf('2027-01-01'));
    expect((await workCalendar(h.deps)).covers(2027)).toBe(false);

    const set = await put('2027-01-01', 'county', { kind: 'holiday', name: '元旦' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ day: '2027-01-01', kind: 'holiday', name: '元旦' });
    const cal = await workCalendar(h.deps);
    expect(cal.deadline(start, 'P1WD')).toEqual(endOf('2027-01-04'));
    expect(cal.covers(2027)).toBe(true);
    expect((await get('/api/v1/calendar/2027', 'village')).json()).toEqual({
      year: 2027,
      seeded: true,
      days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }],
    });

    // A 调休 Saturday: accepted on Friday, P1WD is due at the end of that Saturday.
    expect((await put('2027-01-02', 'sysadmin', { kind: 'workday', name: '元旦调休上班' })).statusCode).toBe(200);
    expect((await workCalendar(h.deps)).deadline(start, 'P1WD')).toEqual(endOf('2027-01-02'));

    const cleared = await del('2027-01-01', 'county');
    expect(cleared.statusCode, cleared.body).toBe(204);
    expect((await del('2027-01-02', 'county')).statusCode).toBe(204);
    expect((await workCalendar(h.deps)).deadline(start, 'P1WD')).toEqual(endOf('2027-01-01'));
    expect((await get('/api/v1/calendar/2027', 'county')).json()).toMatchObject({ seeded: false, days: [] });
    expect((await del('2027-01-01', 'county')).statusCode).toBe(404);
  });

  it('an edit replaces the seeded day, and the audit log records before and after', async () => {
    // 2026-10-08 (Thursday) works; made a holiday, P1WD from 9/30 runs to Friday 10/9 and P2WD
    // to the 调休 Saturday 10/10.
    const start = at('2026-09-30T09:00:00');
    expect((await workCalendar(h.deps)).deadline(start, 'P1WD')).toEqual(endOf('2026-10-08'));
    expect((await put('2026-10-08', 'county', { kind: 'holiday', name: '国庆节' })).statusCode).toBe(200);
    expect((await workCalendar(h.deps)).deadline(start, 'P1WD')).toEqual(endOf('2026-10-09'));
    expect((await workCalendar(h.deps)).deadline(start, 'P2WD')).toEqual(endOf('2026-10-10'));
    expect((await put('2026-10-08', 'county', { kind: 'holiday', name: ' 国庆节（延长） ' })).json().name).toBe('国庆节（延长）');
    expect((await del('2026-10-08', 'county')).statusCode).toBe(204);

    const auditor = cookies.auditor!;
    const sets = await h.app.inject({ method: 'GET', url: '/api/v1/audit?action=calendar.set', headers: { cookie: auditor } });
    expect(sets.statusCode, sets.body).toBe(200);
    const latest = sets.json().items[0];
    expect(latest).toMatchObject({
      action: 'calendar.set',
      targetType: 'calendar_day',
      targetId: '2026-10-08',
      actorName: 'county',
      before: { day: '2026-10-08', kind: 'holiday', name: '国庆节' },
      after: { day: '2026-10-08', kind: 'holiday', name: '国庆节（延长）' },
    });
    const clears = (await h.app.inject({ method: 'GET', url: '/api/v1/audit?action=calendar.clear', headers: { cookie: auditor } })).json();
    expect(clears.items[0]).toMatchObject({ targetId: '2026-10-08', before: { kind: 'holiday', name: '国庆节（延长）' }, after: null });
    // The first set, on a day that had no exception, is audited as a change from nothing.
    expect(sets.json().items.find((i: { targetId: string; before: unknown }) => i.targetId === '2026-10-08' && i.before === null)).toBeTruthy();
  });

  it('village cadres and township staff may not edit (403), and the database refuses them too', async () => {
    expect((await put('2027-05-01', 'village', { kind: 'holiday', name: '劳动节' })).statusCode).toBe(403);
    expect((await put('2027-05-01', 'township', { kind: 'holiday', name: '劳动节' })).statusCode).toBe(403);
    expect((await del('2026-10-01', 'village')).statusCode).toBe(403);
    const anon = await h.app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2027-05-01', payload: { kind: 'holiday', name: '劳动节' } });
    expect(anon.statusCode).toBe(401);

    const cadre = { userId: null, role: 'village_cadre', scopePath: '' };
    await expect(
      withContext(h.deps.db, cadre, (tx) => tx.insertInto('calendar_days').values({ day: '2027-05-01', kind: 'holiday', name: '劳动节' }).execute()),
    ).rejects.toThrow(/row-level security/);
    const deleted = await withContext(h.deps.db, cadre, (tx) => tx.deleteFrom('calendar_days').where('day', '=', '2026-10-01').executeTakeFirst());
    expect(Number(deleted.numDeletedRows)).toBe(0);
    expect((await loadWorkCalendar(h.deps.db)).isWorkingDay('2026-10-01')).toBe(false);
  });

  it('bad input gets 400 naming the field', async () => {
    const cases: [string, object, string][] = [
      ['2027-02-30', { kind: 'holiday', name: '春节' }, 'day'],
      ['20270210', { kind: 'holiday', name: '春节' }, 'day'],
      ['1999-10-01', { kind: 'holiday', name: '国庆节' }, 'day'],
      ['2027-02-10', { kind: 'rest', name: '春节' }, 'kind'],
      ['2027-02-10', { name: '春节' }, 'kind'],
      ['2027-02-10', { kind: 'holiday', name: '' }, 'name'],
      ['2027-02-10', { kind: 'holiday', name: '   ' }, 'name'],
      ['2027-02-10', { kind: 'holiday', name: '春'.repeat(21) }, 'name'],
      ['2027-02-10', { kind: 'holiday', name: '春节', note: 'x' }, 'note'],
      // 2027-02-10 is a Wednesday: it works already, a 调休 working day there means nothing.
      ['2027-02-10', { kind: 'workday', name: '春节调休上班' }, 'kind'],
    ];
    for (const [day, body, field] of cases) {
      const res = await put(day, 'county', body);
      expect(res.statusCode, `${day} ${JSON.stringify(body)}: ${res.body}`).toBe(400);
      expect(fieldOf(res), JSON.stringify(body)).toBe(field);
    }
    expect(fieldOf(await del('2027-02-31', 'county'))).toBe('day');
    expect((await get('/api/v1/calendar/2027', 'county')).json().days).toEqual([]);
  });
});
