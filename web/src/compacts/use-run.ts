import { useState } from 'react';
import type { Compact } from '../../../src/modules/compacts/compact-schema.ts';

/**
 * One call that changes the compact: busy while it runs, the refusal kept to show where it
 * happened, the new compact handed up on success.
 */
export function useRun(onChange: (c: Compact) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (call: () => Promise<Compact>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await call());
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** What every step panel is given. */
export interface PanelProps {
  c: Compact;
  /** The panel's step is the compact's open step (else it is only shown). */
  open: boolean;
  mayEdit: boolean;
  mayReview: boolean;
  onChange(c: Compact): void;
}
