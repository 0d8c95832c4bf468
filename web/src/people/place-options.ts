import type { TFunction } from 'i18next';
import type { Building } from '../../../src/modules/people/building-schema.ts';
import type { Grid } from '../../../src/modules/regions/grid-schema.ts';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { kindLabel } from '../labels';

interface Option {
  value: string;
  label: string;
}

/** "一组 · 村民小组": the kind tells a 小区 from a 村民小组 of the same name. */
export function groupOptions(t: TFunction, groups: readonly Region[]): Option[] {
  return groups.map((g) => ({ value: g.code, label: `${g.name} · ${kindLabel(t, g.kind)}` }));
}

export function gridOptions(grids: readonly Grid[]): Option[] {
  return grids.map((g) => ({ value: g.code, label: g.name }));
}

/** "3 栋 · 楼栋". */
export function buildingOptions(t: TFunction, buildings: readonly Building[]): Option[] {
  return buildings.map((b) => ({ value: b.id, label: `${b.name} · ${t(`people.building.kind.${b.kind}`)}` }));
}
