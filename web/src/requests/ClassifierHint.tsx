import { BulbOutlined, LoadingOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { percent, requestTypeLabel } from './request-labels';
import type { Classification } from './requests-api';
import type { TaxonomyHelpers } from './use-taxonomy';

interface ClassifierHintProps {
  result: Classification | null;
  loading: boolean;
  tx: TaxonomyHelpers;
  /** The category chosen so far; its chip is highlighted. */
  selected?: string | null;
  onPick(code: string): void;
  /** How many candidates to offer. */
  top?: number;
  /** Staff see each candidate's score; a resident's form shows the names only (residents never see internals). */
  showScores?: boolean;
}

/** The classifier's top candidates as chips; a click (or the shown shortcut) takes one. */
export function ClassifierHint({ result, loading, tx, selected, onPick, top = 3, showScores = true }: ClassifierHintProps) {
  const { t } = useTranslation();
  if (!result && !loading) return null;
  const seen = new Set<string>();
  const candidates = result
    ? [{ categoryCode: result.categoryCode, confidence: result.confidence }, ...result.candidates]
        .filter((c) => c.categoryCode && !seen.has(c.categoryCode) && seen.add(c.categoryCode))
        .slice(0, top)
    : [];
  return (
    <Flex data-testid="classifier-hint" gap={6} wrap align="center">
      <Typography.Text type="secondary">
        {loading ? <LoadingOutlined /> : <BulbOutlined />} {t('requests.classify.suggestion')}
      </Typography.Text>
      {result && (
        <Tag color="purple" data-testid="classifier-type">
          {requestTypeLabel(t, result.requestType)}
        </Tag>
      )}
      {candidates.map((c, i) => (
        <Tooltip key={c.categoryCode} title={t('requests.classify.pick', { n: i + 1 })}>
          <Tag.CheckableTag
            data-testid={`classifier-candidate-${i}`}
            data-code={c.categoryCode}
            checked={selected === c.categoryCode}
            onChange={() => onPick(c.categoryCode)}
            style={{ border: '1px solid #d9d9d9' }}
          >
            {tx.fullName(c.categoryCode)}
            {showScores && ` · ${percent(c.confidence, 0)}`}
          </Tag.CheckableTag>
        </Tooltip>
      ))}
    </Flex>
  );
}
