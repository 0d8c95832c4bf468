import type { TFunction } from 'i18next';
import { ROLE_LABELS, type Role } from '../../src/platform/accounts/schema.ts';
import zhCN from './locales/zh-CN';

type KindKey = keyof typeof zhCN.region.kind;

function isRole(value: string): value is Role {
  return Object.hasOwn(ROLE_LABELS, value);
}

function isKind(value: string): value is KindKey {
  return Object.hasOwn(zhCN.region.kind, value);
}

/** A role code as the user reads it; unknown codes are shown as they are. */
export function roleLabel(t: TFunction, role: string | null): string {
  if (!role) return t('common.empty');
  return isRole(role) ? t(`role.${role}`) : role;
}

/** A region's kind (urban/rural village, subdistrict/town/township) as the user reads it. */
export function kindLabel(t: TFunction, kind: string | null): string {
  if (!kind) return t('common.empty');
  return isKind(kind) ? t(`region.kind.${kind}`) : kind;
}

/**
 * "2025-11-23T10:05:00+08:00" → "2025-11-23 10:05". The server already speaks +08:00, so the
 * wall-clock part is shown as sent rather than converted to the browser's zone.
 */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

/** JSON for people: indented, with "—" for nothing. */
export function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value, null, 2);
}
