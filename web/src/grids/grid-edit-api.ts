import type { CreateGridBody, GridSaveResult, UpdateGridBody } from '../../../src/modules/regions/grid-schema.ts';
import type { Region, VillageBoundaryBody } from '../../../src/modules/regions/schema.ts';
import { apiPost, apiPut } from '../api';

const enc = encodeURIComponent;

/** Changes a grid (fields left out stay as they are); warnings such as a grid outside the usual size come back with it. */
export function updateGrid(code: string, body: UpdateGridBody): Promise<GridSaveResult> {
  return apiPut<GridSaveResult>(`/grids/${enc(code)}`, body);
}

/** Draws a new grid in a village; the server assigns the village's next grid code. */
export function createGrid(body: CreateGridBody): Promise<GridSaveResult> {
  return apiPost<GridSaveResult>('/grids', body);
}

/** Draws (or, with null, removes) a village's boundary; township and county staff only. */
export function setVillageBoundary(villageCode: string, boundary: VillageBoundaryBody['boundary']): Promise<Region> {
  return apiPut<Region>(`/regions/${enc(villageCode)}/boundary`, { boundary });
}
