import type { TFunction } from 'i18next';
import { BUILDING_KINDS, type BuildingKind } from '../../../src/modules/people/building-schema.ts';
import { RELATIONS, type Relation } from '../../../src/modules/people/schema.ts';
import zhCN from '../locales/zh-CN';

type TagCode = keyof typeof zhCN.people.tag;
type EventKind = keyof typeof zhCN.people.event;

/** The built-in resident tags (resident_tags in the database), in their display order. */
export const TAG_CODES = Object.keys(zhCN.people.tag) as TagCode[];

function isTag(code: string): code is TagCode {
  return Object.hasOwn(zhCN.people.tag, code);
}

function isEventKind(kind: string): kind is EventKind {
  return Object.hasOwn(zhCN.people.event, kind);
}

/** A tag code as the user reads it; a tag added locally that we do not know is shown as its code. */
export function tagLabel(t: TFunction, code: string): string {
  return isTag(code) ? t(`people.tag.${code}`) : code;
}

export function eventLabel(t: TFunction, kind: string): string {
  return isEventKind(kind) ? t(`people.event.${kind}`) : kind;
}

export function tagOptions(t: TFunction): { value: string; label: string }[] {
  return TAG_CODES.map((code) => ({ value: code, label: t(`people.tag.${code}`) }));
}

/** Relations to the household head; `withHead: false` where a second head would be refused anyway. */
export function relationOptions(t: TFunction, withHead = true): { value: Relation; label: string }[] {
  return RELATIONS.filter((r) => withHead || r !== 'head').map((r) => ({ value: r, label: t(`people.relation.${r}`) }));
}

/** 楼栋 / 院落. */
export function buildingKindOptions(t: TFunction): { value: BuildingKind; label: string }[] {
  return BUILDING_KINDS.map((k) => ({ value: k, label: t(`people.building.kind.${k}`) }));
}
