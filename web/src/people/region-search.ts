import type { RegionPlace } from '../../../src/modules/regions/schema.ts';
import { getRegionPlaces } from './people-api';

/**
 * Finding a place by what people type: part of its name (上黄), or its pinyin — initials (`shc`
 * → 上黄村) or spelled out (`shanghuang`), polyphones included (长春村: `ccc` or `zcc`). The
 * pinyin library (pinyin-pro, ~320 kB) is loaded the first time someone types in a picker, not
 * with the app; until it is there, names alone match.
 */
type Matcher = (text: string, input: string) => number[] | null;
let matcher: Matcher | undefined;
let loading: Promise<void> | undefined;

/** Starts loading the pinyin matcher (once); resolves when it is ready or failed (names still match). */
export function loadPinyin(): Promise<void> {
  loading ??= import('pinyin-pro')
    .then((m) => {
      matcher = (text, input) => m.match(text, input);
    })
    .catch(() => undefined);
  return loading;
}

/** Whether a place named `name` answers `input` (name fragment, pinyin initials or pinyin). */
export function placeMatches(name: string, input: string): boolean {
  const q = input.trim().toLowerCase();
  if (!q) return true;
  if (name.toLowerCase().includes(q)) return true;
  if (!/^[a-z]+$/.test(q) || !matcher) return false;
  return matcher(name, q) !== null;
}

/** Every township and village under a region, asked once per session and root. */
const places = new Map<string, Promise<RegionPlace[]>>();
export function placesUnder(rootCode: string): Promise<RegionPlace[]> {
  let p = places.get(rootCode);
  if (!p) {
    p = getRegionPlaces(rootCode);
    p.catch(() => places.delete(rootCode)); // asked again next time
    places.set(rootCode, p);
  }
  return p;
}

// ---- recent choices --------------------------------------------------------------------------

export interface RecentPlace {
  code: string;
  name: string;
  level: string;
}

const RECENT_MAX = 6;
const recentKey = (userId: string) => `gongzhi.recentRegions.${userId}`;

/** The user's last few picked places in this browser, newest first (nothing when storage is unavailable). */
export function recentPlaces(userId: string): RecentPlace[] {
  try {
    const raw = JSON.parse(localStorage.getItem(recentKey(userId)) ?? '[]') as unknown;
    return Array.isArray(raw) ? (raw as RecentPlace[]).filter((r) => typeof r?.code === 'string' && typeof r?.name === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

/** Remembers a picked place first in the user's recent list (a few entries, names only: no personal data). */
export function rememberPlace(userId: string, place: RecentPlace): void {
  try {
    const next = [place, ...recentPlaces(userId).filter((r) => r.code !== place.code)].slice(0, RECENT_MAX);
    localStorage.setItem(recentKey(userId), JSON.stringify(next));
  } catch {
    // Not remembered; the picker still works.
  }
}
