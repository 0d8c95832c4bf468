import { uuidv7 } from 'uuidv7';
import { SYSTEM_ACTOR, dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { hmacSm3, sm3Hex } from '../../platform/crypto.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalidField, outOfScope } from '../../platform/errors.js';
import { attachFiles, saveBlobs } from '../../platform/files/index.js';
import { chinaDate } from '../../platform/time.js';
import { Timings } from '../../platform/timings.js';
import { normalizePhone, protectPhone } from '../people/index.js';
import { gridAt, locateAddress } from '../regions/index.js';
import { isDisputeType, numberCase, openCaseFromOrder } from '../disputes/index.js';
import { classifyText } from './classify/service.js';
import { preparePhotos, WORK_ORDER_FILES, type Photo } from './photos.js';
import { authorize, inScope } from './policy.js';
import type { CreatedRequest, CreateRequestBody } from './schema.js';
import { eventRow, planRoute, stageRows, tierOf, type StagePlan, type Step } from './stages.js';
import { findDuplicateCandidates, findOrderBySubmitKey, getOrderRow, insertNewOrder, regionRow, takeOrderSeq, type OrderRow } from './store.js';
import type { Channel, RequestType } from './tables.js';
import { subcategory } from './taxonomy/index.js';

/** Where a request is: the most precise place intake could find, and the path row-level security keys on. */
export interface Place {
  gridCode: string | null;
  villageCode: string | null;
  townshipCode: string | null;
}

export interface SubmitOptions {
  channel: Channel;
  /** Who submitted + their Idempotency-Key: a retry after a lost answer or a crash finds the same order. */
  submitKey?: string;
  /** The hash of the request that carried the key: the same key with another request is refused. */
  submitHash?: string;
  /** The 12345 platform's id for an imported order. */
  external?: { source: string; id: string };
  /** Public submissions (resident form, Open311) run as the server; the actor is still audited. */
  asServer?: boolean;
  /** When the request was received, for imports and offline patrol reports. */
  receivedAt?: Date;
  /** Demo data: marked synthetic wherever it is shown. */
  synthetic?: boolean;
  /** Filled with the phases' durations: classify, locate, tx (the transaction, commit included). */
  timings?: Timings;
}

/** The tracking code shown with the number: derived from the order id with the server's key, so a replay shows the same code. */
export function queryCodeFor(hmacKey: string, orderId: string): string {
  const digits = hmacSm3(hmacKey, `query-code:${orderId}`);
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 8; i++) out += alphabet[parseInt(digits.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
  return out;
}

export function queryCodeHash(code: string): string {
  return sm3Hex(`query-code:${code.toUpperCase()}`);
}

/** The county a deployment serves: the county whose regions are loaded (the demo county by default). */
async function countyOf(tx: Tx, deps: Deps): Promise<{ code: string; path: string }> {
  const code = deps.config.demoCounty.padEnd(12, '0');
  const r = await regionRow(tx, code);
  if (!r) throw invalidField('county', `县 ${deps.config.demoCounty} 的区划尚未导入`);
  return { code: deps.config.demoCounty, path: r.path };
}

/** Locates a request: a map pin, else the photos' GPS, else the address text. Runs as the server: the place is a fact, not a view. */
async function locateRequest(deps: Deps, body: Pick<CreateRequestBody, 'lat' | 'lng' | 'address'>, photos: Photo[]): Promise<Place> {
  const pin = body.lat !== undefined && body.lng !== undefined ? { lat: body.lat, lng: body.lng } : undefined;
  const fromPhoto = photos.find((p) => p.exifLat !== null);
  const point = pin ?? (fromPhoto ? { lat: fromPhoto.exifLat!, lng: fromPhoto.exifLng! } : undefined);
  if (point) {
    const hit = await gridAt(deps, point.lat, point.lng);
    if (hit) return hit;
  }
  if (body.address && body.address.trim()) {
    const hit = await locateAddress(deps, SYSTEM_ACTOR, body.address);
    return { gridCode: hit.grid?.code ?? null, villageCode: hit.village?.code ?? null, townshipCode: hit.township?.code ?? null };
  }
  return { gridCode: null, villageCode: null, townshipCode: null };
}

/** A grid worker's patrol without a location is placed in the worker's own village. */
function fallbackPlace(actor: Actor, channel: Channel, place: Place): Place {
  if (place.villageCode || place.townshipCode || channel !== 'patrol') return place;
  return actor.regionCode.length === 12 && actor.role === 'grid_worker' ? { ...place, villageCode: actor.regionCode } : place;
}

async function pathOf(tx: Tx, deps: Deps, place: Place): Promise<{ path: string; townshipCode: string | null }> {
  if (place.gridCode) {
    const g = await tx.selectFrom('grids').select('path').where('code', '=', place.gridCode).executeTakeFirst();
    if (g) return { path: g.path, townshipCode: place.townshipCode ?? place.gridCode.slice(0, 9).padEnd(12, '0') };
  }
  for (const code of [place.villageCode, place.townshipCode]) {
    if (!code) continue;
    const r = await regionRow(tx, code);
    if (r) return { path: r.path, townshipCode: place.townshipCode ?? (r.level === 'township' ? r.code : code.slice(0, 9).padEnd(12, '0')) };
  }
  return { path: (await countyOf(tx, deps)).path, townshipCode: null };
}

async function presentCreated(tx: Tx, deps: Deps, row: OrderRow, duplicates: CreatedRequest['duplicateCandidates']): Promise<CreatedRequest> {
  const full = await getOrderRow(tx, row.id);
  const sub = full?.category_code ? subcategory(full.category_code) : undefined;
  return {
    id: row.id,
    number: row.number,
    queryCode: queryCodeFor(deps.config.hmacKey, row.id),
    status: full?.status ?? row.status,
    categoryCode: full?.category_code ?? null,
    categoryName: sub?.name ?? null,
    requestType: full?.request_type ?? row.request_type,
    unitName: full?.unit_name ?? null,
    duplicateCandidates: duplicates,
  };
}

/** The answer to a new order, from what intake wrote (no second reading). */
function presentNew(deps: Deps, row: OrderRow, plan: StagePlan | undefined, duplicates: CreatedRequest['duplicateCandidates']): CreatedRequest {
  const sub = row.category_code ? subcategory(row.category_code) : undefined;
  return {
    id: row.id,
    number: row.number,
    queryCode: queryCodeFor(deps.config.hmacKey, row.id),
    status: row.status,
    categoryCode: row.category_code,
    categoryName: sub?.name ?? null,
    requestType: row.request_type,
    unitName: plan?.unitName ?? null,
    duplicateCandidates: duplicates,
  };
}

const keyReused = () => new AppError('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key 已用于另一个不同的请求', { field: 'Idempotency-Key' });

/** Two requests with one key at once: the later insert meets the earlier order's unique submit key. */
function isSubmitKeyClash(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'work_orders_submit_key_key';
}

function titleOf(body: CreateRequestBody): string {
  const t = body.title?.trim();
  if (t) return t.slice(0, 60);
  const first = body.description.trim().split(/[。！？!?\n]/)[0] ?? body.description;
  return first.slice(0, 30) || body.description.slice(0, 30);
}

/**
 * Takes a request from any channel into the one queue: classifies it (or keeps the category a
 * person chose), locates it, numbers it, stores its photos without EXIF, routes it to a unit
 * (or to triage when the classifier is unsure or the place unknown), and proposes duplicates.
 * A hotline consultation answered on the spot closes at intake. Idempotent by submit key and by
 * external id: a retry returns the order it made before.
 */
export async function submitRequest(
  deps: Deps,
  actor: Actor,
  body: CreateRequestBody,
  options: SubmitOptions,
): Promise<CreatedRequest & { replayed: boolean }> {
  if (!options.asServer) authorize(actor, 'requests.intake');
  const now = deps.clock.now();
  const receivedAt = options.receivedAt ?? (body.reportedAt ? new Date(body.reportedAt) : now);
  if (receivedAt.getTime() > now.getTime() + 60_000) throw invalidField('reportedAt', '不能晚于当前时间');
  if (body.categoryCode && !subcategory(body.categoryCode)) throw invalidField('categoryCode', '不是有效的诉求分类');
  if (body.answerNow && options.channel !== 'hotline') throw invalidField('answerNow', '只有热线可以当场答复');
  const phone = body.requesterPhone?.trim() ? normalizePhone(body.requesterPhone, 'requesterPhone') : null;
  const description = body.description.trim();
  if (description.length < 5) throw invalidField('description', '请至少写 5 个字，说明事情和地点');
  const timings = options.timings ?? new Timings();
  const photos = await preparePhotos(body.photos ?? [], deps.config);
  const classification = await timings.time('classify', () => classifyText(deps, description));
  const place = fallbackPlace(actor, options.channel, await timings.time('locate', () => locateRequest(deps, body, photos)));
  const calendar = await workCalendar(deps);
  // The photos' content is stored before the order's transaction, which then only names it.
  await saveBlobs(deps, photos);
  const ctx = options.asServer ? SYSTEM_CONTEXT : dbContext(actor);

  const chosen = body.categoryCode ?? null;
  const confident = classification.confidence >= deps.config.triageThreshold;
  const categoryCode = chosen ?? (confident ? classification.categoryCode : null);
  const requestType: RequestType = body.requestType ?? classification.requestType;
  const answer = body.answerNow?.trim() || null;
  const lat = body.lat ?? photos.find((p) => p.exifLat !== null)?.exifLat ?? null;
  const lng = body.lng ?? photos.find((p) => p.exifLng !== null)?.exifLng ?? null;
  const protectedPhone = phone ? protectPhone(deps.config, phone) : null;
  const county = deps.config.demoCounty;
  const day = chinaDate(receivedAt);

  // The day's number, taken in a statement of its own (see takeOrderSeq), then one transaction:
  // reads first (nothing is locked while they run), then the writes; the audit chain's head is
  // taken at its end (appendAudit).
  let seq = 0;
  let caseNumber: string | undefined;
  const attempt = async () => {
    seq ||= await takeOrderSeq(deps.db, county, day);
    // A dispute subcategory opens a mediation case too: its number is taken the same way.
    if (!answer && isDisputeType(categoryCode)) caseNumber ??= await numberCase(deps.db, county, now);
    return withContext(deps.db, ctx, async (tx) => {
      if (options.submitKey) {
        const before = await findOrderBySubmitKey(tx, options.submitKey);
        if (before) {
          if (options.submitHash && before.submit_hash && before.submit_hash !== options.submitHash) throw keyReused();
          return { ...(await presentCreated(tx, deps, before, [])), replayed: true };
        }
      }
      const located = await pathOf(tx, deps, place);
      if (!options.asServer && !inScope(actor, located.path)) {
        throw outOfScope(body.lat !== undefined ? 'lat' : 'address', '该位置不在您的管理范围内');
      }
      const id = uuidv7();
      const duplicates =
        categoryCode && !answer
          ? await findDuplicateCandidates(tx, {
              excludeId: id,
              categoryCode,
              since: new Date(now.getTime() - deps.config.duplicateDays * 86_400_000),
              lat,
              lng,
              meters: deps.config.duplicateMeters,
              villageCode: place.villageCode,
              description,
              minSimilarity: 0.45,
            })
          : [];
      const row: OrderRow = {
        id,
        number: '',
        query_code_hash: queryCodeHash(queryCodeFor(deps.config.hmacKey, id)),
        submit_key: options.submitKey ?? null,
        submit_hash: options.submitKey ? (options.submitHash ?? null) : null,
        channel: options.channel,
        external_source: options.external?.source ?? null,
        external_id: options.external?.id ?? null,
        request_type: requestType,
        category_code: categoryCode,
        // A category an operator or dispatcher chose is a human label; a resident's pick is only a hint.
        category_confirmed: chosen !== null && !options.asServer,
        predicted_category_code: classification.categoryCode,
        predicted_request_type: classification.requestType,
        confidence: classification.confidence,
        tier: categoryCode ? tierOf(categoryCode) : null,
        title: titleOf(body),
        description,
        address: body.address?.trim() || null,
        lat,
        lng,
        grid_code: place.gridCode,
        village_code: place.villageCode,
        township_code: located.townshipCode,
        county_code: county,
        path: located.path,
        requester_name: body.anonymous ? null : body.requesterName?.trim() || null,
        requester_phone_enc: body.anonymous ? null : (protectedPhone?.enc ?? null),
        requester_phone_hash: body.anonymous ? null : (protectedPhone?.hmac ?? null),
        anonymous: body.anonymous ?? false,
        status: 'accepted',
        level: null,
        unit_region_code: null,
        unit_department_id: null,
        current_stage_id: null,
        sign_for_due: null,
        resolve_due: null,
        follow_up_due: null,
        resolved_at: null,
        closed_at: null,
        closed_level: null,
        resolution: null,
        supervised: false,
        return_pending: false,
        reopen_count: 0,
        parent_id: null,
        created_by: actor.userId,
        synthetic: options.synthetic ?? false,
        created_at: receivedAt,
        updated_at: now,
      };
      // A grid worker's own patrol report starts in the grid even before anyone classifies it.
      const plan = !answer && (categoryCode || options.channel === 'patrol') ? await planRoute(tx, row) : undefined;

      row.number = `${county}-${day.replaceAll('-', '')}-${String(seq).padStart(5, '0')}`;
      const step: Step = { deps, actor, now, calendar };
      const events = [
        eventRow(step, row, 'accept', {
          details: {
            channel: options.channel,
            externalId: options.external?.id,
            predicted: classification.categoryCode,
            confidence: classification.confidence,
          },
        }),
      ];
      let stage: ReturnType<typeof stageRows> | undefined;
      if (answer) {
        Object.assign(row, { status: 'closed', closed_at: now, closed_level: 'intake', resolution: answer, resolved_at: now });
        events.push(eventRow(step, row, 'answer', { note: answer }));
      } else if (plan) {
        stage = stageRows(step, row, plan, 1, 'dispatch');
        Object.assign(row, stage.orderPatch);
        events.push(stage.event);
      } else {
        row.status = 'triage';
        // No score in the note: timelines are read by people (and a resident's order may be shown to them); the score stays in the audit details.
        events.push(eventRow(step, row, 'triage', { note: categoryCode ? '无法确定责任单位，待人工派单' : '未能自动确定类别，待人工分类' }));
      }
      await insertNewOrder(tx, { order: row, events, dispatch: stage });
      if (photos.length) await attachFiles(tx, deps, actor, { owner: WORK_ORDER_FILES, ownerId: id, usage: 'photo', field: 'photos' }, photos);
      // A dispute subcategory (12xx) also opens a mediation case linked to the order.
      if (!answer) await openCaseFromOrder(tx, deps.clock, actor, row, calendar, caseNumber);
      await appendAudit(tx, deps.clock, actor, {
        action: 'work_order.create',
        targetType: 'work_order',
        targetId: id,
        after: { number: row.number, channel: options.channel, categoryCode, requestType, path: located.path, photos: photos.length },
      });
      return { ...presentNew(deps, row, plan, duplicates), replayed: false };
    });
  };
  try {
    return await timings.time('tx', attempt);
  } catch (err) {
    // The same key sent twice at once: the second insert met the first's order; its retry finds and replays it.
    if (options.submitKey && isSubmitKeyClash(err)) return timings.time('tx', attempt);
    throw err;
  }
}
