import { useEffect, useState } from 'react';
import { classify, type Classification } from './requests-api';

const MIN_CHARS = 5;

/**
 * The classifier's suggestion for a description, asked 400 ms after the typing stops. Older
 * answers that arrive late are dropped; nothing is asked offline or for very short text.
 */
export function useClassifier(text: string | undefined, delayMs = 400): { result: Classification | null; loading: boolean } {
  const [result, setResult] = useState<Classification | null>(null);
  const [loading, setLoading] = useState(false);
  const trimmed = (text ?? '').trim();

  useEffect(() => {
    if (trimmed.length < MIN_CHARS) {
      setResult(null);
      setLoading(false);
      return;
    }
    if (typeof navigator !== 'undefined' && !navigator.onLine) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      setLoading(true);
      classify(trimmed)
        .then((r) => !cancelled && setResult(r))
        // A suggestion is a help, not a requirement: on failure the form just has none.
        .catch(() => !cancelled && setResult(null))
        .finally(() => !cancelled && setLoading(false));
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [trimmed, delayMs]);

  return { result, loading };
}
