import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { withContext } from '../../platform/db/context.js';
import { DEFAULT_LEGALITY_RULES } from './default-rules.js';
import { LegalityCheckResultSchema, LegalityRuleSchema, type LegalityCheckResult, type LegalityRule } from './legality-schema.js';

// The county's legality rule list over HTTP: seeded with the defaults on first read, edited by
// county staff only (the check uses an edit at once), every write audited, bad rules refused
// naming the field; the check for anyone who drafts or reviews a compact.

const SHANGHUANG = '522631102200';
let h: Harness;
const cookies: Record<string, string> = {};
const sqlRows = async <T>(text: string, params: unknown[] = []) => (await h.database.admin.query(text, params)).rows as T[];
const send = (method: 'GET' | 'POST' | 'PATCH', url: string, who: string | null, payload?: object) =>
  h.app.inject({ method, url, headers: who ? { cookie: cookies[who]! } : {}, ...(payload ? { payload } : {}) });
const check = async (who: string, articles: { number: number; text: string }[]) => {
  const res = await send('POST', '/api/v1/compacts/legality-check', who, { articles });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as LegalityCheckResult;
  expect(Value.Check(LegalityCheckResultSchema, body)).toBe(true);
  return body;
};
const auditCount = async (action: string) => (await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]))[0]!.n;
const ruleCount = async () => (await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM compact_legality_rules`))[0]!.n;

const REASON = '村规民约不得扣发村民依法应得的集体收益分配（《村民委员会组织法》第二十七条）';
const dividend = { code: 'dividend', kind: 'deprive_right', phrases: ['取消', '集体分红'], reason: REASON, suggestion: '改为扣减积分、取消当年评优评先资格' };

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  for (const u of ['county', 'township', 'village', 'grid']) cookies[u] = await h.login(u);
});
afterAll(() => h?.close());

describe('the legality rule list', () => {
  let rules: LegalityRule[];

  it('is seeded with the defaults on the first read, once, and the seeding is audited', async () => {
    expect(await ruleCount()).toBe(0);
    const res = await send('GET', '/api/v1/compacts/legality-rules', 'village');
    expect(res.statusCode, res.body).toBe(200);
    rules = res.json() as LegalityRule[];
    expect(rules.every((r) => Value.Check(LegalityRuleSchema, r))).toBe(true);
    expect(rules.map((r) => r.code).sort()).toEqual(DEFAULT_LEGALITY_RULES.map((r) => r.code).sort());
    expect(rules.find((r) => r.code === 'welfare_dibao')).toMatchObject({
      kind: 'deprive_right',
      phrases: ['取消', '低保'],
      matchMode: 'phrase',
      active: true,
    });
    expect(new Set(rules.map((r) => r.kind))).toEqual(new Set(['fine', 'confiscation', 'detention', 'deprive_right', 'other']));
    const again = (await send('GET', '/api/v1/compacts/legality-rules', 'county')).json() as LegalityRule[];
    expect(again).toHaveLength(rules.length);
    expect((await send('GET', '/api/v1/compacts/legality-rules', 'grid')).statusCode).toBe(200);
    expect(await ruleCount()).toBe(DEFAULT_LEGALITY_RULES.length);
    expect(await auditCount('compacts.legality.seed')).toBe(1);
    expect((await send('GET', '/api/v1/compacts/legality-rules', null)).statusCode).toBe(401);
  });

  it('checks a draft for anyone who drafts or reviews one, naming article, rule and reason', async () => {
    const articles = [
      { number: 1, text: '村民应当遵守国家法律法规，爱护公共财物。' },
      { number: 2, text: '乱倒垃圾者罚款 200 元。' },
      { number: 3, text: '不赡养老人的，取消其低保资格；不孝敬老人的，取消当年评优评先资格。' },
    ];
    for (const who of ['village', 'grid', 'township', 'county']) {
      const result = await check(who, articles);
      expect(result.clean).toBe(false);
      expect(result.flags.map((f) => [f.articleNumber, f.ruleCode, f.kind])).toEqual([
        [2, 'fine', 'fine'],
        [3, 'welfare_dibao', 'deprive_right'],
      ]);
      expect(result.flags[1]!.reason).toContain('《村民委员会组织法》第二十七条');
    }
    expect(await check('village', [{ number: 1, text: '违反本约的，不得评为文明家庭。' }])).toEqual({ clean: true, flags: [] });
    const dup = await send('POST', '/api/v1/compacts/legality-check', 'village', {
      articles: [
        { number: 1, text: '甲' },
        { number: 1, text: '乙' },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error).toMatchObject({ message: 'articles.1.number: 条款序号 1 重复', details: { field: 'articles.1.number' } });
    const none = await send('POST', '/api/v1/compacts/legality-check', 'village', { articles: [] });
    expect(none.json().error.message).toBe('articles: 至少 1 项');
    const blank = await send('POST', '/api/v1/compacts/legality-check', 'village', { articles: [{ number: 1, text: '  ' }] });
    expect(blank.json().error.details.field).toBe('articles.0.text');
  });

  it('takes a county edit, and the check uses it at once', async () => {
    const created = await send('POST', '/api/v1/compacts/legality-rules', 'county', dividend);
    expect(created.statusCode, created.body).toBe(201);
    const rule = created.json() as LegalityRule;
    expect(rule).toMatchObject({ code: 'dividend', countyCode: '522631000000', matchMode: 'phrase', active: true });
    const text = '拒不参加义务劳动的，取消其集体分红。';
    expect((await check('village', [{ number: 9, text }])).flags.map((f) => [f.articleNumber, f.ruleCode, f.matched])).toEqual([
      [9, 'dividend', '取消其集体分红'],
    ]);

    // New words: the old wording passes, the new one is flagged.
    const edited = await send('PATCH', `/api/v1/compacts/legality-rules/${rule.id}`, 'county', { phrases: ['扣发', '分红'] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await check('village', [{ number: 9, text }])).clean).toBe(true);
    expect((await check('village', [{ number: 9, text: '拒不改正的，扣发当年分红' }])).flags[0]!.ruleCode).toBe('dividend');

    // A retired rule flags nothing.
    const fine = rules.find((r) => r.code === 'fine')!;
    expect((await check('grid', [{ number: 1, text: '违者罚款' }])).clean).toBe(false);
    expect((await send('PATCH', `/api/v1/compacts/legality-rules/${fine.id}`, 'county', { active: false })).statusCode).toBe(200);
    expect((await check('grid', [{ number: 1, text: '违者罚款' }])).clean).toBe(true);
    const listed = (await send('GET', '/api/v1/compacts/legality-rules', 'village')).json() as LegalityRule[];
    expect(listed.some((r) => r.code === 'fine')).toBe(false);
    const all = (await send('GET', '/api/v1/compacts/legality-rules?includeInactive=true', 'village')).json() as LegalityRule[];
    expect(all.find((r) => r.code === 'fine')!.active).toBe(false);

    expect(await auditCount('compacts.legality.rule.create')).toBe(1);
    expect(await auditCount('compacts.legality.rule.update')).toBe(2);
    const [audit] = await sqlRows<{ actor_name: string; before: { phrases: string[] }; after: { phrases: string[] } }>(
      `SELECT actor_name, before, after FROM audit_log WHERE action = 'compacts.legality.rule.update' ORDER BY seq LIMIT 1`,
    );
    expect(audit).toMatchObject({ actor_name: 'county', before: { phrases: ['取消', '集体分红'] }, after: { phrases: ['扣发', '分红'] } });
  });

  it('refuses a bad rule with a Chinese message naming the field, and writes nothing', async () => {
    const before = await ruleCount();
    const post = async (body: object) => {
      const res = await send('POST', '/api/v1/compacts/legality-rules', 'county', { ...dividend, code: 'bad_rule', ...body });
      return { status: res.statusCode, ...(res.json() as { error: { message: string; details: { field: string } } }).error };
    };
    expect(await post({ phrases: [] })).toMatchObject({ status: 400, message: 'phrases: 至少 1 项' });
    expect(await post({ phrases: ['取消', '一二三四五六七八九十一二三四五六七八九十一'] })).toMatchObject({
      status: 400,
      message: 'phrases.1: 长度不能超过 20',
    });
    expect(await post({ phrases: ['  '] })).toMatchObject({ status: 400, details: { field: 'phrases.0' } });
    expect(await post({ phrases: ['罚'] })).toMatchObject({ status: 400, details: { field: 'phrases.0' } });
    expect(await post({ phrases: ['取消…低保'] })).toMatchObject({ status: 400, details: { field: 'phrases.0' } });
    expect(await post({ phrases: ['取消。低保'] })).toMatchObject({ status: 400, details: { field: 'phrases.0' } });
    expect(await post({ phrases: ['低保', '低保'] })).toMatchObject({ status: 400, details: { field: 'phrases.1' } });
    // Too broad: it would flag what compacts lawfully do.
    const broad = await post({ phrases: ['取消', '资格'] });
    expect(broad).toMatchObject({ status: 400, details: { field: 'phrases' } });
    expect(broad.message).toContain('评优评先');
    expect(await post({ reason: '太短' })).toMatchObject({ status: 400, message: 'reason: 长度不能少于 10' });
    expect(await post({ kind: 'torture' })).toMatchObject({ status: 400, details: { field: 'kind' } });
    expect(await post({ code: 'fine' })).toMatchObject({ status: 409, details: { field: 'code' } });
    const fine = rules.find((r) => r.code === 'fine')!;
    const patch = await send('PATCH', `/api/v1/compacts/legality-rules/${fine.id}`, 'county', { phrases: ['评优评先'] });
    expect(patch.json().error.details.field).toBe('phrases');
    expect(await ruleCount()).toBe(before);
  });

  it('refuses township, village and grid users who try to edit it, and so does the database', async () => {
    const fine = rules.find((r) => r.code === 'fine')!;
    for (const who of ['township', 'village', 'grid']) {
      const res = await send('POST', '/api/v1/compacts/legality-rules', who, { ...dividend, code: `by_${who}` });
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.message).toBe('无权执行此操作');
      expect((await send('PATCH', `/api/v1/compacts/legality-rules/${fine.id}`, who, { active: true })).statusCode, who).toBe(403);
    }
    const [village] = await sqlRows<{ path: string }>(`SELECT path::text AS path FROM regions WHERE code = $1`, [SHANGHUANG]);
    const asCadre = { userId: null, role: 'village_cadre', scopePath: village!.path, departmentId: null };
    await expect(
      withContext(h.deps.db, asCadre, (tx) =>
        tx.updateTable('compact_legality_rules').set({ active: true }).where('id', '=', fine.id).returning('id').execute(),
      ),
    ).resolves.toEqual([]);
    const asTownship = { userId: null, role: 'township_staff', scopePath: village!.path.split('.').slice(0, 2).join('.'), departmentId: null };
    await expect(
      withContext(h.deps.db, asTownship, (tx) =>
        tx
          .insertInto('compact_legality_rules')
          .values({
            id: '01900000-0000-7000-8000-000000000001',
            county_code: fine.countyCode,
            path: village!.path.split('.')[0]!,
            code: 'sneaky',
            kind: 'other',
            phrases: ['游行'],
            reason: REASON,
            suggestion: '删去',
            created_at: new Date(),
            updated_at: new Date(),
          })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    expect((await sqlRows<{ active: boolean }>(`SELECT active FROM compact_legality_rules WHERE id = $1`, [fine.id]))[0]!.active).toBe(false);
  });
});
