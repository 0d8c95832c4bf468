import type { Static } from 'typebox';
import type {
  CallerHistory,
  ClassificationSchema,
  CreatedRequest,
  CreateRequestBody,
  DepartmentSchema,
  DispatchBody,
  ExtensionBody,
  FollowUpBody,
  Inbox,
  MergeBody,
  NoteBody,
  OptionalNoteBody,
  ProgressBody,
  RatesQuery,
  RatesReport,
  ResolveBody,
  RoutingRule,
  RoutingRuleBody,
  RevealBody,
  ReviewBody,
  SuperviseBody,
  TaxonomySchema,
  WhistleBoard,
  WhistleBody,
  WorkOrderDetail,
  WorkOrderPage,
  WorkOrderQuery,
} from '../../../src/modules/requests/schema.ts';
import { apiDelete, apiGet, apiPost, apiPut } from '../api';

// The schema module exports these schemas without a static type; derive it rather than re-declare it.
export type Taxonomy = Static<typeof TaxonomySchema>;
export type Classification = Static<typeof ClassificationSchema>;
export type Department = Static<typeof DepartmentSchema>;

const enc = encodeURIComponent;

/** Request types, categories, time-limit tiers and unit kinds (no login; cached for the session). */
let taxonomyPromise: Promise<Taxonomy> | undefined;
export function getTaxonomy(): Promise<Taxonomy> {
  taxonomyPromise ??= apiGet<Taxonomy>('/requests/taxonomy').catch((err: unknown) => {
    taxonomyPromise = undefined; // try again next time
    throw err;
  });
  return taxonomyPromise;
}

/** The classifier's guess for a description (no login). */
export function classify(text: string): Promise<Classification> {
  return apiPost<Classification>('/requests/classify', { text });
}

/** Intake by staff (hotline operator, grid worker). */
export function createRequest(body: CreateRequestBody): Promise<CreatedRequest> {
  return apiPost<CreatedRequest>('/requests', body);
}

export function getCallerHistory(phone: string): Promise<CallerHistory> {
  return apiGet<CallerHistory>('/callers', { phone });
}

/** Query for the order list; booleans go out only when true. */
export type OrderFilter = Partial<Omit<WorkOrderQuery, 'mine' | 'overdue' | 'supervised'>> & { mine?: boolean; overdue?: boolean; supervised?: boolean };

/** The filter as query parameters: booleans only when true, nothing empty. */
function orderParams(filter: OrderFilter) {
  const { mine, overdue, supervised, ...rest } = filter;
  return { ...rest, mine: mine ? 'true' : undefined, overdue: overdue ? 'true' : undefined, supervised: supervised ? 'true' : undefined };
}

export function listWorkOrders(filter: OrderFilter): Promise<WorkOrderPage> {
  return apiGet<WorkOrderPage>('/work-orders', orderParams(filter));
}

/** The list for the same filters as a workbook (the filters, scope and query on a second sheet), as a link; paging is left out. */
export function workOrdersXlsxUrl(filter: OrderFilter): string {
  const { page: _page, pageSize: _size, after: _after, ...rest } = orderParams(filter);
  return `/api/v1/work-orders.xlsx?${toParams(rest)}`;
}

/** Query parameters from an object, leaving out what is not set. */
function toParams(query: Record<string, unknown>): URLSearchParams {
  return new URLSearchParams(
    Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
}

export function getWorkOrder(id: string): Promise<WorkOrderDetail> {
  return apiGet<WorkOrderDetail>(`/work-orders/${enc(id)}`);
}

export function photoUrl(orderId: string, photoId: string): string {
  return `/api/v1/work-orders/${enc(orderId)}/photos/${enc(photoId)}`;
}

export function getDuplicates(id: string): Promise<WorkOrderPage> {
  return apiGet<WorkOrderPage>(`/work-orders/${enc(id)}/duplicates`);
}

/** The body each order action takes (POST /work-orders/:id/<action>). */
export interface ActionBodies {
  dispatch: DispatchBody;
  sign: OptionalNoteBody;
  progress: ProgressBody;
  return: NoteBody;
  'review-return': ReviewBody;
  extension: ExtensionBody;
  'review-extension': ReviewBody;
  supervise: SuperviseBody;
  escalate: NoteBody;
  whistle: WhistleBody;
  resolve: ResolveBody;
  'follow-up': FollowUpBody;
  close: OptionalNoteBody;
  reopen: NoteBody;
  merge: MergeBody;
  'reveal-contact': RevealBody;
}
export type OrderAction = keyof ActionBodies;
export const ORDER_ACTIONS: readonly OrderAction[] = [
  'dispatch',
  'sign',
  'progress',
  'return',
  'review-return',
  'extension',
  'review-extension',
  'supervise',
  'escalate',
  'whistle',
  'resolve',
  'follow-up',
  'close',
  'reopen',
  'merge',
  'reveal-contact',
];

/** Runs an action on an order; the server answers with the order as it now stands (reveal-contact: the phone). */
export function postAction<A extends Exclude<OrderAction, 'reveal-contact'>>(id: string, action: A, body: ActionBodies[A]): Promise<unknown> {
  return apiPost<unknown>(`/work-orders/${enc(id)}/${action}`, body);
}

export function revealContact(id: string, body: RevealBody): Promise<{ phone: string | null }> {
  return apiPost<{ phone: string | null }>(`/work-orders/${enc(id)}/reveal-contact`, body);
}

/** A department answering a whistle: 报到, then 完成本部门部分. */
export function reportIn(orderId: string, callId: string, note: string): Promise<unknown> {
  return apiPost<unknown>(`/work-orders/${enc(orderId)}/whistle-calls/${enc(callId)}/report-in`, { note });
}

export function partDone(orderId: string, callId: string, note: string): Promise<unknown> {
  return apiPost<unknown>(`/work-orders/${enc(orderId)}/whistle-calls/${enc(callId)}/part-done`, { note });
}

export function getInbox(): Promise<Inbox> {
  return apiGet<Inbox>('/inbox');
}

export function markNotificationRead(id: string): Promise<unknown> {
  return apiPost<unknown>(`/notifications/${enc(id)}/read`);
}

export function listWhistles(open: boolean): Promise<WhistleBoard> {
  return apiGet<WhistleBoard>('/whistles', { open: open ? 'true' : undefined });
}

/** The whistle board as a workbook, as a link. */
export function whistlesXlsxUrl(open: boolean): string {
  return `/api/v1/whistles.xlsx${open ? '?open=true' : ''}`;
}

export function getRates(query: RatesQuery): Promise<RatesReport> {
  return apiGet<RatesReport>('/requests/rates', { ...query });
}

/** The same rates as a workbook (with the formulas and the query on a second sheet), as a link. */
export function ratesXlsxUrl(query: RatesQuery): string {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return `/api/v1/requests/rates.xlsx?${params}`;
}

let departmentsPromise: Promise<Department[]> | undefined;
/** The county's departments (for whistles and manual dispatch); cached for the session. */
export function listDepartments(): Promise<Department[]> {
  departmentsPromise ??= apiGet<Department[]>('/departments').catch((err: unknown) => {
    departmentsPromise = undefined;
    throw err;
  });
  return departmentsPromise;
}

/** 派单路由表: which department answers a unit kind in a region. */
export function listRoutingRules(): Promise<RoutingRule[]> {
  return apiGet<RoutingRule[]>('/routing-rules');
}

/** Creates the rule for a region + unit kind, or replaces the one already there. */
export function saveRoutingRule(body: RoutingRuleBody): Promise<RoutingRule> {
  return apiPut<RoutingRule>('/routing-rules', body);
}

/** Changes the department a rule sends its orders to. */
export function updateRoutingRule(id: string, departmentId: string): Promise<RoutingRule> {
  return apiPut<RoutingRule>(`/routing-rules/${enc(id)}`, { departmentId });
}

export function deleteRoutingRule(id: string): Promise<void> {
  return apiDelete<void>(`/routing-rules/${enc(id)}`);
}
