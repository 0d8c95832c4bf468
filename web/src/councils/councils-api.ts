import type { AddMember, Body, CreateBody, CreateShift, Leave, PublicRoster, Shift, UpdateBody } from '../../../src/modules/councils/council-schema.ts';
import { apiGet, apiPatch, apiPost } from '../api';

// 一约四会 and teams (docs/COMPACTS.md, "Councils, teams and boards").

const enc = encodeURIComponent;

export const listBodies = (villageCode: string) => apiGet<Body[]>('/councils', { villageCode });
export const createBody = (body: CreateBody) => apiPost<Body>('/councils', body);
export const updateBody = (id: string, body: UpdateBody) => apiPatch<Body>(`/councils/${enc(id)}`, body);
export const addMember = (id: string, body: AddMember) => apiPost<Body>(`/councils/${enc(id)}/members`, body);
export const endMembership = (id: string, memberId: string, body: Leave = {}) => apiPost<Body>(`/councils/${enc(id)}/members/${enc(memberId)}/leave`, body);
export const listShifts = (villageCode: string, from?: string, to?: string) => apiGet<Shift[]>('/councils/shifts', { villageCode, from, to });
export const createShift = (id: string, body: CreateShift) => apiPost<Shift>(`/councils/${enc(id)}/shifts`, body);
export const workCardsUrl = (id: string) => `/api/v1/councils/${enc(id)}/work-cards.pdf`;
export const getPublicRoster = (villageCode: string) => apiGet<PublicRoster>(`/public/councils/villages/${enc(villageCode)}`);
