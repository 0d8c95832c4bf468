import { useEffect, useState } from 'react';
import type { PublicInfo } from '../../../src/modules/requests/public-schema.ts';
import { publicInfo } from './public-api';

let cached: Promise<PublicInfo> | undefined;

/** The county's name, hotline and privacy facts, fetched once per page load; null until they arrive. */
export function usePublicInfo(): PublicInfo | null {
  const [info, setInfo] = useState<PublicInfo | null>(null);
  useEffect(() => {
    let cancelled = false;
    cached ??= publicInfo();
    cached
      .then((i) => !cancelled && setInfo(i))
      .catch(() => {
        cached = undefined;
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return info;
}
