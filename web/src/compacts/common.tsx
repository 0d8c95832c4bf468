import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CompactStep } from '../../../src/modules/compacts/kinds.ts';

/** Today as YYYY-MM-DD (local time). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const STEP_COLOURS: Partial<Record<CompactStep, string>> = { filing: 'orange', filed: 'green', vote: 'purple', publication: 'cyan' };

/** A compact's step as a tag in words. */
export function StepTag({ step }: { step: CompactStep }) {
  const { t } = useTranslation();
  return (
    <Tag color={STEP_COLOURS[step] ?? 'blue'} data-testid="compact-step-tag" data-step={step}>
      {t(`compacts.step.${step}`)}
    </Tag>
  );
}

export { Refusal } from '../components/Refusal';
