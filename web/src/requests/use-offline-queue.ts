import { useCallback, useEffect, useState } from 'react';
import { listReports, onQueueChange, syncReports, type QueuedReport, type SyncSummary } from './offline-queue';

/** Whether the browser thinks it has a network (it can be wrong the other way: a captive portal). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/**
 * The user's queued patrol reports, kept current, and a sync that runs on its own when the page
 * opens and whenever the network comes back (and on demand from the 同步 button).
 */
export function useOfflineQueue(userId: string) {
  const [reports, setReports] = useState<QueuedReport[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [last, setLast] = useState<SyncSummary | null>(null);
  const [storeError, setStoreError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    listReports(userId)
      .then((r) => {
        setReports(r);
        setStoreError(null);
      })
      .catch((err: unknown) => setStoreError(err instanceof Error ? err.message : String(err)));
  }, [userId]);

  const sync = useCallback(async () => {
    setSyncing(true);
    try {
      const summary = await syncReports(userId);
      setLast(summary);
      return summary;
    } catch (err) {
      setStoreError(err instanceof Error ? err.message : String(err));
      return null;
    } finally {
      setSyncing(false);
    }
  }, [userId]);

  useEffect(() => {
    refresh();
    const off = onQueueChange(refresh);
    void sync();
    const onOnline = () => void sync();
    window.addEventListener('online', onOnline);
    return () => {
      off();
      window.removeEventListener('online', onOnline);
    };
  }, [refresh, sync]);

  const waiting = reports.filter((r) => r.state === 'queued' || r.state === 'syncing').length;
  return { reports, waiting, syncing, last, storeError, sync };
}
