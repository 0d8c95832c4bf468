import type { ErrorBody } from '../../src/platform/errors.ts';
import i18n from './i18n';

const BASE = '/api/v1';

/** Calls whose 401 is an answer (bad password, no session yet), not a reason to leave the page. */
const AUTH_PATHS = new Set(['/auth/login', '/auth/me', '/auth/activate']);

/** An error the server (or the network) gave us; `message` is ready to show to the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /**
   * The form field a VALIDATION_FAILED error names, with its reason. The server puts it in
   * `details.field`, and its messages read `field: reason`, so either source works.
   */
  fieldError(): { field: string; reason: string } | undefined {
    if (this.code !== 'VALIDATION_FAILED') return undefined;
    const match = /^([A-Za-z_][\w./[\]]*)\s*[:：]\s*(.+)$/.exec(this.message);
    const rawField = typeof this.details.field === 'string' ? this.details.field : match?.[1];
    if (!rawField) return undefined;
    // "/body/password", "body.password" → "password"
    const field = rawField.split(/[./]/).filter(Boolean).pop() ?? rawField;
    const reason = typeof this.details.reason === 'string' ? this.details.reason : (match?.[2] ?? this.message);
    return { field, reason };
  }

  /**
   * The message in words for an alert or a toast: a field error reads "位置：该位置不在您的管理范围内"
   * (the field's name where the app has words for it, else the reason alone), never the raw
   * "lat: …" the server puts in front of its reason.
   */
  readable(): string {
    const named = typeof this.details.field === 'string' ? this.details.field : undefined;
    const prefix = named !== undefined && this.message.startsWith(`${named}: `) ? named : undefined;
    const fe = prefix === undefined ? this.fieldError() : undefined;
    const rawField = prefix ?? (fe && this.message !== fe.reason ? fe.field : undefined);
    if (rawField === undefined) return this.message;
    const reason = prefix !== undefined ? this.message.slice(prefix.length + 2) : fe!.reason;
    const name = rawField
      .split(/[./[\]]/)
      .filter((p) => p && !/^\d+$/.test(p) && p !== 'body')
      .pop();
    const key = `error.field.${name ?? ''}`;
    // Looked up by a name the server chose, so as a plain string key (the typed keys cannot know it).
    return name && i18n.exists(key) ? `${(i18n.t as (k: string) => string)(key)}：${reason}` : reason;
  }
}

let onUnauthorized: (() => void) | undefined;

/** The auth context registers here to be told when the session is gone. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

/** A v4 UUID; falls back to getRandomValues where randomUUID is missing (plain-http intranet hosts). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Idempotency keys of POSTs whose outcome we do not know yet, by path and body. A repeated
 * click or a retry after a network failure sends the same request with the same key; once the
 * server has answered definitively, the next click is a new action and gets a new key.
 */
const unsettledKeys = new Map<string, string>();

function isSettled(status: number, code: string | undefined): boolean {
  return status > 0 && status < 500 && code !== 'IDEMPOTENCY_IN_PROGRESS';
}

type Query = Record<string, string | number | undefined | null>;

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function toApiError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ErrorBody>;
    if (body.error && typeof body.error.message === 'string') {
      return new ApiError(res.status, body.error.code, body.error.message, body.error.details ?? {});
    }
  } catch {
    // Not JSON (a proxy error page, say); fall through to the generic message.
  }
  return new ApiError(res.status, 'UNEXPECTED', i18n.t('error.unexpected', { status: res.status }));
}

async function send<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('error.network'));
  }
  if (!res.ok) {
    const err = await toApiError(res);
    const apiPath = new URL(path, location.origin).pathname.slice(BASE.length);
    // A resident's pass (co-creation phone pages) is not a session: its refusal is for the page to show.
    if (res.status === 401 && !AUTH_PATHS.has(apiPath) && err.details.field !== 'pass') onUnauthorized?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** GET a JSON resource under /api/v1. */
export function apiGet<T>(path: string, query?: Query, headers: Record<string, string> = {}): Promise<T> {
  return send<T>('GET', buildUrl(path, query), { headers: { Accept: 'application/json', ...headers } });
}

/**
 * PUT JSON under /api/v1 (a partial update: fields left out stay as they are). PUT is idempotent
 * by nature, so it goes without an Idempotency-Key.
 */
export function apiPut<T>(path: string, body: object): Promise<T> {
  return send<T>('PUT', buildUrl(path), { headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** PATCH JSON under /api/v1 (a partial update, for the routes that take PATCH); repeating it changes nothing more, so no key. */
export function apiPatch<T>(path: string, body: object): Promise<T> {
  return send<T>('PATCH', buildUrl(path), { headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** DELETE under /api/v1 (idempotent by nature, no key). */
export function apiDelete<T = void>(path: string): Promise<T> {
  return send<T>('DELETE', buildUrl(path), { headers: { Accept: 'application/json' } });
}

/**
 * POSTs with an Idempotency-Key that stays the same for the same `fingerprint` until the
 * server has answered definitively (see `unsettledKeys`).
 */
async function postOnce<T>(fingerprint: string, url: string, headers: Record<string, string>, body: BodyInit): Promise<T> {
  const key = unsettledKeys.get(fingerprint) ?? newKey();
  unsettledKeys.set(fingerprint, key);
  try {
    const result = await send<T>('POST', url, { headers: { Accept: 'application/json', ...headers, 'Idempotency-Key': key }, body });
    unsettledKeys.delete(fingerprint);
    return result;
  } catch (err) {
    if (err instanceof ApiError && isSettled(err.status, err.code)) unsettledKeys.delete(fingerprint);
    throw err;
  }
}

/** POST JSON under /api/v1 with an Idempotency-Key; `{}` when there is no body. */
export async function apiPost<T>(path: string, body: object = {}, headers: Record<string, string> = {}): Promise<T> {
  const json = JSON.stringify(body);
  return postOnce<T>(`${path}\n${json}`, buildUrl(path), { 'Content-Type': 'application/json', ...headers }, json);
}

/**
 * POST a file as the raw request body (an upload, not JSON), with an Idempotency-Key. The same
 * file sent again after a network failure counts as a retry, not a second upload.
 */
export function apiPostFile<T>(path: string, query: Query, file: File, contentType: string): Promise<T> {
  const url = buildUrl(path, query);
  const fingerprint = `${url}\n${file.name}:${file.size}:${file.lastModified}`;
  return postOnce<T>(fingerprint, url, { 'Content-Type': contentType }, file);
}

/** The text to show for any thrown value; a server field error in words (see ApiError.readable). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.readable();
  if (err instanceof Error && err.message) return err.message;
  return i18n.t('error.network');
}
