import type { CreatedRequest, CreateRequestBody } from '../../../src/modules/requests/schema.ts';
import type { ErrorBody } from '../../../src/platform/errors.ts';
import { ApiError } from '../api';

/**
 * Patrol reports made where there is no signal wait here, in IndexedDB, until they can be sent.
 * Each report gets its own Idempotency-Key when it is queued and keeps it for every attempt, so a
 * sync that is retried (the answer was lost, the tab was closed mid-send, two tabs synced at
 * once) never makes a second work order: the server replays its first answer instead.
 */

export type QueueState = 'queued' | 'syncing' | 'synced' | 'failed';

export interface QueuedReport {
  /** The Idempotency-Key; also the record's key in the store. */
  key: string;
  /** Whose report it is: another user on the same phone neither sees nor sends it. */
  userId: string;
  body: CreateRequestBody;
  queuedAt: string;
  state: QueueState;
  attempts: number;
  /**
   * Why the last attempt failed, in words (shown to the worker), and the field the server named
   * with its bare reason, so the edit form can show the reason on that field (lat → the map).
   */
  lastError: string | null;
  lastErrorField?: string | null;
  lastErrorReason?: string | null;
  result: CreatedRequest | null;
  syncedAt: string | null;
}

export interface SyncSummary {
  synced: number;
  failed: number;
  waiting: number;
  /** The session is gone: log in again and the reports go then. */
  needsLogin: boolean;
}

const DB_NAME = 'gongzhi-offline';
const STORE = 'reports';
const ENDPOINT = '/api/v1/requests';

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

let dbPromise: Promise<IDBDatabase> | undefined;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore(STORE, { keyPath: 'key' });
      store.createIndex('userId', 'userId');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      dbPromise = undefined;
      reject(req.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return dbPromise;
}

async function withStore<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  const tx = db.transaction(STORE, mode);
  const result = await promised(fn(tx.objectStore(STORE)));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
  return result;
}

// ---- change notification (the list on screen follows the store) ----------------------------

const listeners = new Set<() => void>();

/** Called after every change to the queue; returns the unsubscribe function. */
export function onQueueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  for (const l of listeners) l();
}

// ---- the store ------------------------------------------------------------------------------

/** The user's reports, newest first. */
export async function listReports(userId: string): Promise<QueuedReport[]> {
  const all = await withStore('readonly', (s) => s.index('userId').getAll(userId) as IDBRequest<QueuedReport[]>);
  return all.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt));
}

async function putReport(report: QueuedReport): Promise<void> {
  await withStore('readwrite', (s) => s.put(report));
  changed();
}

/** Queues a report with a fresh Idempotency-Key; `reportedAt` records when it was made, not when it arrives. */
export async function enqueueReport(userId: string, body: CreateRequestBody): Promise<QueuedReport> {
  const now = new Date().toISOString();
  const report: QueuedReport = {
    key: newKey(),
    userId,
    body: { ...body, reportedAt: body.reportedAt ?? now },
    queuedAt: now,
    state: 'queued',
    attempts: 0,
    lastError: null,
    result: null,
    syncedAt: null,
  };
  await putReport(report);
  return report;
}

/** One of the user's reports, or undefined (sent and cleared, deleted, or another user's). */
export async function getReport(userId: string, key: string): Promise<QueuedReport | undefined> {
  const r = await withStore('readonly', (s) => s.get(key) as IDBRequest<QueuedReport | undefined>);
  return r && r.userId === userId ? r : undefined;
}

export async function removeReport(key: string): Promise<void> {
  await withStore('readwrite', (s) => s.delete(key));
  changed();
}

/** Forgets the reports that reached the server (their numbers are in "my orders" from now on). */
export async function clearSynced(userId: string): Promise<void> {
  for (const r of await listReports(userId)) if (r.state === 'synced') await withStore('readwrite', (s) => s.delete(r.key));
  changed();
}

/** Fields a resend may drop when the server refused them: the phone's clock or its GPS fix was wrong. */
const DROPPABLE: Partial<Record<string, (keyof CreateRequestBody)[]>> = { reportedAt: ['reportedAt'], lat: ['lat', 'lng'], lng: ['lat', 'lng'] };

/**
 * Puts a report the server refused back in the queue. The refusal was definitive, so no order
 * exists under the old key: a fresh key is safe, and needed (the server would replay its refusal).
 * A refused time or position is left out of the resend rather than refused again.
 */
export async function requeueFailed(report: QueuedReport): Promise<void> {
  if (report.state !== 'failed') return;
  const body = { ...report.body };
  for (const f of DROPPABLE[report.lastErrorField ?? ''] ?? []) delete body[f];
  await withStore('readwrite', (s) => s.delete(report.key));
  await putReport({ ...report, body, key: newKey(), state: 'queued', lastError: null, lastErrorField: null, lastErrorReason: null });
}

/**
 * Puts a refused report back in the queue as the worker corrected it (moved the point, changed a
 * field). Like requeueFailed: the refusal was definitive, so it goes under a fresh key. The old
 * record is replaced in one transaction, so the report is never absent from the queue.
 */
export async function reviseReport(report: QueuedReport, body: CreateRequestBody): Promise<QueuedReport> {
  const revised: QueuedReport = {
    ...report,
    // When it was made stays, unless that was what the server refused (the phone's clock was wrong).
    body: { ...body, reportedAt: report.lastErrorField === 'reportedAt' ? undefined : report.body.reportedAt },
    key: newKey(),
    state: 'queued',
    lastError: null,
    lastErrorField: null,
    lastErrorReason: null,
  };
  const db = await openDb();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(report.key);
    tx.objectStore(STORE).put(revised);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
  changed();
  return revised;
}

// ---- sending --------------------------------------------------------------------------------

/** Sends one report with its own stored key (web/src/api.ts makes its own keys, so not through it). */
async function sendReport(report: QueuedReport): Promise<CreatedRequest> {
  let res: Response;
  try {
    res = await fetch(ENDPOINT, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': report.key },
      body: JSON.stringify(report.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  if (res.ok) return (await res.json()) as CreatedRequest;
  let body: Partial<ErrorBody> = {};
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    // not JSON: a proxy's page; the status says enough
  }
  throw new ApiError(res.status, body.error?.code ?? 'UNEXPECTED', body.error?.message ?? `HTTP ${res.status}`, body.error?.details ?? {});
}

/** Failures worth trying again later with the same key: no answer, a server fault, busy, not logged in. */
function isTransient(err: ApiError): boolean {
  return err.status === 0 || err.status >= 500 || err.status === 401 || err.status === 429 || err.code === 'IDEMPOTENCY_IN_PROGRESS';
}

let running: Promise<SyncSummary> | undefined;

/**
 * Sends every waiting report of this user, oldest first. Calls made while a sync is running
 * join it rather than start a second one.
 */
export function syncReports(userId: string): Promise<SyncSummary> {
  running ??= (async () => {
    const summary: SyncSummary = { synced: 0, failed: 0, waiting: 0, needsLogin: false };
    const reports = (await listReports(userId)).reverse();
    for (const report of reports) {
      // 'syncing' left over from a closed tab: its answer was lost, so send it again (same key).
      if (report.state !== 'queued' && report.state !== 'syncing') continue;
      if (summary.needsLogin || (typeof navigator !== 'undefined' && !navigator.onLine)) {
        summary.waiting += 1;
        continue;
      }
      await putReport({ ...report, state: 'syncing', attempts: report.attempts + 1 });
      try {
        const result = await sendReport(report);
        await putReport({ ...report, state: 'synced', attempts: report.attempts + 1, result, lastError: null, syncedAt: new Date().toISOString() });
        summary.synced += 1;
      } catch (err) {
        const apiErr = err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err));
        if (apiErr.status === 401) summary.needsLogin = true;
        const transient = isTransient(apiErr);
        await putReport({
          ...report,
          state: transient ? 'queued' : 'failed',
          attempts: report.attempts + 1,
          lastError: apiErr.status === 0 ? null : apiErr.readable(),
          lastErrorField: apiErr.fieldError()?.field ?? null,
          lastErrorReason: apiErr.fieldError()?.reason ?? null,
        });
        if (transient) summary.waiting += 1;
        else summary.failed += 1;
      }
    }
    return summary;
  })().finally(() => {
    running = undefined;
  });
  return running;
}
