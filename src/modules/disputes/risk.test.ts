import { describe, expect, it } from 'vitest';
import { startingLevel } from './levels.js';
import { assessRisk, DEFAULT_THRESHOLDS, normalizeName, VIOLENCE_WORDS, type RiskSignals } from './risk.js';

const base: RiskSignals = { narrative: '两家因为院坝边界吵了几句', partyCount: 2, priorCases: 0, amount: null, thresholds: DEFAULT_THRESHOLDS };
const assess = (s: Partial<RiskSignals>) => assessRisk({ ...base, ...s });

describe('automatic risk', () => {
  it('is low with no signal', () => {
    expect(assess({})).toEqual({ level: 'low', reasons: [] });
  });

  it('repeat disputes between the same parties: the 2nd in 12 months is medium, the 3rd or more high', () => {
    expect(assess({ priorCases: 1 })).toEqual({ level: 'medium', reasons: ['同一当事人12个月内第 2 次纠纷'] });
    expect(assess({ priorCases: 2 }).level).toBe('high');
    expect(assess({ priorCases: 2 }).reasons[0]).toContain('第 3 次');
    expect(assess({ priorCases: 5 }).level).toBe('high');
  });

  it('many parties: 5 or more medium, 10 or more high', () => {
    expect(assess({ partyCount: 4 }).level).toBe('low');
    expect(assess({ partyCount: 5 })).toEqual({ level: 'medium', reasons: ['当事人 5 人（5 人及以上）'] });
    expect(assess({ partyCount: 10 }).level).toBe('high');
    expect(assess({ partyCount: 10 }).reasons[0]).toContain('群体性');
  });

  it('words of violence or threats make it high, each word named', () => {
    for (const word of VIOLENCE_WORDS) {
      const r = assess({ narrative: `他说再占我家地就${word}，大家都听到了` });
      expect(r.level, word).toBe('high');
      expect(
        r.reasons.some((x) => x.includes(`“${word}”`)),
        word,
      ).toBe(true);
    }
    const two = assess({ narrative: '扬言要放火，还说要跟他同归于尽' });
    expect(two.reasons).toEqual(['陈述中出现暴力或过激言辞“同归于尽”', '陈述中出现暴力或过激言辞“放火”']);
    // Spaces do not hide a word.
    expect(assess({ narrative: '说要 喝 农药' }).level).toBe('high');
  });

  it('amount above the thresholds: medium, then high; the thresholds are configurable', () => {
    expect(assess({ amount: 50_000 }).level).toBe('low');
    expect(assess({ amount: 50_001 })).toEqual({ level: 'medium', reasons: ['涉及金额 50,001 元，超过 50,000 元'] });
    expect(assess({ amount: 200_001 }).level).toBe('high');
    expect(assess({ amount: 8_000, thresholds: { medium: 5_000, high: 10_000 } }).level).toBe('medium');
  });

  it('takes the highest level and keeps every reason', () => {
    const r = assess({ priorCases: 1, partyCount: 6, amount: 60_000 });
    expect(r.level).toBe('medium');
    expect(r.reasons).toHaveLength(3);
  });

  it('normalizes names for matching', () => {
    expect(normalizeName(' 王 大·明 ')).toBe(normalizeName('王大明'));
    expect(normalizeName('ＡＢＣ')).toBe('abc');
  });
});

describe('starting level', () => {
  it('grid worker cases start at the grid; others at the taxonomy level, at least the township when high risk', () => {
    expect(startingLevel({ source: 'grid', disputeType: '1203', placeLevel: 'village', risk: 'low' })).toBe('grid');
    expect(startingLevel({ source: 'grid', disputeType: '1201', placeLevel: 'village', risk: 'high' })).toBe('township');
    expect(startingLevel({ source: 'window', disputeType: '1201', placeLevel: 'village', risk: 'low' })).toBe('village');
    expect(startingLevel({ source: 'window', disputeType: '1202', placeLevel: 'village', risk: 'medium' })).toBe('village');
    expect(startingLevel({ source: 'window', disputeType: '1204', placeLevel: 'village', risk: 'low' })).toBe('village');
    expect(startingLevel({ source: 'work_order', disputeType: '1203', placeLevel: 'village', risk: 'low' })).toBe('township');
    expect(startingLevel({ source: 'work_order', disputeType: '1206', placeLevel: 'village', risk: 'low' })).toBe('township');
    expect(startingLevel({ source: 'work_order', disputeType: '1205', placeLevel: 'village', risk: 'low' })).toBe('county');
    expect(startingLevel({ source: 'window', disputeType: '1201', placeLevel: 'village', risk: 'high' })).toBe('township');
    expect(startingLevel({ source: 'window', disputeType: '1201', placeLevel: 'township', risk: 'low' })).toBe('township');
  });
});
