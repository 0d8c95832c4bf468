import { maskPersonalNumbers, maskPhone } from '../../platform/mask.js';
import { toOffsetIso } from '../../platform/time.js';
import { reveal } from '../people/index.js';
import type { Config } from '../../platform/config.js';
import type { WhistleCall, WorkOrder } from './schema.js';
import type { OrderListRow } from './store.js';
import { subcategory } from './taxonomy/index.js';

const iso = (d: Date | string | null) => (d === null ? null : toOffsetIso(d));

/**
 * An order as it leaves the server: the requester's phone is masked here, once, for everyone, and
 * so is every ID- or phone-like number in its free text (title, description, address, resolution);
 * the full contact number only through the audited reveal-contact.
 */
export function presentOrder(row: OrderListRow, config: Config, now: Date): WorkOrder {
  const open = ['dispatched', 'signed', 'in_progress'].includes(row.status);
  return {
    id: row.id,
    number: row.number,
    channel: row.channel,
    requestType: row.request_type,
    categoryCode: row.category_code,
    categoryName: row.category_code ? (subcategory(row.category_code)?.name ?? null) : null,
    categoryConfirmed: row.category_confirmed,
    confidence: row.confidence,
    tier: row.tier,
    title: maskPersonalNumbers(row.title),
    description: maskPersonalNumbers(row.description),
    address: maskPersonalNumbers(row.address),
    lat: row.lat,
    lng: row.lng,
    gridCode: row.grid_code,
    villageCode: row.village_code,
    villageName: row.village_name,
    townshipCode: row.township_code,
    townshipName: row.township_name,
    requesterName: row.requester_name,
    requesterPhone: row.requester_phone_enc ? maskPhone(reveal(config, row.requester_phone_enc)) : null,
    anonymous: row.anonymous,
    status: row.status,
    level: row.level,
    unitRegionCode: row.unit_region_code,
    unitDepartmentId: row.unit_department_id,
    unitName: row.unit_name,
    signForDue: iso(row.sign_for_due),
    resolveDue: iso(row.resolve_due),
    followUpDue: iso(row.follow_up_due),
    overdue: open && row.resolve_due !== null && new Date(row.resolve_due).getTime() < now.getTime(),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    closedLevel: row.closed_level,
    resolution: maskPersonalNumbers(row.resolution),
    supervised: row.supervised,
    returnPending: row.return_pending,
    reopenCount: row.reopen_count,
    parentId: row.parent_id,
    synthetic: row.synthetic,
    createdAt: toOffsetIso(row.created_at),
    updatedAt: toOffsetIso(row.updated_at),
  };
}

export interface WhistleCallRow {
  id: string;
  whistle_id: string;
  order_id: string;
  order_number: string;
  order_title: string;
  unit_name: string | null;
  department_id: string | null;
  region_code: string | null;
  reason: string;
  called_at: Date;
  report_due: Date;
  reported_at: Date | null;
  report_note: string | null;
  part_done_at: Date | null;
  part_note: string | null;
}

export function presentWhistleCall(r: WhistleCallRow, now: Date): WhistleCall {
  const due = new Date(r.report_due).getTime();
  return {
    id: r.id,
    whistleId: r.whistle_id,
    orderId: r.order_id,
    orderNumber: r.order_number,
    orderTitle: maskPersonalNumbers(r.order_title),
    unitName: r.unit_name ?? '',
    departmentId: r.department_id,
    regionCode: r.region_code,
    reason: maskPersonalNumbers(r.reason),
    calledAt: toOffsetIso(r.called_at),
    reportDue: toOffsetIso(r.report_due),
    reportedAt: iso(r.reported_at),
    reportNote: maskPersonalNumbers(r.report_note),
    partDoneAt: iso(r.part_done_at),
    partNote: maskPersonalNumbers(r.part_note),
    late: r.reported_at ? new Date(r.reported_at).getTime() > due : now.getTime() > due,
  };
}
