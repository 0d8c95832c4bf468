import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { renderAgreementPdf } from './pdf.js';
import { extractPdfText } from '../../platform/pdf-text.js';
import type { AgreementDocument } from './schema.js';
import { caseAction, client, intakeFixture, openCase, outsider, registerResidents, SHANGHUANG, type Api, type Intake } from './test-fixtures.js';

// The agreement PDF is checked by reading its text back (pdf-text.ts): the same helper the browser
// test uses, so neither needs poppler or pdf.js.

let h: Harness;
let f: Intake;
let api: Api;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'village', 'village2']);
  api = client(h, f.cookies);
});
afterAll(() => h?.close());

const flat = (s: string) => s.replace(/\n/g, '');

describe('GET /api/v1/disputes/cases/:id/agreement.pdf', () => {
  it('a signed and stamped written agreement: each art. 29 element — particulars (registry and entered), facts, matters, terms, performance — clauses, signatures, seal', async () => {
    const [resident] = await registerResidents(f, 'village', SHANGHUANG, ['杨秀英']);
    // What the registry holds of her: sex, age (from the birth date), the household's address. Not her ethnicity or occupation.
    const registered = (await api.get(`/api/v1/residents/${resident}`, 'village')).json();
    const household = (await api.get(`/api/v1/households/${registered.householdId}`, 'village')).json();
    const registryAddress = `${household.villageName}${household.address}`;
    const mediator = await api.post('/api/v1/disputes/mediators', 'county', {
      name: '龙调解',
      kind: 'part_time',
      specialties: ['1201'],
      regionCode: SHANGHUANG,
      organization: '上黄村人民调解委员会',
    });
    expect(mediator.statusCode, mediator.body).toBe(201);
    const c = await openCase(api, 'village', { parties: [{ role: 'applicant', residentId: resident }, outsider('吴老三', 'respondent', '13512345678')] });
    await caseAction(api, c.id, 'assign', 'village', { mediatorId: mediator.json().id });
    const session = await caseAction(api, c.id, 'session', 'village', {
      heldAt: h.clock.now().toISOString(),
      place: '上黄村综治中心',
      attendees: ['杨秀英', '吴老三'],
      record: '双方同意按原界址恢复排水沟。',
      methods: ['family'],
    });
    expect(session.statusCode, session.body).toBe(200);
    const terms = '吴老三于2026年12月5日前将排水沟恢复至原界址，并赔偿杨秀英损失800元。';
    const [applicant, respondent] = c.parties as { id: string }[];
    const agreement = {
      kind: 'written',
      facts: '吴老三改挖排水沟，雨水流入杨秀英院内，淹坏菜地。',
      matters: '排水沟的位置及菜地损失。',
      responsibilities: '吴老三负全部责任。',
      terms,
      performanceMethod: '吴老三自行施工，赔偿款现金当面支付',
      performanceDeadline: '2026-12-05',
    };
    const outsiderParticulars = { partyId: respondent!.id, sex: 'male', age: 52, ethnicity: '侗族', occupation: '个体工商户', address: '上黄村五组12号' };

    // Each gap in the particulars is refused naming its field, and nothing is written.
    const refusals: [object[], string, RegExp][] = [
      [[{ partyId: applicant!.id, occupation: '务农' }, outsiderParticulars], 'parties[0].ethnicity', /杨秀英.*民族/],
      [[{ partyId: applicant!.id, ethnicity: '汉族' }, outsiderParticulars], 'parties[0].occupation', /职业或工作单位/],
      [[{ partyId: applicant!.id, ethnicity: '汉族', occupation: '务农', sex: 'male' }, outsiderParticulars], 'parties[0].sex', /居民库/],
      [
        [
          { partyId: applicant!.id, ethnicity: '汉族', occupation: '务农' },
          { ...outsiderParticulars, age: undefined },
        ],
        'parties[1].age',
        /吴老三.*年龄/,
      ],
      [
        [
          { partyId: applicant!.id, ethnicity: '汉族', occupation: '务农' },
          { ...outsiderParticulars, ethnicity: '火星族' },
        ],
        'parties[1].ethnicity',
        /规范名称/,
      ],
      [[{ partyId: applicant!.id, ethnicity: '汉族', occupation: '务农' }], 'parties[1].sex', /吴老三.*性别/],
    ];
    for (const [parties, field, message] of refusals) {
      const res = await caseAction(api, c.id, 'agree', 'village', { ...agreement, parties });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.field).toBe(field);
      expect(res.json().error.message).toMatch(message);
    }
    const untouched = (await api.get(`/api/v1/disputes/cases/${c.id}`, 'village')).json();
    expect(untouched).toMatchObject({ status: 'open', agreement: null });
    expect(untouched.parties[1]).toMatchObject({ sex: null, age: null, ethnicity: null, occupation: null });

    const agreed = await caseAction(api, c.id, 'agree', 'village', {
      ...agreement,
      parties: [{ partyId: applicant!.id, ethnicity: '汉', occupation: '务农' }, outsiderParticulars],
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    // The registered party's sex, age and address come from the registry; the rest as entered.
    expect(agreed.json().parties).toEqual([
      expect.objectContaining({ name: '杨秀英', sex: registered.sex, age: registered.age, address: registryAddress, ethnicity: '汉族', occupation: '务农' }),
      expect.objectContaining({ name: '吴老三', sex: 'male', age: 52, address: '上黄村五组12号', ethnicity: '侗族', occupation: '个体工商户' }),
    ]);

    // Before signing: it says so.
    const draft = await api.get(`/api/v1/disputes/cases/${c.id}/agreement.pdf`, 'village');
    expect(draft.statusCode).toBe(200);
    expect(flat(extractPdfText(draft.rawPayload))).toContain('（未盖章）');

    expect((await caseAction(api, c.id, 'sign', 'village')).statusCode).toBe(200);
    expect((await caseAction(api, c.id, 'stamp', 'village')).statusCode).toBe(200);

    const res = await api.get(`/api/v1/disputes/cases/${c.id}/agreement.pdf`, 'village');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`人民调解协议书-${c.number}.pdf`));
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The font is embedded (a subset of Noto Sans SC), not looked up on the reader's machine.
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);

    const text = extractPdfText(pdf);
    const all = flat(text);
    expect(text.split('\n')).toContain('人民调解协议书');
    expect(all).toContain(c.number);
    // Art. 29 (1): the parties' particulars — the registered one's from the registry, the other's as entered.
    const sexName = registered.sex === 'male' ? '男' : '女';
    expect(all).toContain(['当事人的基本情况申请人：杨秀英', `性别：${sexName}`, '民族：汉族', `年龄：${registered.age}岁`].join('\u3000'));
    expect(all).toContain(['职业或工作单位：务农', `住址：${registryAddress}`].join('\u3000'));
    expect(all).toContain('被申请人：吴老三　性别：男　民族：侗族　年龄：52岁');
    expect(all).toContain('职业或工作单位：个体工商户　住址：上黄村五组12号');
    expect(all).toContain('其性别、年龄、住址取自居民登记信息');
    expect(all).toContain('联系电话：135****5678');
    expect(all).toMatch(/身份证号：522631\*+\d{3}[0-9X]/);
    expect(all).not.toContain('13512345678');
    expect(all).not.toContain('（未填写）');
    // Art. 29 (2): the dispute's main facts, the disputed matters, each side's responsibilities.
    expect(all).toContain('纠纷主要事实吴老三改挖排水沟，雨水流入杨秀英院内，淹坏菜地。');
    expect(all).toContain('争议事项排水沟的位置及菜地损失。');
    expect(all).toContain('各方当事人的责任吴老三负全部责任。');
    // Art. 29 (3): what was agreed, and how and by when it is performed.
    expect(all).toContain(`经调解，自愿达成如下协议${terms}`);
    expect(all).toContain('履行方式和期限履行方式：吴老三自行施工，赔偿款现金当面支付');
    expect(all).toContain('履行期限：2026年12月5日前履行完毕');
    expect(all).toContain('本协议书一式 3 份');
    expect(all).toContain('三十日内共同向人民法院申请司法确认');
    // Stamped on Monday 23 November: day 30 is Wednesday 23 December, a working day.
    expect(all).toContain('申请司法确认的最后一日为2026年12月23日');
    // The signature and seal block: each party, the mediator, the committee's seal.
    expect(all).toContain('签名盖章');
    expect(all).toContain('申请人（签名、盖章或按指印）：杨秀英　　已签名　2026年11月23日');
    expect(all).toContain('被申请人（签名、盖章或按指印）：吴老三　　已签名　2026年11月23日');
    expect(all).toContain('人民调解员（签名）：龙调解　　2026年11月23日');
    expect(all).toContain('上黄村人民调解委员会（盖章）');
    expect(all).not.toContain('（未盖章）');
    expect(all).not.toContain('演示数据');
  });

  it('no written agreement: 404 in the platform error shape; another village: 404; no session: 401', async () => {
    const open = await openCase(api, 'village', { parties: [outsider('甲某', 'applicant'), outsider('乙某')] });
    const none = await api.get(`/api/v1/disputes/cases/${open.id}/agreement.pdf`, 'village');
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toMatchObject({ code: 'NOT_FOUND', message: '该案件没有书面调解协议' });
    await caseAction(api, open.id, 'agree', 'village', { kind: 'oral', terms: '乙某当面道歉' });
    expect((await api.get(`/api/v1/disputes/cases/${open.id}/agreement.pdf`, 'village')).statusCode).toBe(404);
    expect((await api.get(`/api/v1/disputes/cases/${open.id}/agreement.pdf`, 'village2')).statusCode).toBe(404);
    expect((await api.get(`/api/v1/disputes/cases/${open.id}/agreement.pdf`)).statusCode).toBe(401);
  });
});

describe('renderAgreementPdf', () => {
  const base: AgreementDocument = {
    caseNumber: '522631-TJ-20261123-0099',
    disputeTypeName: '邻里纠纷',
    committeeName: '长春村人民调解委员会',
    mediatorName: null,
    parties: [
      {
        role: 'applicant',
        roleName: '申请人',
        name: '王龑',
        idNumber: null,
        phone: null,
        address: null,
        sex: null,
        age: null,
        ethnicity: null,
        occupation: null,
        registered: false,
      },
      {
        role: 'respondent',
        roleName: '被申请人',
        name: 'Li Lei',
        idNumber: null,
        phone: null,
        address: '长春村二组',
        sex: 'male',
        age: 40,
        ethnicity: '苗族',
        occupation: '务工',
        registered: false,
      },
    ],
    facts: '甲乙两家因院坝边界发生争执。',
    matters: '院坝边界。',
    responsibilities: '双方各负一半责任。',
    terms: '第一条：按 2019 年测绘图划界。\n第二条：双方互不追究。',
    performanceMethod: '村委会现场放线',
    performanceDeadline: '2026-12-31',
    agreedAt: '2026-11-23T10:00:00+08:00',
    partiesSigned: false,
    signedAt: null,
    stamped: false,
    stampedAt: null,
    effectiveAt: null,
    judicialDue: null,
    synthetic: true,
  };

  it('marks demo data, shows what is not yet signed or stamped, and keeps rarer characters and Latin text', async () => {
    const text = await renderAgreementPdf(base).then(extractPdfText);
    const all = flat(text);
    expect(text).toContain('演示数据');
    expect(all).toContain('（未盖章）');
    expect(all).toContain('（未签名）');
    expect(all).toContain('本协议书尚未生效');
    // An agreement written before particulars were kept says what is missing.
    expect(all).toContain('申请人：王龑　性别：（未填写）　民族：（未填写）　年龄：（未填写）');
    expect(all).toContain('被申请人：Li Lei　性别：男　民族：苗族　年龄：40岁');
    expect(all).not.toContain('取自居民登记信息');
    // 龑 is outside the simplified-Chinese subset: it comes from one of the numbered subsets.
    expect(all).toContain('申请人：王龑');
    expect(all).toContain('被申请人：Li Lei');
    expect(text.split('\n')).toEqual(expect.arrayContaining(['第一条：按 2019 年测绘图划界。', '第二条：双方互不追究。']));
  });

  it('reads the same compressed or not', async () => {
    const [a, b] = await Promise.all([renderAgreementPdf(base), renderAgreementPdf(base, { compress: false })]);
    expect(extractPdfText(a)).toBe(extractPdfText(b));
  });
});
