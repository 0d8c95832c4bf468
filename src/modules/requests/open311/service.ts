import { SYSTEM_CONTEXT, withContext } from '../../../platform/db/context.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, invalidField } from '../../../platform/errors.js';
import type { Timings } from '../../../platform/timings.js';
import { submitRequest } from '../intake-service.js';
import type { CreateRequestBody } from '../schema.js';
import { SUBCATEGORIES, subcategory, type Subcategory } from '../taxonomy/index.js';
import { clientActor, verifyApiKey, type Open311Client } from './keys-service.js';
import {
  MEDIA_LINE,
  type Audience,
  presentCreated,
  presentDiscovery,
  presentRequest,
  presentService,
  presentServiceDefinition,
  presentToken,
  presentUpdate,
} from './presenter.js';
import type {
  Open311Created,
  Open311Discovery,
  Open311Request,
  Open311Service,
  Open311ServiceDefinition,
  Open311Token,
  Open311Update,
  PostRequestBody,
  RequestsQuery,
  UpdatesQuery,
} from './schema.js';
import { findPublicOrder, listOrderEvents, listPublicOrders, type PublicOrderRow } from './store.js';

/** The spec's default and largest window for a query, and the most rows one answer holds (for a reader without an api_key, fewer). */
export const WINDOW_DAYS = 90;
export const MAX_ROWS = 1000;
export const PUBLIC_MAX_ROWS = 100;
/** When this API last changed in a way clients should notice (discovery's changeset). */
export const CHANGESET = '2026-11-23T00:00:00+08:00';

const DAY_MS = 86_400_000;
const ORDER_NUMBER = /^[0-9]{6}-[0-9]{8}-[0-9]{5}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- services ------------------------------------------------------------------------------

/** Our subcategories are the services; their top-level category is the group. */
export function listServices(): Open311Service[] {
  return SUBCATEGORIES.map(presentService);
}

function serviceOf(code: string, field = 'service_code'): Subcategory {
  const sub = subcategory(code.trim());
  if (!sub) throw new AppError('NOT_FOUND', `${field}: 没有编号为 ${code.trim()} 的服务`, { field });
  return sub;
}

export function getServiceDefinition(code: string): Open311ServiceDefinition {
  return presentServiceDefinition(serviceOf(code));
}

/** The discovery document; `url` is this endpoint as the client reached it. */
export function discovery(url: string): Open311Discovery {
  return presentDiscovery(url, CHANGESET);
}

// ---- parsing what the spec leaves as text -----------------------------------------------------

// W3C date-time (a profile of ISO 8601): a date, or a date and time. A time without a zone is China
// time; a '+' left unencoded in a query string arrives as a space and is read as '+'.
const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+\- ]\d{2}:?\d{2})?)?$/;

/** A W3C date or date-time: its instant, and whether it named a whole day. */
export function parseW3cDate(raw: string, field: string): { at: Date; wholeDay: boolean } {
  const m = W3C.exec(raw.trim());
  const fail = () => invalidField(field, '应为 W3C 日期时间，例如 2026-11-01T00:00:00+08:00');
  if (!m) throw fail();
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const daysInMonth = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  const inRange = Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= daysInMonth;
  if (!inRange || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(sec ?? 0) > 59) throw fail();
  const z = !zone ? '+08:00' : zone === 'Z' ? 'Z' : `${zone[0] === ' ' ? '+' : zone[0]}${zone.slice(1, 3)}:${zone.slice(-2)}`;
  const at = new Date(`${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${sec ?? '00'}${(frac ?? '').slice(0, 4)}${z}`);
  if (Number.isNaN(at.getTime())) throw fail();
  return { at, wholeDay: h === undefined };
}

/**
 * The window a query covers (inclusive): as given, at most 90 days; one end alone reaches 90
 * days from it; neither is the last 90 days. A date-only end_date covers that whole day.
 */
export function dateWindow(start: string | undefined, end: string | undefined, now: Date): { from: Date; to: Date } {
  const s = start?.trim() ? parseW3cDate(start, 'start_date') : undefined;
  const e = end?.trim() ? parseW3cDate(end, 'end_date') : undefined;
  const to = e ? new Date(e.at.getTime() + (e.wholeDay ? DAY_MS - 1 : 0)) : s ? new Date(s.at.getTime() + WINDOW_DAYS * DAY_MS) : now;
  const from = s ? s.at : new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
  if (from.getTime() > to.getTime()) throw invalidField('end_date', '不能早于 start_date');
  if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) throw invalidField('end_date', `与 start_date 相隔不能超过 ${WINDOW_DAYS} 天`);
  return { from, to };
}

/** A comma-separated list, each item checked; duplicates dropped. */
function commaList(raw: string, field: string, check: (item: string) => boolean, reason: string, max = 200): string[] {
  const items = [...new Set(raw.split(',').map((x) => x.trim()))].filter(Boolean);
  if (items.length === 0) throw invalidField(field, '不能为空');
  if (items.length > max) throw invalidField(field, `一次最多 ${max} 个`);
  const bad = items.find((x) => !check(x));
  if (bad !== undefined) throw invalidField(field, `${bad} ${reason}`);
  return items;
}

// ---- reads (public: run as the server, presented without personal data) -------------------

/** A read with a valid api_key is a partner's (exact data); without one, the public's; a wrong key is 403. */
async function audienceOf(deps: Deps, apiKey: string | undefined): Promise<Audience> {
  if (apiKey === undefined || apiKey.trim() === '') return 'public';
  await verifyApiKey(deps, apiKey);
  return 'partner';
}

/**
 * GET requests: by ids (which override every other argument), or by service, window and status.
 * Without an api_key a page holds at most PUBLIC_MAX_ROWS (a larger page_size is lowered to it).
 */
export async function searchRequests(deps: Deps, q: RequestsQuery): Promise<Open311Request[]> {
  const audience = await audienceOf(deps, q.api_key);
  const max = audience === 'partner' ? MAX_ROWS : PUBLIC_MAX_ROWS;
  const pageSize = Math.min(q.page_size ?? max, max);
  const page = { limit: pageSize, offset: ((q.page ?? 1) - 1) * pageSize };
  const present = (rows: PublicOrderRow[]) => rows.map((r) => presentRequest(r, audience));
  if (q.service_request_id !== undefined) {
    const numbers = commaList(q.service_request_id, 'service_request_id', (x) => ORDER_NUMBER.test(x), '不是有效的工单号（如 522631-20261123-00042）');
    const rows = await withContext(deps.db, SYSTEM_CONTEXT, (tx) => listPublicOrders(tx, { numbers, ...page }));
    return present(rows);
  }
  const categoryCodes =
    q.service_code !== undefined ? commaList(q.service_code, 'service_code', (x) => subcategory(x) !== undefined, '不是有效的服务编号') : undefined;
  let closed: boolean | undefined;
  if (q.status !== undefined) {
    const statuses = commaList(q.status, 'status', (x) => x === 'open' || x === 'closed', '应为 open 或 closed');
    closed = statuses.length === 2 ? undefined : statuses[0] === 'closed';
  }
  const { from, to } = dateWindow(q.start_date, q.end_date, deps.clock.now());
  const rows = await withContext(deps.db, SYSTEM_CONTEXT, (tx) => listPublicOrders(tx, { categoryCodes, closed, from, to, ...page }));
  return present(rows);
}

/** GET one request: exact with a valid api_key, else the public view. */
export async function getRequest(deps: Deps, id: string, apiKey?: string): Promise<Open311Request> {
  const audience = await audienceOf(deps, apiKey);
  const number = id.trim();
  const row = ORDER_NUMBER.test(number) ? await withContext(deps.db, SYSTEM_CONTEXT, (tx) => findPublicOrder(tx, { number })) : undefined;
  if (!row) throw new AppError('NOT_FOUND', `service_request_id: 没有工单号为 ${number} 的公开诉求`, { field: 'service_request_id' });
  return presentRequest(row, audience);
}

/** Our token is the order's id, handed out by POST; it resolves once the order has a service. */
export async function getToken(deps: Deps, token: string): Promise<Open311Token> {
  const id = token.trim();
  const row = UUID.test(id) ? await withContext(deps.db, SYSTEM_CONTEXT, (tx) => findPublicOrder(tx, { id })) : undefined;
  if (!row) throw new AppError('NOT_FOUND', `token: 没有这个 token 对应的诉求`, { field: 'token' });
  return presentToken(row.number, row.id);
}

/** The servicerequestupdates extension: timeline events in the window, oldest first. */
export async function listUpdates(deps: Deps, q: UpdatesQuery): Promise<Open311Update[]> {
  const { from, to } = dateWindow(q.start_date, q.end_date, deps.clock.now());
  const rows = await withContext(deps.db, SYSTEM_CONTEXT, (tx) => listOrderEvents(tx, { from, to, limit: MAX_ROWS }));
  return rows.map(presentUpdate);
}

// ---- POST --------------------------------------------------------------------------------

/** Our intake's field names → the spec's, so a 400 names what the client sent. */
const SPEC_FIELDS: Record<string, string> = {
  categoryCode: 'service_code',
  requesterPhone: 'phone',
  requesterName: 'last_name',
  lng: 'long',
  address: 'address_string',
};

function inSpecTerms(err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED' || typeof err.details.field !== 'string') return err;
  const field = SPEC_FIELDS[err.details.field];
  return field ? invalidField(field, String(err.details.reason ?? err.message)) : err;
}

/** Surname first for Chinese names, given name first for Latin ones. */
function fullName(first: string | undefined, last: string | undefined): string | undefined {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  const name = /[A-Za-z]/.test(f + l) ? `${f} ${l}`.trim() : `${l}${f}`;
  return name ? name.slice(0, 50) : undefined;
}

/** What the request says, with a media_url kept as its last line (we do not fetch remote files). */
function descriptionOf(body: PostRequestBody, sub: Subcategory): string {
  const where = body.address_string?.trim() || (body.lat !== undefined ? `${body.lat},${body.long}` : '');
  // The spec makes description optional; our queue needs words, so the service and place stand in.
  const text = body.description?.trim() || `${sub.name}（${where}）`;
  if (!body.media_url?.trim()) return text;
  const url = body.media_url.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw invalidField('media_url', '应为 http(s) 链接');
  const out = `${text}${MEDIA_LINE}${url}`;
  if (out.length > 4000) throw invalidField('description', '连同 media_url 不能超过 4000 字');
  return out;
}

/**
 * POST Service Request: one order on the 'open311' channel, created at once by the normal intake
 * (classified, located, routed), recorded as the client that holds the key. A retry with the same
 * Idempotency-Key from the same client returns the order it made before.
 */
export async function submitOpen311Request(
  deps: Deps,
  client: Open311Client,
  ip: string | null,
  body: PostRequestBody,
  idempotency: { key: string; requestHash: string } | undefined,
  timings?: Timings,
): Promise<Open311Created & { replayed: boolean }> {
  const sub = subcategory(body.service_code.trim());
  if (!sub) throw invalidField('service_code', `没有编号为 ${body.service_code.trim()} 的服务，请先查询 services`);
  if ((body.lat === undefined) !== (body.long === undefined)) throw invalidField(body.lat === undefined ? 'lat' : 'long', 'lat 和 long 须同时提供');
  if (body.lat === undefined && !body.address_string?.trim()) {
    throw invalidField(body.address_id ? 'address_id' : 'lat', '请提供 lat/long 或 address_string（本系统没有地址库，不支持只给 address_id）');
  }
  const intake: CreateRequestBody = {
    description: descriptionOf(body, sub),
    categoryCode: sub.code,
    lat: body.lat,
    lng: body.long,
    address: body.address_string?.trim() || undefined,
    requesterName: fullName(body.first_name, body.last_name),
    requesterPhone: body.phone?.trim() || undefined,
  };
  const submitKey = idempotency ? `open311:${client.keyId}:${idempotency.key}` : undefined;
  const created = await submitRequest(deps, clientActor(client, ip), intake, {
    channel: 'open311',
    asServer: true,
    submitKey,
    submitHash: idempotency?.requestHash,
    timings,
  }).catch((e: unknown) => {
    throw inSpecTerms(e);
  });
  return { ...presentCreated(created.number, created.id, created.categoryCode ?? sub.code, created.unitName, created.status), replayed: created.replayed };
}
