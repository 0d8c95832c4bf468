import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClassifierHint } from './ClassifierHint';
import { classify, type Classification } from './requests-api';
import type { TaxonomyHelpers } from './use-taxonomy';

/**
 * The classifier's top candidates for an order that came in without a category (its confidence
 * was too low to route). Asked straight away for the first rows (`auto`), on a click for the
 * rest, since the classifier is rate limited.
 */
export function TriageSuggestion({
  text,
  auto,
  tx,
  selected,
  onPick,
}: {
  text: string;
  auto: boolean;
  tx: TaxonomyHelpers;
  selected?: string | null;
  onPick(code: string): void;
}) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(auto);
  const [result, setResult] = useState<Classification | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!asked) return;
    let cancelled = false;
    setLoading(true);
    classify(text)
      .then((r) => !cancelled && setResult(r))
      .catch(() => !cancelled && setResult(null))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [asked, text]);

  if (!asked) {
    return (
      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setAsked(true)}>
        {t('requests.dispatch.askClassifier')}
      </Button>
    );
  }
  return <ClassifierHint result={result} loading={loading} tx={tx} selected={selected} onPick={onPick} />;
}
