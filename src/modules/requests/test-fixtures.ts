import type { Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { generateCountyGrids } from '../regions/index.js';
import { readDivisionCounty } from '../regions/index.js';
import { saveGrids, type GridInput as Grid } from '../regions/index.js';
import { polygonCentroid, type Polygon } from '../regions/index.js';

// Factories for the requests module's tests. Not imported by the server.

export const SHANGHUANG = '522631102200'; // 上黄村, the `village` and `grid` accounts' village (中潮镇)
export const CHANGCHUN = '522631102201'; // 长春村, `village2`
export const ZHONGCHAO = '522631102000'; // 中潮镇, the `township` account

export interface Intake {
  h: Harness;
  cookies: Record<string, string>;
  grids: Grid[];
}

/** Demo grids for the two villages of 中潮镇 the accounts belong to, and logged-in accounts. */
export async function intakeFixture(h: Harness, usernames: string[]): Promise<Intake> {
  const villages = readDivisionCounty('522631').villages.filter((v) => v.code === SHANGHUANG || v.code === CHANGCHUN);
  const grids = generateCountyGrids(villages, { seed: 2026 });
  await saveGrids(h.deps, SYSTEM_ACTOR, grids);
  const cookies: Record<string, string> = {};
  for (const u of usernames) cookies[u] = await h.login(u);
  return { h, cookies, grids };
}

/** Logs everyone in again: moving the test clock past the idle timeout ends sessions. */
export async function relogin(f: Intake): Promise<void> {
  for (const u of Object.keys(f.cookies)) f.cookies[u] = await f.h.login(u);
}

/** A point well inside a grid: its centroid (the demo grids are convex cells). */
export function pointIn(grid: Grid): { lat: number; lng: number } {
  const [lng, lat] = polygonCentroid(grid.boundary as Polygon);
  return { lat, lng };
}

export async function departmentId(h: Harness, code: string): Promise<string> {
  const row = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
    tx.selectFrom('departments').select('id').where('code', '=', `522631-${code}`).executeTakeFirstOrThrow(),
  );
  return row.id;
}

export function client(h: Harness, cookies: Record<string, string>) {
  return {
    get: (url: string, who?: string) => h.app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who]! } : {} }),
    post: (url: string, who: string | undefined, payload: object, headers: Record<string, string> = {}) =>
      h.app.inject({ method: 'POST', url, headers: { ...(who ? { cookie: cookies[who]! } : {}), ...headers }, payload }),
  };
}
