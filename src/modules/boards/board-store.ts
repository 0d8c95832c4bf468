import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { Board, EntryStatus, NoticeMethod } from './kinds.js';
import type { BoardEntriesTable, BoardObjectionsTable } from './tables.js';

// The SQL of the boards: entries, objections, and the queries the public page and the 评优评先
// check read. Households, residents and regions are read-only joins for names and paths.

export interface RegionRow {
  code: string;
  name: string;
  level: string;
  path: string;
}

export async function findRegion(tx: Tx, code: string): Promise<RegionRow | undefined> {
  const { rows } = await sql<RegionRow>`SELECT code, name, level, path::text AS path FROM regions WHERE code = ${code}`.execute(tx);
  return rows[0];
}

export interface HouseholdRow {
  id: string;
  village_code: string;
  path: string;
  address: string;
  head_name: string;
  status: string;
}

export async function findHousehold(tx: Tx, id: string): Promise<HouseholdRow | undefined> {
  const { rows } = await sql<HouseholdRow>`SELECT h.id, h.village_code, h.path::text AS path, h.address, h.status,
      coalesce((SELECT r.name FROM residents r WHERE r.id = h.head_resident_id), '') AS head_name
    FROM households h WHERE h.id = ${id}`.execute(tx);
  return rows[0];
}

export interface EntryRow {
  id: string;
  village_code: string;
  path: string;
  household_id: string;
  household_name: string;
  household_address: string;
  board: Board;
  status: EntryStatus;
  council_id: string;
  compact_title: string;
  article_number: string;
  article_text: string;
  facts: string;
  public_text: string;
  objection_days: number;
  publish_days: number;
  proposed_at: Date;
  notified_at: Date | null;
  notice_method: NoticeMethod | null;
  notice_note: string | null;
  objection_until: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  published_at: Date | null;
  published_until: Date | null;
  /** Objections not yet answered. */
  open_objections: number;
}

const entryColumns = sql`e.id, e.village_code, e.path::text AS path, e.household_id,
  coalesce((SELECT r.name FROM residents r WHERE r.id = h.head_resident_id), '') AS household_name, h.address AS household_address,
  e.board, e.status, e.council_id, e.compact_title, e.article_number, e.article_text, e.facts, e.public_text, e.objection_days,
  e.publish_days, e.proposed_at, e.notified_at, e.notice_method, e.notice_note, e.objection_until, e.decided_at, e.decision_note,
  e.published_at, e.published_until,
  (SELECT count(*)::int FROM board_objections o WHERE o.entry_id = e.id AND o.answered_at IS NULL) AS open_objections`;

export async function findEntry(tx: Tx, id: string, lock = false): Promise<EntryRow | undefined> {
  if (lock) await sql`SELECT 1 FROM board_entries WHERE id = ${id} FOR UPDATE`.execute(tx);
  const { rows } = await sql<EntryRow>`SELECT ${entryColumns} FROM board_entries e JOIN households h ON h.id = e.household_id WHERE e.id = ${id}`.execute(tx);
  return rows[0];
}

/**
 * A village's entries, newest first, every state (the cadre's history). `stage` narrows to one
 * state as of `now`: expired = published and past its end; objection = notified with an open objection.
 */
export async function listEntries(tx: Tx, villageCode: string, now: Date, filter: { stage?: string; board?: Board }): Promise<EntryRow[]> {
  const stage =
    filter.stage === 'expired'
      ? sql`AND e.status = 'published' AND e.published_until <= ${now}`
      : filter.stage === 'published'
        ? sql`AND e.status = 'published' AND e.published_until > ${now}`
        : filter.stage === 'objection'
          ? sql`AND e.status = 'notified' AND EXISTS (SELECT 1 FROM board_objections o WHERE o.entry_id = e.id AND o.answered_at IS NULL)`
          : filter.stage === 'notified'
            ? sql`AND e.status = 'notified' AND NOT EXISTS (SELECT 1 FROM board_objections o WHERE o.entry_id = e.id AND o.answered_at IS NULL)`
            : filter.stage
              ? sql`AND e.status = ${filter.stage}`
              : sql``;
  const { rows } = await sql<EntryRow>`SELECT ${entryColumns} FROM board_entries e JOIN households h ON h.id = e.household_id
    WHERE e.village_code = ${villageCode} ${stage} ${filter.board ? sql`AND e.board = ${filter.board}` : sql``}
    ORDER BY e.proposed_at DESC, e.id DESC LIMIT 500`.execute(tx);
  return rows;
}

/** Published entries still up at `now` in a village (the public board). */
export async function currentEntries(tx: Tx, villageCode: string, now: Date): Promise<EntryRow[]> {
  const { rows } = await sql<EntryRow>`SELECT ${entryColumns} FROM board_entries e JOIN households h ON h.id = e.household_id
    WHERE e.village_code = ${villageCode} AND e.status = 'published' AND e.published_until > ${now}
    ORDER BY e.board, e.published_at DESC LIMIT 500`.execute(tx);
  return rows;
}

/** Households on a warning board now (黑榜 / 黄榜, published, not expired) within a subtree. */
export async function ineligibleWithin(tx: Tx, scopePath: string | null, boards: readonly Board[], now: Date, householdIds?: string[]): Promise<EntryRow[]> {
  const { rows } = await sql<EntryRow>`SELECT ${entryColumns} FROM board_entries e JOIN households h ON h.id = e.household_id
    WHERE ${scopePath ? sql`e.path <@ ${scopePath}::ltree` : sql`true`} AND e.status = 'published' AND e.published_until > ${now}
      AND e.board = ANY(${[...boards]}::text[])
      ${householdIds ? sql`AND e.household_id = ANY(${householdIds}::uuid[])` : sql``}
    ORDER BY e.village_code, e.published_until DESC LIMIT 5000`.execute(tx);
  return rows;
}

export async function insertEntry(tx: Tx, row: Insertable<BoardEntriesTable>): Promise<void> {
  await tx.insertInto('board_entries').values(row).execute();
}

export async function updateEntry(tx: Tx, id: string, set: Updateable<BoardEntriesTable>): Promise<void> {
  await tx.updateTable('board_entries').set(set).where('id', '=', id).execute();
}

export interface ObjectionRow {
  id: string;
  entry_id: string;
  raised_by: string;
  content: string;
  raised_on: string;
  answer: string | null;
  upheld: boolean | null;
  answered_at: Date | null;
}

export async function listObjections(tx: Tx, entryIds: string[]): Promise<ObjectionRow[]> {
  if (entryIds.length === 0) return [];
  const { rows } = await sql<ObjectionRow>`SELECT id, entry_id, raised_by, content, raised_on, answer, upheld, answered_at
    FROM board_objections WHERE entry_id = ANY(${entryIds}::uuid[]) ORDER BY recorded_at, id`.execute(tx);
  return rows;
}

export async function insertObjection(tx: Tx, row: Insertable<BoardObjectionsTable>): Promise<void> {
  await tx.insertInto('board_objections').values(row).execute();
}

export async function answerObjection(
  tx: Tx,
  id: string,
  set: { answer: string; upheld: boolean; answered_by: string | null; answered_at: Date },
): Promise<number> {
  const r = await tx.updateTable('board_objections').set(set).where('id', '=', id).where('answered_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
