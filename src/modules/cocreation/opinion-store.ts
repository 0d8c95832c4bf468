import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { CocreationOpinionsTable, CocreationProposalsTable, OpinionSource, OpinionStatus, ProposalStatus } from './tables.js';

// The SQL of opinions (意见建议) and proposals (议题). Every list carries its scope filter even
// though row-level security guards the same rows. The visit (party module), the work order
// (requests) and the region are read here only to name and place what an opinion links to.

export type OpinionRecord = Selectable<CocreationOpinionsTable>;
export type ProposalRecord = Selectable<CocreationProposalsTable>;

export interface OpinionRow {
  id: string;
  region_code: string;
  region_name: string;
  path: string;
  source: OpinionSource;
  resident_id: string | null;
  author_name: string;
  content: string;
  status: OpinionStatus;
  answer: string | null;
  proposal_id: string | null;
  proposal_title: string | null;
  project_id: string | null;
  project_title: string | null;
  merged_into: string | null;
  visit_id: string | null;
  meeting_id: string | null;
  meeting_title: string | null;
  order_id: string | null;
  order_number: string | null;
  due_on: string;
  answered_at: Date | null;
  created_at: Date;
}

export interface OpinionFilter {
  scopePath: string;
  today: string;
  status?: OpinionStatus;
  source?: OpinionSource;
  proposalId?: string;
  overdue?: boolean;
  ids?: string[];
  residentId?: string;
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** Opinions within a scope, newest first, with what they link to named. */
export async function listOpinions(tx: Tx, f: OpinionFilter): Promise<OpinionRow[]> {
  const where = [sql`o.path <@ ${f.scopePath}::ltree`];
  if (f.status) where.push(sql`o.status = ${f.status}`);
  if (f.source) where.push(sql`o.source = ${f.source}`);
  if (f.proposalId) where.push(sql`o.proposal_id = ${f.proposalId}::uuid`);
  if (f.overdue) where.push(sql`o.status = 'open' AND o.due_on < ${f.today}::date`);
  if (f.ids) where.push(f.ids.length ? sql`o.id IN (${sql.join(f.ids.map((id) => sql`${id}::uuid`))})` : sql`false`);
  if (f.residentId) where.push(sql`o.resident_id = ${f.residentId}::uuid`);
  if (f.after) where.push(sql`(o.created_at, o.id) < (${f.after.createdAt}, ${f.after.id}::uuid)`);
  const { rows } = await sql<OpinionRow>`
    SELECT o.id, o.region_code, r.name AS region_name, o.path::text AS path, o.source, o.resident_id, o.author_name, o.content,
      o.status, o.answer, o.proposal_id, p.title AS proposal_title, o.project_id, pj.title AS project_title, o.merged_into,
      o.visit_id, o.meeting_id, m.title AS meeting_title, o.order_id, w.number AS order_number, o.due_on, o.answered_at, o.created_at
    FROM cocreation_opinions o
    JOIN regions r ON r.code = o.region_code
    LEFT JOIN cocreation_proposals p ON p.id = o.proposal_id
    LEFT JOIN cocreation_projects pj ON pj.id = o.project_id
    LEFT JOIN cocreation_meetings m ON m.id = o.meeting_id
    LEFT JOIN work_orders w ON w.id = o.order_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY o.created_at DESC, o.id DESC
    LIMIT ${f.limit}`.execute(tx);
  return rows;
}

export async function insertOpinion(tx: Tx, row: Insertable<CocreationOpinionsTable>): Promise<void> {
  await tx.insertInto('cocreation_opinions').values(row).execute();
}

/** An opinion locked for its answer: two answers at once queue, the second sees it answered. */
export async function lockOpinion(tx: Tx, id: string): Promise<OpinionRecord | undefined> {
  return tx.selectFrom('cocreation_opinions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** An opinion's outcome (tables.ts types answered_at as a nested ColumnType, hence the one cast). */
export interface OpinionOutcomePatch extends Omit<Updateable<CocreationOpinionsTable>, 'answered_at'> {
  answered_at: Date;
}

export async function updateOpinion(tx: Tx, id: string, patch: OpinionOutcomePatch): Promise<void> {
  await tx
    .updateTable('cocreation_opinions')
    .set({ ...patch, answered_at: patch.answered_at as never })
    .where('id', '=', id)
    .execute();
}

export async function findOpinionByOrder(tx: Tx, orderId: string): Promise<{ id: string } | undefined> {
  return tx.selectFrom('cocreation_opinions').select('id').where('order_id', '=', orderId).executeTakeFirst();
}

// ---- proposals ----

export interface ProposalRow {
  id: string;
  region_code: string;
  region_name: string;
  path: string;
  title: string;
  description: string | null;
  status: ProposalStatus;
  opinion_count: number;
  created_at: Date;
  updated_at: Date;
}

/** Proposals within a scope, newest first, each with the number of opinions under it. */
export async function listProposals(
  tx: Tx,
  f: { scopePath: string; status?: ProposalStatus; statuses?: ProposalStatus[]; id?: string; limit: number },
): Promise<ProposalRow[]> {
  const where = [sql`p.path <@ ${f.scopePath}::ltree`];
  if (f.status) where.push(sql`p.status = ${f.status}`);
  if (f.statuses) where.push(sql`p.status IN (${sql.join(f.statuses)})`);
  if (f.id) where.push(sql`p.id = ${f.id}::uuid`);
  const { rows } = await sql<ProposalRow>`
    SELECT p.id, p.region_code, r.name AS region_name, p.path::text AS path, p.title, p.description, p.status,
      (SELECT count(*) FROM cocreation_opinions o WHERE o.proposal_id = p.id)::int AS opinion_count, p.created_at, p.updated_at
    FROM cocreation_proposals p JOIN regions r ON r.code = p.region_code
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY p.created_at DESC, p.id DESC
    LIMIT ${f.limit}`.execute(tx);
  return rows;
}

export async function insertProposal(tx: Tx, row: Insertable<CocreationProposalsTable>): Promise<void> {
  await tx.insertInto('cocreation_proposals').values(row).execute();
}

/** A proposal read without a lock (SELECT … FOR UPDATE would need the update policy, which grid workers lack). */
export async function findProposal(tx: Tx, id: string): Promise<ProposalRecord | undefined> {
  return tx.selectFrom('cocreation_proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockProposal(tx: Tx, id: string): Promise<ProposalRecord | undefined> {
  return tx.selectFrom('cocreation_proposals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateProposalStatus(tx: Tx, id: string, status: ProposalStatus, now: Date): Promise<void> {
  await tx.updateTable('cocreation_proposals').set({ status, updated_at: now }).where('id', '=', id).execute();
}

// ---- what an opinion links to, and where things are ----

/** The village a path lies in (a village's own path, or a group's or grid's below it). */
export async function villageOf(tx: Tx, path: string): Promise<{ code: string; name: string; path: string } | undefined> {
  const { rows } = await sql<{ code: string; name: string; path: string }>`
    SELECT code, name, path::text AS path FROM regions WHERE level = 'village' AND path @> ${path}::ltree LIMIT 1`.execute(tx);
  return rows[0];
}

/** A 走访 record (party module's visits), to check it lies in the opinion's village. */
export async function findVisit(tx: Tx, id: string): Promise<{ id: string; path: string } | undefined> {
  const { rows } = await sql<{ id: string; path: string }>`SELECT id, path::text AS path FROM visits WHERE id = ${id}::uuid`.execute(tx);
  return rows[0];
}

/** The latest visits within a village, for the "heard on a visit" picker. */
export async function listVisits(tx: Tx, villagePath: string, limit: number) {
  const { rows } = await sql<{ id: string; visited_on: string; visitor_name: string; notes: string | null }>`
    SELECT id, visited_on, visitor_name, left(notes, 80) AS notes FROM visits
    WHERE path <@ ${villagePath}::ltree ORDER BY visited_on DESC, id DESC LIMIT ${limit}`.execute(tx);
  return rows;
}

/** The village's latest meetings and its projects not cancelled, for the pickers. */
export async function listLinkables(tx: Tx, villagePath: string, limit: number) {
  const meetings = await tx
    .selectFrom('cocreation_meetings')
    .select(['id', 'title', 'starts_at'])
    .where(sql<boolean>`path <@ ${villagePath}::ltree`)
    .where('status', '<>', 'cancelled')
    .orderBy('starts_at', 'desc')
    .limit(limit)
    .execute();
  const projects = await tx
    .selectFrom('cocreation_projects')
    .select(['id', 'title'])
    .where(sql<boolean>`path <@ ${villagePath}::ltree`)
    .where('status', '<>', 'cancelled')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return { meetings, projects };
}

export async function findMeeting(tx: Tx, id: string): Promise<{ id: string; path: string } | undefined> {
  return tx.selectFrom('cocreation_meetings').select(['id', 'path']).where('id', '=', id).executeTakeFirst();
}

export async function findProject(tx: Tx, id: string): Promise<{ id: string; path: string; status: string; title: string } | undefined> {
  return tx.selectFrom('cocreation_projects').select(['id', 'path', 'status', 'title']).where('id', '=', id).executeTakeFirst();
}

// ---- adoption and feedback rates ----

export interface RateCountsRow {
  region_code: string;
  region_name: string;
  level: string;
  opinions: number;
  open: number;
  adopted: number;
  merged: number;
  answered: number;
  declined: number;
  answered_on_time: number;
  due: number;
  overdue: number;
}

/**
 * The counts behind the two rates for each village within a path (a village gives itself).
 * On time: answered on or before the due date (China date of the answer). Due: answered at any
 * time, or still open past the due date.
 */
export async function countOpinionRates(tx: Tx, scopePath: string, today: string): Promise<RateCountsRow[]> {
  const { rows } = await sql<RateCountsRow>`
    SELECT v.code AS region_code, v.name AS region_name, v.level,
      count(o.id)::int AS opinions,
      count(o.id) FILTER (WHERE o.status = 'open')::int AS open,
      count(o.id) FILTER (WHERE o.status = 'adopted')::int AS adopted,
      count(o.id) FILTER (WHERE o.status = 'merged')::int AS merged,
      count(o.id) FILTER (WHERE o.status = 'answered')::int AS answered,
      count(o.id) FILTER (WHERE o.status = 'declined')::int AS declined,
      count(o.id) FILTER (WHERE o.answered_at IS NOT NULL AND (o.answered_at AT TIME ZONE 'Asia/Shanghai')::date <= o.due_on)::int AS answered_on_time,
      count(o.id) FILTER (WHERE o.answered_at IS NOT NULL OR (o.status = 'open' AND o.due_on < ${today}::date))::int AS due,
      count(o.id) FILTER (WHERE o.status = 'open' AND o.due_on < ${today}::date)::int AS overdue
    FROM regions v
    LEFT JOIN cocreation_opinions o ON o.path <@ v.path
    WHERE v.level = 'village' AND v.path <@ ${scopePath}::ltree
    GROUP BY v.code, v.name, v.level, v.path
    ORDER BY v.path`.execute(tx);
  return rows;
}
