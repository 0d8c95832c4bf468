import { XMLBuilder } from 'fast-xml-parser';
import { AppError } from '../../../platform/errors.js';
import { maskPersonalNumbers } from '../../../platform/mask.js';
import { toOffsetIso } from '../../../platform/time.js';
import type { OrderStatus, Tier } from '../tables.js';
import { subcategory, TIERS, unitKindName, type Subcategory } from '../taxonomy/index.js';
import type {
  Format,
  Open311Created,
  Open311Discovery,
  Open311Error,
  Open311Request,
  Open311Service,
  Open311ServiceDefinition,
  Open311Token,
  Open311Update,
} from './schema.js';
import { CLOSED_STATUSES, CLOSING_ACTIONS, type OrderEventRow, type PublicOrderRow } from './store.js';

/*
 * What leaves the server through Open311. Everything here is public, so: never the requester's
 * name or phone (also blanked out of free text, with anything that looks like a phone or ID
 * number), never a staff note; and for services about people rather than places (disputes,
 * social assistance, complaints about officials) only the status and the unit, no text or place.
 * Reads without an api_key get a coarser view still (see Audience).
 */

const iso = (d: Date | string | null) => (d === null ? null : toOffsetIso(d));

/** Services whose requests describe people: their text and location stay inside. */
export function isPrivateService(sub: Subcategory | undefined): boolean {
  return !sub || sub.dispute || sub.parentCode === '06' || sub.parentCode === '15';
}

/** 'PT24H' → '24 小时', 'P3WD' → '3 个工作日'. */
function durationText(iso8601: string): string {
  const hours = /^PT(\d+)H$/.exec(iso8601);
  if (hours) return `${hours[1]} 小时`;
  const days = /^P(\d+)WD$/.exec(iso8601);
  return days ? `${days[1]} 个工作日` : iso8601;
}

export function timeLimitText(tier: Tier): string {
  const t = TIERS[tier];
  return `${durationText(t.signFor)}内签收，${durationText(t.resolve)}内办结`;
}

export function presentService(s: Subcategory): Open311Service {
  const privacy = isPrivateService(s) ? '。此类诉求涉及个人情况，公开查询只显示办理状态和承办单位' : '';
  return {
    service_code: s.code,
    service_name: s.name,
    description: `${s.parentName}／${s.name}：${unitKindName(s.unit)}承办，${timeLimitText(s.tier)}${privacy}`,
    metadata: false,
    type: 'realtime',
    keywords: [s.parentName, unitKindName(s.unit)].join(','),
    group: s.parentName,
  };
}

export function presentServiceDefinition(s: Subcategory): Open311ServiceDefinition {
  return { service_code: s.code, attributes: [] };
}

const STATUS_TEXT: Record<OrderStatus, string> = {
  triage: '已受理，待人工分类派单',
  accepted: '已受理，待派单',
  dispatched: '已派单，待承办单位签收',
  signed: '承办单位已签收',
  in_progress: '办理中',
  resolved: '已办结，待回访',
  followed_up: '已回访，督办审核中',
  closed: '已结案',
  merged: '已与其他工单合并办理',
};

/**
 * Free text fit for the public: anything like a phone or ID number masked (the same function as
 * the staff pages, src/platform/mask.ts), and the requester's own name blanked.
 */
export function scrubText(text: string, requesterName: string | null): string {
  let out = maskPersonalNumbers(text);
  const name = requesterName?.trim();
  if (name && name.length >= 2) out = out.split(name).join('**');
  return out;
}

/** A media_url sent with an Open311 request is kept as the description's last line (see service.ts). */
export const MEDIA_LINE = '\n图片链接：';

function splitMedia(description: string): { text: string; mediaUrl: string | null } {
  const at = description.lastIndexOf(MEDIA_LINE);
  if (at < 0) return { text: description, mediaUrl: null };
  const url = description.slice(at + MEDIA_LINE.length).trim();
  return /^https?:\/\/\S+$/.test(url) ? { text: description.slice(0, at), mediaUrl: url } : { text: description, mediaUrl: null };
}

export function openOrClosed(status: OrderStatus): 'open' | 'closed' {
  return CLOSED_STATUSES.includes(status) ? 'closed' : 'open';
}

/**
 * Who reads: a client that presented a valid api_key (`partner`) sees each order as it was
 * submitted; anyone else (`public`) a coarser view — the point rounded to 3 decimals (about
 * 100 m), the place as township and village only, the text masked and cut short.
 */
export type Audience = 'partner' | 'public';

/** Characters of free text (description, resolution) a public reader gets; the rest is '…'. */
export const PUBLIC_TEXT_CHARS = 100;
/** Decimals of lat/long a public reader gets: 3 ≈ 110 m north–south, 100 m east–west here. */
export const PUBLIC_COORD_DECIMALS = 3;

const coarse = (v: number | null) => (v === null ? null : Math.round(v * 10 ** PUBLIC_COORD_DECIMALS) / 10 ** PUBLIC_COORD_DECIMALS);

/** At most `max` characters (not UTF-16 units: a CJK extension character is not cut in half). */
function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

function statusNotes(row: PublicOrderRow, hidden: boolean, audience: Audience): string {
  const label = STATUS_TEXT[row.status];
  if (row.status === 'merged' && row.parent_number) return `已并入工单 ${row.parent_number} 一并办理`;
  if (!hidden && row.resolution && ['resolved', 'followed_up', 'closed'].includes(row.status)) {
    const text = scrubText(row.resolution, row.requester_name);
    return `${label}：${audience === 'public' ? shorten(text, PUBLIC_TEXT_CHARS) : text}`;
  }
  return label;
}

/** One order as a GeoReport v2 service request, for a partner (exact) or the public (coarse). */
export function presentRequest(row: PublicOrderRow, audience: Audience = 'public'): Open311Request {
  const sub = subcategory(row.category_code);
  const hidden = isPrivateService(sub);
  const exact = !hidden && audience === 'partner';
  const closed = openOrClosed(row.status) === 'closed';
  const { text, mediaUrl } = splitMedia(row.description);
  const place = [row.township_name, row.village_name].filter(Boolean).join('');
  const description = scrubText(text, row.requester_name);
  return {
    service_request_id: row.number,
    status: closed ? 'closed' : 'open',
    status_notes: statusNotes(row, hidden, audience),
    service_name: sub?.name ?? null,
    service_code: row.category_code,
    description: hidden ? null : exact ? description : shorten(description, PUBLIC_TEXT_CHARS),
    agency_responsible: row.unit_name,
    service_notice: sub ? timeLimitText(sub.tier) : null,
    requested_datetime: toOffsetIso(row.created_at),
    // For a closed request the spec wants the time it was closed.
    updated_datetime: iso(closed ? (row.closed_at ?? row.resolved_at ?? row.updated_at) : row.updated_at),
    expected_datetime: iso(row.resolve_due),
    address: exact && row.address ? scrubText(row.address, row.requester_name) : place || null,
    // Our address ids are region codes: the grid, else the village, else the township (never the grid for the public).
    address_id: exact ? (row.grid_code ?? row.village_code ?? row.township_code) : (row.village_code ?? row.township_code),
    zipcode: null,
    lat: hidden ? null : exact ? row.lat : coarse(row.lat),
    long: hidden ? null : exact ? row.lng : coarse(row.lng),
    media_url: hidden ? null : mediaUrl,
  };
}

export function presentCreated(number: string, orderId: string, categoryCode: string, unitName: string | null, status: OrderStatus): Open311Created {
  const sub = subcategory(categoryCode);
  const limit = sub ? timeLimitText(sub.tier) : '';
  const notice = status === 'triage' || status === 'accepted' || !unitName ? `已受理，待派单；${limit}` : `已派至${unitName}办理；${limit}`;
  return { service_request_id: number, token: orderId, service_notice: notice, account_id: null };
}

export function presentToken(number: string, token: string): Open311Token {
  return { service_request_id: number, token };
}

const EVENT_TEXT: Record<string, string> = {
  accept: '受理',
  triage: '待人工分类派单',
  classify: '调整分类',
  dispatch: '派单',
  sign: '签收',
  progress: '办理进展',
  return: '申请退单',
  return_approved: '退单获准，重新派单',
  return_refused: '退单未获准，继续办理',
  extension: '申请延期',
  extension_approved: '延期获准',
  extension_refused: '延期未获准',
  supervise: '列入督办',
  unsupervise: '解除督办',
  auto_supervise: '超时督办',
  escalate: '上报上一级',
  auto_escalate: '超时自动上报上一级',
  whistle: '吹哨召集部门',
  report_in: '部门报到',
  part_done: '部门完成所承担任务',
  resolve: '办结',
  answer: '当场答复办结',
  follow_up: '回访',
  close: '结案',
  reopen: '重办',
  merge: '与其他工单合并办理',
  merged_in: '合并其他工单',
};

/**
 * A timeline event as an update: what happened and which unit, never a person's name or a
 * staff note, except the resolution text of public services (the same text as status_notes).
 */
export function presentUpdate(e: OrderEventRow): Open311Update {
  const sub = subcategory(e.category_code);
  const what = EVENT_TEXT[e.action] ?? '办理记录';
  const unit = e.unit_name ? `（${e.unit_name}）` : '';
  const resolution = e.action === 'resolve' && e.note && !isPrivateService(sub) ? `：${scrubText(e.note, e.requester_name)}` : '';
  return {
    update_id: e.id,
    service_request_id: e.number,
    status: e.last_turn && CLOSING_ACTIONS.includes(e.last_turn) ? 'closed' : 'open',
    updated_datetime: toOffsetIso(e.occurred_at),
    description: `${what}${unit}${resolution}`,
    media_url: null,
  };
}

export function presentDiscovery(url: string, changeset: string): Open311Discovery {
  return {
    changeset,
    contact: '本县社会治理综合指挥中心（一号受理）。接口问题请联系平台管理员。',
    key_service:
      '接入密钥 (api_key) 由平台管理员在服务器上用 `gongzhi open311 key add <接入方名称>` 生成并线下交付；读取接口无需密钥（无密钥时位置只到村、坐标取 3 位小数、描述截短，每页最多 100 条；带有效密钥读取完整信息）。',
    endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset, type: 'production', formats: ['application/json', 'text/xml'] }],
  };
}

/** An error in the spec's shape; the HTTP status is the code. Unknown failures say nothing more. */
export function presentError(err: AppError): Open311Error[] {
  return [{ code: err.status, description: err.message }];
}

// ---- rendering ---------------------------------------------------------------------------------

export type Open311Document =
  | { kind: 'services'; items: Open311Service[] }
  | { kind: 'service_definition'; item: Open311ServiceDefinition }
  | { kind: 'requests'; items: (Open311Request | Open311Created | Open311Token)[] }
  | { kind: 'updates'; items: Open311Update[] }
  | { kind: 'errors'; items: Open311Error[] }
  | { kind: 'discovery'; item: Open311Discovery };

/** XML root and item elements per the spec (updates as FixMyStreet writes them). */
const XML_LISTS = {
  services: ['services', 'service'],
  requests: ['service_requests', 'request'],
  updates: ['service_requests_updates', 'request_update'],
  errors: ['errors', 'error'],
} as const;

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, ignoreAttributes: false });
// XML 1.0 has no way to write most control characters; they are dropped from text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlSafe(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafe(v)]));
  return value;
}

function xmlTree(doc: Open311Document): Record<string, unknown> {
  switch (doc.kind) {
    case 'service_definition':
      return { service_definition: { service_code: doc.item.service_code, attributes: { attribute: doc.item.attributes } } };
    case 'discovery': {
      const endpoints = doc.item.endpoints.map((e) => ({ ...e, formats: { format: e.formats } }));
      return { discovery: { ...doc.item, endpoints: { endpoint: endpoints } } };
    }
    default: {
      const [root, item] = XML_LISTS[doc.kind];
      return { [root]: { [item]: doc.items } };
    }
  }
}

export const CONTENT_TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** The document in the format the client asked for (the URL's .json or .xml). */
export function renderDocument(format: Format, doc: Open311Document): string {
  if (format === 'json') return JSON.stringify('items' in doc ? doc.items : doc.item);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(xmlSafe(xmlTree(doc))) as string}`;
}
