import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { BudgetSource, ContributionKind, MeetingKind, VoteMethod } from './tables.js';

// The SQL of the village's public disclosure page (三公开). Everything here is read as the server
// for anyone; the service decides what of it is shown (never names, ids or household amounts).

/**
 * A contribution counts unless it was voided. The projects part adds `voided_at` (migration 0043);
 * read through to_jsonb so this holds before and after that column exists. Once 0043 is merged
 * this may become `c.voided_at IS NULL`. Every query using it names the contributions table `c`.
 */
export const COUNTED = sql<boolean>`(c.voided_at IS NULL)`;

export async function townshipName(tx: Tx, villageCode: string): Promise<string | null> {
  const row = await tx
    .selectFrom('regions as v')
    .innerJoin('regions as t', 't.code', 'v.parent_code')
    .select('t.name')
    .where('v.code', '=', villageCode)
    .executeTakeFirst();
  return row?.name ?? null;
}

export interface HeldMeetingRow {
  id: string;
  kind: MeetingKind;
  title: string;
  held_on: string;
  attended: number;
  invited: number;
}

/** Held meetings of the village that decided something, newest first, with attendance counts. */
export async function heldMeetings(tx: Tx, path: string, limit: number): Promise<HeldMeetingRow[]> {
  const { rows } = await sql<HeldMeetingRow>`
    SELECT m.id, m.kind, m.title, to_char(coalesce(m.held_at, m.starts_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS held_on,
      (SELECT count(*) FROM cocreation_attendees a WHERE a.meeting_id = m.id AND a.attendance IN ('present', 'proxy'))::int AS attended,
      (SELECT count(*) FROM cocreation_attendees a WHERE a.meeting_id = m.id)::int AS invited
    FROM cocreation_meetings m
    WHERE m.path <@ ${path}::ltree AND m.status = 'held' AND EXISTS (SELECT 1 FROM cocreation_resolutions r WHERE r.meeting_id = m.id)
    ORDER BY coalesce(m.held_at, m.starts_at) DESC, m.id LIMIT ${limit}`.execute(tx);
  return rows;
}

export async function resolutionsOf(tx: Tx, meetingIds: string[]) {
  if (!meetingIds.length) return [];
  return tx
    .selectFrom('cocreation_resolutions')
    .select(['meeting_id', 'seq', 'text'])
    .where('meeting_id', 'in', meetingIds)
    .orderBy('meeting_id')
    .orderBy('seq')
    .execute();
}

export interface ClosedVoteRow {
  id: string;
  title: string;
  method: VoteMethod;
  electorate: 'household' | 'adult';
  closed_on: string | null;
  electorate_size: number;
  ballots: number;
  online: number;
  quorum_pct: number;
  pass_pct: number;
  /** The tally fixed when the vote closed (vote-tally.ts), or null for a vote closed without one. */
  result: StoredTally | null;
}

/** What this page reads of a stored tally; each part may be missing in an older row. */
export interface StoredTally {
  ballots?: number;
  online?: number;
  paper?: number;
  quorumReached?: boolean;
  passed?: boolean;
  winnerOptionId?: string | null;
  counts?: { key: string; label: string; votes: number }[];
}

/**
 * Closed votes of the village, newest first, with the tally fixed in `result` when the vote
 * closed. The ballots never change once cast (a trigger), so counting them gives the same tally;
 * the page falls back on them for a vote whose result does not carry the counts.
 */
export async function closedVotes(tx: Tx, path: string, limit: number): Promise<ClosedVoteRow[]> {
  const { rows } = await sql<ClosedVoteRow>`
    SELECT v.id, v.title, v.method, v.electorate,
      to_char(coalesce(v.closed_at, v.closes_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS closed_on,
      coalesce(v.electorate_size, (SELECT count(*) FROM cocreation_electors e WHERE e.vote_id = v.id))::int AS electorate_size,
      (SELECT count(*) FROM cocreation_ballots b WHERE b.vote_id = v.id)::int AS ballots,
      (SELECT count(*) FROM cocreation_ballots b WHERE b.vote_id = v.id AND b.channel = 'online')::int AS online,
      v.quorum_pct, v.pass_pct, v.result
    FROM cocreation_votes v
    WHERE v.path <@ ${path}::ltree AND v.status = 'closed'
    ORDER BY coalesce(v.closed_at, v.closes_at) DESC NULLS LAST, v.id LIMIT ${limit}`.execute(tx);
  return rows;
}

export async function voteOptions(tx: Tx, voteIds: string[]) {
  if (!voteIds.length) return [];
  return tx
    .selectFrom('cocreation_vote_options')
    .select(['id', 'vote_id', 'seq', 'label'])
    .where('vote_id', 'in', voteIds)
    .orderBy('vote_id')
    .orderBy('seq')
    .execute();
}

/** How many ballots name each choice (an option id, or yes / no / abstain), once per ballot. */
export async function choiceCounts(tx: Tx, voteIds: string[]): Promise<{ vote_id: string; choice: string; n: number }[]> {
  if (!voteIds.length) return [];
  const { rows } = await sql<{ vote_id: string; choice: string; n: number }>`
    SELECT b.vote_id, ch AS choice, count(DISTINCT b.id)::int AS n
    FROM cocreation_ballots b CROSS JOIN LATERAL unnest(b.choices) AS ch
    WHERE b.vote_id IN (${sql.join(voteIds)}) GROUP BY b.vote_id, ch`.execute(tx);
  return rows;
}

export interface DisclosedProjectRow {
  id: string;
  title: string;
  status: 'planned' | 'building' | 'completed';
  progress: number;
  plan: string | null;
  started_on: string | null;
  completed_on: string | null;
  rating_opens_on: string | null;
  rating_closes_on: string | null;
}

export async function villageProjects(tx: Tx, path: string, limit: number): Promise<DisclosedProjectRow[]> {
  const { rows } = await sql<DisclosedProjectRow>`
    SELECT id, title, status, progress, plan, started_on::text AS started_on, completed_on::text AS completed_on,
      rating_opens_on::text AS rating_opens_on, rating_closes_on::text AS rating_closes_on
    FROM cocreation_projects WHERE path <@ ${path}::ltree AND status <> 'cancelled'
    ORDER BY (status = 'building') DESC, coalesce(completed_on, started_on) DESC NULLS LAST, created_at DESC LIMIT ${limit}`.execute(tx);
  return rows;
}

export async function budgetLines(tx: Tx, projectIds: string[]): Promise<{ project_id: string; source: BudgetSource; amount: number }[]> {
  if (!projectIds.length) return [];
  return tx.selectFrom('cocreation_budget_lines').select(['project_id', 'source', 'amount']).where('project_id', 'in', projectIds).execute();
}

export interface ReceivedRow {
  project_id: string;
  money: number;
  labour_days: number;
  land_m2: number;
  materials: number;
  value_yuan: number;
  households: number;
}

/** Totals of the counted contributions per project. */
export async function receivedTotals(tx: Tx, projectIds: string[]): Promise<ReceivedRow[]> {
  if (!projectIds.length) return [];
  const { rows } = await sql<ReceivedRow>`
    SELECT c.project_id,
      coalesce(sum(c.amount) FILTER (WHERE c.kind = 'money'), 0)::float8 AS money,
      coalesce(sum(c.labour_days) FILTER (WHERE c.kind = 'labour'), 0)::float8 AS labour_days,
      coalesce(sum(c.area_m2) FILTER (WHERE c.kind = 'land'), 0)::float8 AS land_m2,
      count(*) FILTER (WHERE c.kind = 'materials')::int AS materials,
      coalesce(sum(c.value_yuan), 0)::float8 AS value_yuan,
      count(DISTINCT c.household_id)::int AS households
    FROM cocreation_contributions c
    WHERE c.project_id IN (${sql.join(projectIds)}) AND ${COUNTED} GROUP BY c.project_id`.execute(tx);
  return rows;
}

/**
 * Each contributing household once per project and kind, in the order it first gave, with its
 * head's name (the service keeps only the surname). A household without a head gives its first
 * member's name.
 */
export async function contributorNames(tx: Tx, projectIds: string[]): Promise<{ project_id: string; kind: ContributionKind; name: string }[]> {
  if (!projectIds.length) return [];
  const { rows } = await sql<{ project_id: string; kind: ContributionKind; name: string }>`
    SELECT x.project_id, x.kind,
      coalesce((SELECT r.name FROM residents r WHERE r.id = h.head_resident_id),
               (SELECT r.name FROM residents r WHERE r.household_id = h.id ORDER BY r.created_at, r.id LIMIT 1), '') AS name
    FROM (SELECT c.project_id, c.kind, c.household_id, min(c.contributed_on) AS first_on, min(c.recorded_at) AS first_at
          FROM cocreation_contributions c WHERE c.project_id IN (${sql.join(projectIds)}) AND ${COUNTED}
          GROUP BY c.project_id, c.kind, c.household_id) x
    JOIN households h ON h.id = x.household_id
    ORDER BY x.project_id, x.kind, x.first_on, x.first_at, h.id`.execute(tx);
  return rows;
}

export async function milestonesOf(tx: Tx, projectIds: string[]) {
  if (!projectIds.length) return [];
  const { rows } = await sql<{ project_id: string; title: string; progress: number; reached_on: string }>`
    SELECT project_id, title, progress, reached_on::text AS reached_on FROM cocreation_milestones
    WHERE project_id IN (${sql.join(projectIds)}) ORDER BY project_id, reached_on, recorded_at`.execute(tx);
  return rows;
}
