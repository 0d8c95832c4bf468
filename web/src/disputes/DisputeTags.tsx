import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CASE_STATUSES, DISPUTE_LEVELS, RISK_LEVELS } from '../../../src/modules/disputes/schema.ts';

type RiskLevel = (typeof RISK_LEVELS)[number];
type CaseStatus = (typeof CASE_STATUSES)[number];
type Level = (typeof DISPUTE_LEVELS)[number];

export const RISK_COLORS: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };
const STATUS_COLORS: Record<CaseStatus, string> = { open: 'processing', failed: 'warning', agreed: 'cyan', closed: 'default' };

/** The risk level, coloured (green / orange / red); the reasons, when given, in the tooltip. */
export function RiskTag({ level, reasons }: { level: RiskLevel; reasons?: readonly string[] }) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={RISK_COLORS[level]} data-testid="risk-tag" data-risk={level}>
      {t(`disputes.risk.${level}`)}
    </Tag>
  );
  return reasons && reasons.length > 0 ? <Tooltip title={reasons.join('；')}>{tag}</Tooltip> : tag;
}

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="case-status" data-status={status}>
      {t(`disputes.status.${status}`)}
    </Tag>
  );
}

export function LevelTag({ level }: { level: Level }) {
  const { t } = useTranslation();
  return <Tag>{t(`disputes.level.${level}`)}</Tag>;
}
