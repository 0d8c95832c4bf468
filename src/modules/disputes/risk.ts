import type { RiskLevel } from './tables.js';
import { maxRisk } from './levels.js';

/** Words of violence, threats, self-harm or "making a scene" that make a dispute high risk at once. */
export const VIOLENCE_WORDS: readonly string[] = [
  '打死',
  '杀了',
  '杀人',
  '砍',
  '捅',
  '同归于尽',
  '放火',
  '烧了他',
  '烧房子',
  '炸',
  '跳楼',
  '跳河',
  '喝农药',
  '上吊',
  '拼命',
  '弄死',
  '报复',
  '闹到',
  '动刀',
  '寻死',
  '不想活',
];

export interface RiskThresholds {
  /** Amount (yuan) above which the risk is at least medium. */
  medium: number;
  /** Amount (yuan) above which the risk is high. */
  high: number;
}

export const DEFAULT_THRESHOLDS: RiskThresholds = { medium: 50_000, high: 200_000 };

export interface RiskSignals {
  narrative: string;
  /** How many parties the case has. */
  partyCount: number;
  /** Earlier cases in the last 12 months between the same parties (this one not counted). */
  priorCases: number;
  amount: number | null;
  thresholds: RiskThresholds;
}

export interface RiskAssessment {
  level: RiskLevel;
  /** One Chinese sentence per signal that raised the level, in the order checked. */
  reasons: string[];
}

const yuan = (n: number) => `${n.toLocaleString('zh-CN')} 元`;

/**
 * The automatic risk level of a dispute and why. Pure: the same signals give the same answer.
 * - repeat: the 2nd dispute between the same parties in 12 months → at least medium; the 3rd or more → high;
 * - many parties: 5 or more → at least medium; 10 or more → high;
 * - words of violence, threats or self-harm in the narrative → high (each word named);
 * - amount at stake above the medium / high thresholds → medium / high.
 */
export function assessRisk(s: RiskSignals): RiskAssessment {
  let level: RiskLevel = 'low';
  const reasons: string[] = [];
  const raise = (to: RiskLevel, reason: string) => {
    level = maxRisk(level, to);
    reasons.push(reason);
  };
  const total = s.priorCases + 1;
  if (s.priorCases >= 2) raise('high', `同一当事人12个月内第 ${total} 次纠纷（3 次及以上为高风险）`);
  else if (s.priorCases === 1) raise('medium', '同一当事人12个月内第 2 次纠纷');
  if (s.partyCount >= 10) raise('high', `当事人 ${s.partyCount} 人（10 人及以上为群体性纠纷）`);
  else if (s.partyCount >= 5) raise('medium', `当事人 ${s.partyCount} 人（5 人及以上）`);
  const text = s.narrative.replace(/\s+/g, '');
  for (const word of VIOLENCE_WORDS) {
    if (text.includes(word)) raise('high', `陈述中出现暴力或过激言辞“${word}”`);
  }
  if (s.amount !== null && s.amount > s.thresholds.high) raise('high', `涉及金额 ${yuan(s.amount)}，超过 ${yuan(s.thresholds.high)}`);
  else if (s.amount !== null && s.amount > s.thresholds.medium) raise('medium', `涉及金额 ${yuan(s.amount)}，超过 ${yuan(s.thresholds.medium)}`);
  return { level, reasons };
}

/** A name as compared for repeat disputes: full-width folded, no spaces or dots, lower case. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·•.．・]/g, '')
    .toLowerCase();
}
