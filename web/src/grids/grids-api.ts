import type { GridList } from '../../../src/modules/regions/grid-schema.ts';
import type { HouseholdPage } from '../../../src/modules/people/schema.ts';
import { apiGet } from '../api';

export function listGrids(filter: { townshipCode?: string; villageCode?: string }): Promise<GridList> {
  return apiGet<GridList>('/grids', { ...filter });
}

/** The households of a grid (the people module's list), first `pageSize` of them and the total. */
export function gridHouseholds(gridCode: string, pageSize = 50): Promise<HouseholdPage> {
  return apiGet<HouseholdPage>('/households', { gridCode, pageSize });
}
