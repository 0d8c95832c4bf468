import type { ImportJob } from '../../../src/modules/people/import-schema.ts';
import type { Region, RegionPlace } from '../../../src/modules/regions/schema.ts';
import type {
  AddMemberBody,
  CreateHouseholdBody,
  HouseholdDetail,
  HouseholdPage,
  Resident,
  ResidentEvent,
  ResidentEventBody,
  ResidentPage,
  RevealBody,
  UpdateHouseholdBody,
} from '../../../src/modules/people/schema.ts';
import { apiGet, apiPost, apiPostFile, apiPut } from '../api';

const enc = encodeURIComponent;

export interface HouseholdFilter {
  regionCode?: string;
  gridCode?: string;
  buildingId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface ResidentFilter {
  regionCode?: string;
  q?: string;
  tag?: string;
  idNumber?: string;
  phone?: string;
  includeInactive?: boolean;
  page: number;
  pageSize: number;
}

export function listHouseholds(filter: HouseholdFilter): Promise<HouseholdPage> {
  return apiGet<HouseholdPage>('/households', { ...filter });
}

export function getHousehold(id: string): Promise<HouseholdDetail> {
  return apiGet<HouseholdDetail>(`/households/${enc(id)}`);
}

export function createHousehold(body: CreateHouseholdBody): Promise<HouseholdDetail> {
  return apiPost<HouseholdDetail>('/households', body);
}

/** Moves a household: address, grid, group, building. Null takes it out of one; a building brings its group and grid. */
export function updateHousehold(id: string, body: UpdateHouseholdBody): Promise<HouseholdDetail> {
  return apiPut<HouseholdDetail>(`/households/${enc(id)}`, body);
}

export function addMember(householdId: string, body: AddMemberBody): Promise<Resident> {
  return apiPost<Resident>(`/households/${enc(householdId)}/members`, body);
}

export function listResidents(filter: ResidentFilter): Promise<ResidentPage> {
  const { includeInactive, ...rest } = filter;
  return apiGet<ResidentPage>('/residents', { ...rest, includeInactive: includeInactive ? 'true' : undefined });
}

export function residentEvents(id: string): Promise<ResidentEvent[]> {
  return apiGet<ResidentEvent[]>(`/residents/${enc(id)}/events`);
}

export function recordResidentEvent(id: string, body: ResidentEventBody): Promise<Resident> {
  return apiPost<Resident>(`/residents/${enc(id)}/events`, body);
}

/** The full number; the server writes the reason to the audit log. */
export function revealResidentField(id: string, body: RevealBody): Promise<{ value: string | null }> {
  return apiPost<{ value: string | null }>(`/residents/${enc(id)}/reveal`, body);
}

export function getRegion(code: string): Promise<Region> {
  return apiGet<Region>(`/regions/${enc(code)}`);
}

export function getRegionChildren(code: string): Promise<Region[]> {
  return apiGet<Region[]>(`/regions/${enc(code)}/children`);
}

/** Every township and village under a region, without counts (what the pickers search). */
export function getRegionPlaces(code: string): Promise<RegionPlace[]> {
  return apiGet<RegionPlace[]>(`/regions/${enc(code)}/places`);
}

const SPREADSHEET_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** The content type for an import file, or undefined when it is neither .xlsx nor .csv. */
export function importContentType(filename: string): string | undefined {
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  return SPREADSHEET_TYPES[ext];
}

/** Sends the file as it is (no multipart): the server reads it row by row in the background. */
export function startImport(villageCode: string, file: File): Promise<ImportJob> {
  const contentType = importContentType(file.name) ?? 'application/octet-stream';
  return apiPostFile<ImportJob>('/people/imports', { villageCode, filename: file.name }, file, contentType);
}

export function getImport(id: string): Promise<ImportJob> {
  return apiGet<ImportJob>(`/people/imports/${enc(id)}`);
}

export function templateUrl(format: 'xlsx' | 'csv'): string {
  return `/api/v1/people/import/template?format=${format}`;
}

export function exportUrl(regionCode: string): string {
  return `/api/v1/people/export?regionCode=${enc(regionCode)}`;
}
