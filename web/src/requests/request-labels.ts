import type { TFunction } from 'i18next';
import type { WorkOrder } from '../../../src/modules/requests/schema.ts';
import { CHANNELS, LEVELS, ORDER_STATUSES, REQUEST_TYPES, SATISFACTIONS } from '../../../src/modules/requests/schema.ts';
import zhCN from '../locales/zh-CN';

type Status = (typeof ORDER_STATUSES)[number];
type EventKey = keyof typeof zhCN.requests.event;
type ActionKey = keyof typeof zhCN.requests.action;

export { CHANNELS, LEVELS, ORDER_STATUSES, REQUEST_TYPES, SATISFACTIONS };

/** Tag colours by status: grey before anyone holds it, blue while handled, green once done. */
export const STATUS_COLORS: Record<Status, string> = {
  triage: 'orange',
  accepted: 'gold',
  dispatched: 'blue',
  signed: 'geekblue',
  in_progress: 'processing',
  resolved: 'cyan',
  followed_up: 'green',
  closed: 'success',
  merged: 'default',
};

export function statusLabel(t: TFunction, status: string): string {
  return (ORDER_STATUSES as readonly string[]).includes(status) ? t(`requests.status.${status as Status}`) : status;
}

export function requestTypeLabel(t: TFunction, code: string): string {
  return (REQUEST_TYPES as readonly string[]).includes(code) ? t(`requests.requestType.${code as (typeof REQUEST_TYPES)[number]}`) : code;
}

export function channelLabel(t: TFunction, code: string): string {
  return (CHANNELS as readonly string[]).includes(code) ? t(`requests.channel.${code as (typeof CHANNELS)[number]}`) : code;
}

export function levelLabel(t: TFunction, code: string | null): string {
  if (!code) return t('common.empty');
  if (code === 'intake') return t('requests.closedAtIntake');
  return (LEVELS as readonly string[]).includes(code) ? t(`requests.level.${code as (typeof LEVELS)[number]}`) : code;
}

export function satisfactionLabel(t: TFunction, code: string): string {
  return (SATISFACTIONS as readonly string[]).includes(code) ? t(`requests.satisfaction.${code as (typeof SATISFACTIONS)[number]}`) : code;
}

/** A timeline entry's action as the user reads it; an action we do not know is shown as sent. */
export function eventLabel(t: TFunction, action: string): string {
  return Object.hasOwn(zhCN.requests.event, action) ? t(`requests.event.${action as EventKey}`) : action;
}

/** The label of an action button. */
export function actionLabel(t: TFunction, action: string): string {
  return Object.hasOwn(zhCN.requests.action, action) ? t(`requests.action.${action as ActionKey}`) : action;
}

/** The time limit that matters now: sign for before signing, resolve while handling, follow up once resolved. */
export function currentDue(
  order: Pick<WorkOrder, 'status' | 'signForDue' | 'resolveDue' | 'followUpDue'>,
): { kind: 'signFor' | 'resolve' | 'followUp'; at: string } | null {
  switch (order.status) {
    case 'accepted':
    case 'dispatched':
      return order.signForDue ? { kind: 'signFor', at: order.signForDue } : order.resolveDue ? { kind: 'resolve', at: order.resolveDue } : null;
    case 'signed':
    case 'in_progress':
      return order.resolveDue ? { kind: 'resolve', at: order.resolveDue } : null;
    case 'resolved':
      return order.followUpDue ? { kind: 'followUp', at: order.followUpDue } : null;
    default:
      return null;
  }
}

/** "0.9312" → "93.1%"; null (nothing to divide by) → "—". */
export function percent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}
