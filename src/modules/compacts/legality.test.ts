import { describe, expect, it } from 'vitest';
import { DEFAULT_LEGALITY_RULES } from './default-rules.js';
import { checkArticles, type LegalityRuleInput } from './legality.js';
import { LAWFUL_SAMPLES } from './legality-service.js';

// The legality check as a pure function, on the default rules: articles as they are written in
// real compacts, the unlawful flagged with article, rule and reason, the lawful left alone.

const rules = [...DEFAULT_LEGALITY_RULES];
const check = (text: string, number = 1) => checkArticles([{ number, text }], rules);
const kinds = (text: string) => check(text).map((f) => f.kind);

describe('checkArticles on the default rules', () => {
  it('flags a fine, with the words as written, the law and a suggestion', () => {
    const flags = check('爱护环境卫生，乱倒垃圾者罚款 200 元。', 7);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ articleNumber: 7, ruleCode: 'fine', kind: 'fine', matched: '罚款', sentence: '爱护环境卫生，乱倒垃圾者罚款 200 元' });
    expect(flags[0]!.reason).toContain('第二十七条');
    expect(flags[0]!.suggestion).toContain('评优评先');
    expect(kinds('在公共场所焚烧秸秆的，每次罚 50 元')).toEqual(['fine']);
    expect(kinds('违者处以五百元以下的处罚')).toEqual(['fine']);
    expect(check('违者处以 100 元至 500 元')[0]!.matched).toBe('处以 100 元');
    // Full-width digits, spaces inside the word: still a fine.
    expect(kinds('违反者罚 款２００元')).toEqual(['fine']);
  });

  it('flags taking away a statutory right, not withdrawing an honour', () => {
    const flags = check('不赡养老人的，取消其低保资格。');
    expect(flags.map((f) => [f.kind, f.ruleCode, f.matched])).toEqual([['deprive_right', 'welfare_dibao', '取消其低保']]);
    expect(kinds('拒不参加义务劳动的，取消其家庭的医保')).toEqual(['deprive_right']);
    expect(kinds('对拒不改正的，村委会对其停水停电')).toEqual(['deprive_right']);
    expect(kinds('未交卫生费的，村委会不予办理户口迁移手续')).toEqual(['deprive_right']);
    expect(kinds('不履行义务的，村委会不予出具任何证明')).toEqual(['deprive_right']);
    expect(kinds('屡教不改者，剥夺其选举权和被选举权')).toEqual(['deprive_right']);
    expect(kinds('其子女不得上学')).toEqual(['deprive_right']);
    // The honours compacts may lawfully withdraw.
    expect(check('不孝敬老人的，取消当年评优评先资格。')).toEqual([]);
    expect(check('违反本约的，不得评为文明家庭。')).toEqual([]);
    // 低保 before 取消, and 养老 inside 赡养老人: the order and the exact words matter.
    expect(check('低保户乱倒垃圾的，同样取消其当年评优评先资格')).toEqual([]);
    expect(check('不赡养老人的，取消其评优资格，并责令其赡养老人')).toEqual([]);
    expect(check('学生上学途中不得在公路上追逐打闹')).toEqual([]);
  });

  it('flags confiscation, detention and public humiliation', () => {
    expect(check('对偷盗者没收其工具')[0]).toMatchObject({ kind: 'confiscation', matched: '没收' });
    expect(check('酒驾者由村委会关押一天')[0]).toMatchObject({ kind: 'detention', matched: '关押' });
    expect(kinds('打架斗殴者送村部关禁闭三天')).toEqual(['detention']);
    expect(kinds('由治保会拘留审问')).toEqual(['detention']);
    expect(kinds('偷盗者挂牌游街示众')).toEqual(['other']);
  });

  it('leaves clean articles alone', () => {
    const clean = [
      '村民应当遵守国家法律法规，爱护公共财物，维护村容村貌。',
      '红白喜事从简办理，婚事新办，丧事简办，彩礼不超过 3 万元。',
      '鼓励村民参加义务劳动，按积分规则计分，积分可在爱心超市兑换物品。',
      '家庭成员之间应当互相尊重，子女应当赡养老人，不得虐待、遗弃家庭成员。',
      ...LAWFUL_SAMPLES,
    ];
    expect(
      checkArticles(
        clean.map((text, i) => ({ number: i + 1, text })),
        rules,
      ),
    ).toEqual([]);
  });

  it('names each article, keeps article order, and makes one flag of two rules of a kind on one sentence', () => {
    const flags = checkArticles(
      [
        { number: 3, text: '乱砍滥伐的，罚款 500 元。' },
        { number: 4, text: '邻里和睦，互帮互助。' },
        { number: 5, text: '偷盗者没收工具；屡犯者取消其低保。\n不送子女上学的，批评教育。' },
      ],
      rules,
    );
    expect(flags.map((f) => [f.articleNumber, f.kind])).toEqual([
      [3, 'fine'],
      [5, 'confiscation'],
      [5, 'deprive_right'],
    ]);
    expect(flags[2]!.sentence).toBe('屡犯者取消其低保');
  });

  it('matches only within a sentence, and any order only when the rule says so', () => {
    const rule: LegalityRuleInput = { code: 'x', kind: 'other', phrases: ['集体', '分红'], matchMode: 'phrase', reason: 'r', suggestion: 's' };
    expect(checkArticles([{ number: 1, text: '取消其集体经济分红' }], [rule])).toHaveLength(1);
    expect(checkArticles([{ number: 1, text: '分红不发给集体' }], [rule])).toEqual([]);
    expect(checkArticles([{ number: 1, text: '分红不发给集体' }], [{ ...rule, matchMode: 'any_order' }])[0]!.matched).toBe('分红不发给集体');
    expect(checkArticles([{ number: 1, text: '集体财产。分红另议' }], [{ ...rule, matchMode: 'any_order' }])).toEqual([]);
  });
});
