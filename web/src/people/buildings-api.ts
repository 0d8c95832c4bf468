import type { Building, BuildingList, BuildingQuery, CreateBuildingBody, UpdateBuildingBody } from '../../../src/modules/people/building-schema.ts';
import { apiDelete, apiGet, apiPost, apiPut } from '../api';

const enc = encodeURIComponent;

/** A village's buildings and courtyards (楼栋 / 院落), optionally of one group or grid. */
export function listBuildings(query: BuildingQuery): Promise<BuildingList> {
  return apiGet<BuildingList>('/buildings', { ...query });
}

export function createBuilding(body: CreateBuildingBody): Promise<Building> {
  return apiPost<Building>('/buildings', body);
}

/** A partial update; null clears a field. A new grid moves the building's households with it. */
export function updateBuilding(id: string, body: UpdateBuildingBody): Promise<Building> {
  return apiPut<Building>(`/buildings/${enc(id)}`, body);
}

/** 409 while households still stand in it. */
export function deleteBuilding(id: string): Promise<void> {
  return apiDelete(`/buildings/${enc(id)}`);
}
