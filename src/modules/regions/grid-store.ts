import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { RegionsTable } from '../../platform/db/tables.js';
import type { GridsTable, GridWorkersTable } from './tables.js';

export type GridRow = Selectable<GridsTable> & {
  village_name: string;
  village_kind: string | null;
  township_code: string;
  township_name: string;
};
export type GridWorkerRow = Selectable<GridWorkersTable>;
export type NewGridRow = Insertable<GridsTable>;
export type NewGridWorkerRow = Insertable<GridWorkersTable>;

/** `path <@ scope`: every query carries the actor's scope even though row-level security guards it too. */
const inScope = (scopePath: string) => sql<boolean>`g.path <@ ${scopePath}::ltree`;

function gridsWithNames(tx: Tx) {
  return tx
    .selectFrom('grids as g')
    .innerJoin('regions as v', 'v.code', 'g.village_code')
    .innerJoin('regions as t', 't.code', 'v.parent_code')
    .selectAll('g')
    .select(['v.name as village_name', 'v.kind as village_kind', 't.code as township_code', 't.name as township_name']);
}

export interface GridFilter {
  scopePath: string;
  villageCode?: string;
  townshipCode?: string;
}

export async function listGridRows(tx: Tx, f: GridFilter): Promise<GridRow[]> {
  let q = gridsWithNames(tx).where(inScope(f.scopePath));
  if (f.villageCode) q = q.where('g.village_code', '=', f.villageCode);
  if (f.townshipCode) q = q.where('v.parent_code', '=', f.townshipCode);
  return q.orderBy('g.code').execute();
}

export async function findGridRow(tx: Tx, code: string, scopePath: string): Promise<GridRow | undefined> {
  return gridsWithNames(tx).where('g.code', '=', code).where(inScope(scopePath)).executeTakeFirst();
}

export async function listWorkerRows(tx: Tx, gridCodes: string[]): Promise<GridWorkerRow[]> {
  if (gridCodes.length === 0) return [];
  return tx.selectFrom('grid_workers').selectAll().where('grid_code', 'in', gridCodes).orderBy('grid_code').orderBy('created_at').orderBy('name').execute();
}

/**
 * Serializes grid writes within one village until the transaction ends, so two saves cannot both
 * pass the overlap check or take the same sequence number.
 */
export async function lockVillageGrids(tx: Tx, villageCode: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`grids:${villageCode}`}))`.execute(tx);
}

/**
 * The highest 3-digit sequence used in a village (0 when none). Grids and groups (村民小组 / 小区)
 * share the numbering, so a path label never names both a grid and a group.
 */
export async function maxGridSeq(tx: Tx, villageCode: string): Promise<number> {
  const r = await sql<{ seq: string | null }>`
    SELECT max(right(code, 3)) AS seq FROM (
      SELECT code FROM grids WHERE village_code = ${villageCode}
      UNION ALL SELECT code FROM regions WHERE parent_code = ${villageCode} AND level = 'group') u`.execute(tx);
  return r.rows[0]?.seq ? Number(r.rows[0].seq) : 0;
}

/** Whether a 15-digit code is already a grid or a group (both carry their village's code, so whoever may edit the village sees them). */
export async function unitCodeTaken(tx: Tx, code: string): Promise<boolean> {
  const r = await sql<{ n: number }>`
    SELECT (SELECT count(*) FROM grids WHERE code = ${code}) + (SELECT count(*) FROM regions WHERE code = ${code}) AS n`.execute(tx);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/** Boundaries of a village's grids, for the overlap check. */
export async function listVillageShapes(tx: Tx, villageCode: string): Promise<Pick<GridRow, 'code' | 'name' | 'boundary'>[]> {
  return tx.selectFrom('grids').select(['code', 'name', 'boundary']).where('village_code', '=', villageCode).execute();
}

/** The grid network's version: bumped by a trigger on every write to grids (0012). */
export async function readNetworkVersion(tx: Tx): Promise<number> {
  const r = await tx.selectFrom('grid_network_version').select('version').executeTakeFirstOrThrow();
  return Number(r.version);
}

/** Every grid's boundary, for the locator (read as the system: the index serves all actors). */
export async function listAllShapes(tx: Tx): Promise<Pick<GridRow, 'code' | 'village_code' | 'boundary'>[]> {
  return tx.selectFrom('grids').select(['code', 'village_code', 'boundary']).orderBy('code').execute();
}

export async function insertGrid(tx: Tx, row: NewGridRow): Promise<void> {
  await tx.insertInto('grids').values(row).execute();
}

export async function updateGridRow(tx: Tx, code: string, patch: Updateable<GridsTable>): Promise<void> {
  await tx.updateTable('grids').set(patch).where('code', '=', code).execute();
}

export async function replaceWorkers(tx: Tx, gridCode: string, workers: NewGridWorkerRow[]): Promise<void> {
  await tx.deleteFrom('grid_workers').where('grid_code', '=', gridCode).execute();
  if (workers.length > 0) await tx.insertInto('grid_workers').values(workers).execute();
}

/** Inserts or replaces grids in one statement; the workers of those grids are replaced by `workers`. */
export async function upsertGridBatch(tx: Tx, rows: NewGridRow[], workers: NewGridWorkerRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('grids')
    .values(rows)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        kind: eb.ref('excluded.kind'),
        tags: eb.ref('excluded.tags'),
        boundary: eb.ref('excluded.boundary'),
        min_lng: eb.ref('excluded.min_lng'),
        min_lat: eb.ref('excluded.min_lat'),
        max_lng: eb.ref('excluded.max_lng'),
        max_lat: eb.ref('excluded.max_lat'),
        centroid_lng: eb.ref('excluded.centroid_lng'),
        centroid_lat: eb.ref('excluded.centroid_lat'),
        synthetic: eb.ref('excluded.synthetic'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  await tx
    .deleteFrom('grid_workers')
    .where(
      'grid_code',
      'in',
      rows.map((r) => r.code),
    )
    .execute();
  if (workers.length > 0) await tx.insertInto('grid_workers').values(workers).execute();
}

/** Grids by code without their boundaries (for bulk audit records). */
export async function listGridSummaries(tx: Tx, codes: string[]) {
  if (codes.length === 0) return [];
  return tx
    .selectFrom('grids')
    .select(['code', 'name', 'kind', 'tags', 'village_code as villageCode', 'min_lng', 'min_lat', 'max_lng', 'max_lat', 'synthetic'])
    .where('code', 'in', codes)
    .orderBy('code')
    .execute();
}

export type RegionRef = Pick<Selectable<RegionsTable>, 'code' | 'name' | 'level' | 'kind' | 'parent_code' | 'path' | 'boundary'>;

export async function findRegionsByCodes(tx: Tx, codes: string[]): Promise<RegionRef[]> {
  if (codes.length === 0) return [];
  return tx.selectFrom('regions').select(['code', 'name', 'level', 'kind', 'parent_code', 'path', 'boundary']).where('code', 'in', codes).execute();
}

export async function findGridName(tx: Tx, code: string, scopePath: string): Promise<{ code: string; name: string; path: string } | undefined> {
  return tx.selectFrom('grids as g').select(['g.code', 'g.name', 'g.path']).where('g.code', '=', code).where(inScope(scopePath)).executeTakeFirst();
}

export interface PlaceCandidate {
  kind: 'grid' | 'township' | 'village' | 'group';
  code: string;
  name: string;
  /** township for a village, village for a group or a grid */
  parent_code: string | null;
  score: number;
}

/**
 * Fuzzy name match (pg_trgm) of free address text against region and grid names the actor can
 * see. A name scores by the best of: trigram similarity, the text found inside the name
 * (word_similarity: "上黄" in "上黄村村民委员会"), and the name's core ("上黄村", from
 * "上黄村村民委员会") or stem ("上黄") appearing verbatim in the text ("中潮镇上黄村3组"),
 * which trigrams under-rate in Chinese because there are no spaces between words.
 * A county has a few hundred regions and a few thousand grids, so every visible name is scored
 * (no trigram-index pre-filter: `%` alone would miss the verbatim-containment case above).
 */
export async function searchPlaces(tx: Tx, text: string, scopePath: string, minScore: number, limit: number): Promise<PlaceCandidate[]> {
  const result = await sql<PlaceCandidate>`
    WITH names AS (
      SELECT r.level AS kind, r.code, r.name, r.parent_code,
             regexp_replace(r.name, '(村民委员会|居民委员会|村委会|居委会|办事处)$', '') AS core
        FROM regions r
       WHERE r.level IN ('township', 'village', 'group')
         AND (r.path <@ ${scopePath}::ltree OR ${scopePath}::ltree <@ r.path)
      UNION ALL
      SELECT 'grid', g.code, g.name, g.village_code, g.name
        FROM grids g
       WHERE g.path <@ ${scopePath}::ltree
    ), stems AS (
      SELECT *, regexp_replace(core, '(村|社区|镇|乡|街道)$', '') AS stem FROM names
    ), scored AS (
      SELECT kind, code, name, parent_code,
             greatest(
               similarity(name, ${text}),
               similarity(core, ${text}),
               word_similarity(${text}, name),
               CASE WHEN strpos(${text}, core) > 0 THEN 1.0
                    -- The stem alone ("上黄" in "上黄3组"), unless it is another level's name ("肇兴" in "肇兴镇").
                    WHEN char_length(stem) >= 2 AND strpos(${text}, stem) > 0
                     AND strpos(${text}, stem || '村') = 0 AND strpos(${text}, stem || '社区') = 0
                     AND strpos(${text}, stem || '镇') = 0 AND strpos(${text}, stem || '乡') = 0
                     AND strpos(${text}, stem || '街道') = 0 THEN 0.9
                    ELSE 0 END
             )::float8 AS score
        FROM stems
    )
    SELECT kind, code, name, parent_code, score FROM scored
     WHERE score >= ${minScore}
     ORDER BY score DESC, code
     LIMIT ${limit}`.execute(tx);
  return result.rows.map((r) => ({ ...r, score: Number(r.score) }));
}
