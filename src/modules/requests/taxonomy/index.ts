import fs from 'node:fs';
import type { Level, RequestType, Tier } from '../tables.js';

/**
 * The request taxonomy (shared/data/request-categories.json, copied here so a clone runs on
 * its own; a test checks the copy against the shared file when it is present). Codes are stable.
 */
export interface Subcategory {
  code: string;
  name: string;
  parentCode: string;
  parentName: string;
  level: Level;
  unit: string;
  tier: Tier;
  dispute: boolean;
}

interface RawTaxonomy {
  tiers: Record<Tier, { signFor: string; resolve: string; calendar: 'clock' | 'working-days' }>;
  requestTypes: { code: RequestType; name: string }[];
  unitKinds: { code: string; name: string }[];
  categories: { code: string; name: string; children: { code: string; name: string; level: Level; unit: string; tier: Tier; dispute?: boolean }[] }[];
}

export const TAXONOMY_FILE = new URL('./request-categories.json', import.meta.url);
const raw = JSON.parse(fs.readFileSync(TAXONOMY_FILE, 'utf8')) as RawTaxonomy;

export const TIERS = raw.tiers;
export const REQUEST_TYPES = raw.requestTypes;
export const UNIT_KINDS = raw.unitKinds;
export const REQUEST_TYPE_CODES = raw.requestTypes.map((t) => t.code);
export const CATEGORIES = raw.categories.map((c) => ({ code: c.code, name: c.name }));
export const SUBCATEGORIES: Subcategory[] = raw.categories.flatMap((c) =>
  c.children.map((s) => ({ ...s, dispute: s.dispute === true, parentCode: c.code, parentName: c.name })),
);
const byCode = new Map(SUBCATEGORIES.map((s) => [s.code, s]));

export function subcategory(code: string): Subcategory | undefined {
  return byCode.get(code);
}

export function requestTypeName(code: string): string {
  return REQUEST_TYPES.find((t) => t.code === code)?.name ?? code;
}

export function unitKindName(code: string): string {
  return UNIT_KINDS.find((u) => u.code === code)?.name ?? code;
}

/** Units that are a level's own office rather than a department. */
export const OFFICE_KINDS = new Set(['grid', 'village', 'township']);
