import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import { COUNTED } from './disclosure-store.js';
import type { CocreationRatingsTable, ContributionKind, ProjectStatus } from './tables.js';

// The SQL of 效果共评: ratings, their summaries, the resident's projects and own contributions, and
// the low-score follow-up proposals.

export interface RatedProjectRow {
  id: string;
  region_code: string;
  path: string;
  title: string;
  status: ProjectStatus;
  progress: number;
  started_on: string | null;
  completed_on: string | null;
  rating_opens_on: string | null;
  rating_closes_on: string | null;
  synthetic: boolean;
}

const projectColumns = [
  'id',
  'region_code',
  'path',
  'title',
  'status',
  'progress',
  'started_on',
  'completed_on',
  'rating_opens_on',
  'rating_closes_on',
  'synthetic',
] as const;

export async function findProject(tx: Tx, id: string): Promise<RatedProjectRow | undefined> {
  return tx.selectFrom('cocreation_projects').select(projectColumns).where('id', '=', id).executeTakeFirst();
}

/** The village's projects a resident may follow: all but cancelled ones, newest first. */
export async function listVillageProjects(tx: Tx, villagePath: string): Promise<RatedProjectRow[]> {
  return tx
    .selectFrom('cocreation_projects')
    .select(projectColumns)
    .where(sql<boolean>`path <@ ${villagePath}::ltree`)
    .where('status', '<>', 'cancelled')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

export async function findHouseholdRating(tx: Tx, projectId: string, householdId: string) {
  return tx
    .selectFrom('cocreation_ratings')
    .select(['id', 'score', 'comment', 'created_at'])
    .where('project_id', '=', projectId)
    .where('household_id', '=', householdId)
    .executeTakeFirst();
}

export async function householdRatings(tx: Tx, householdId: string, projectIds: string[]) {
  if (!projectIds.length) return [];
  return tx
    .selectFrom('cocreation_ratings')
    .select(['project_id', 'score', 'comment', 'created_at'])
    .where('household_id', '=', householdId)
    .where('project_id', 'in', projectIds)
    .execute();
}

export async function insertRating(tx: Tx, row: Insertable<CocreationRatingsTable>): Promise<void> {
  await tx.insertInto('cocreation_ratings').values(row).execute();
}

export interface SummaryRow {
  project_id: string;
  n: number;
  total: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
}

/** Count, sum and count per score for each project. */
export async function ratingSummaries(tx: Tx, projectIds: string[]): Promise<SummaryRow[]> {
  if (!projectIds.length) return [];
  const { rows } = await sql<SummaryRow>`
    SELECT project_id, count(*)::int AS n, sum(score)::int AS total,
      count(*) FILTER (WHERE score = 1)::int AS s1, count(*) FILTER (WHERE score = 2)::int AS s2,
      count(*) FILTER (WHERE score = 3)::int AS s3, count(*) FILTER (WHERE score = 4)::int AS s4,
      count(*) FILTER (WHERE score = 5)::int AS s5
    FROM cocreation_ratings WHERE project_id IN (${sql.join(projectIds)}) GROUP BY project_id`.execute(tx);
  return rows;
}

/** The comments given with ratings, newest first, without who gave them. */
export async function ratingComments(tx: Tx, projectIds: string[], perProject: number) {
  if (!projectIds.length) return [];
  const { rows } = await sql<{ project_id: string; score: number; comment: string; date: string }>`
    SELECT project_id, score, comment, date FROM (
      SELECT project_id, score, comment, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date,
        row_number() OVER (PARTITION BY project_id ORDER BY created_at DESC, id) AS k
      FROM cocreation_ratings
      WHERE project_id IN (${sql.join(projectIds)}) AND comment IS NOT NULL AND btrim(comment) <> '') r
    WHERE k <= ${perProject} ORDER BY project_id, k`.execute(tx);
  return rows;
}

export interface OwnContributionRow {
  project_title: string;
  kind: ContributionKind;
  amount: number | null;
  labour_days: number | null;
  area_m2: number | null;
  description: string | null;
  value_yuan: number;
  receipt_no: string | null;
  contributed_on: string;
}

/** The household's own counted entries on the village's projects. */
export async function householdContributions(tx: Tx, householdId: string, villagePath: string): Promise<OwnContributionRow[]> {
  const { rows } = await sql<OwnContributionRow>`
    SELECT p.title AS project_title, c.kind, c.amount, c.labour_days, c.area_m2, c.description, c.value_yuan, c.receipt_no,
      c.contributed_on::text AS contributed_on
    FROM cocreation_contributions c JOIN cocreation_projects p ON p.id = c.project_id
    WHERE c.household_id = ${householdId} AND p.path <@ ${villagePath}::ltree AND ${COUNTED}
    ORDER BY c.contributed_on DESC, c.recorded_at DESC LIMIT 500`.execute(tx);
  return rows;
}

export interface FollowUpCandidate {
  id: string;
  region_code: string;
  path: string;
  title: string;
  synthetic: boolean;
  rating_opens_on: string;
  rating_closes_on: string;
  n: number;
  total: number;
}

/**
 * Completed projects whose window closed before `today` with an average below `threshold` and no
 * follow-up proposal yet.
 */
export async function followUpCandidates(tx: Tx, today: string, threshold: number): Promise<FollowUpCandidate[]> {
  const { rows } = await sql<FollowUpCandidate>`
    SELECT p.id, p.region_code, p.path::text AS path, p.title, p.synthetic, p.rating_opens_on::text AS rating_opens_on,
      p.rating_closes_on::text AS rating_closes_on, count(r.id)::int AS n, sum(r.score)::int AS total
    FROM cocreation_projects p JOIN cocreation_ratings r ON r.project_id = p.id
    WHERE p.status = 'completed' AND p.rating_closes_on < ${today}::date
      AND NOT EXISTS (SELECT 1 FROM cocreation_proposals f WHERE f.follow_up_of = p.id)
    GROUP BY p.id HAVING avg(r.score) < ${threshold}
    ORDER BY p.rating_closes_on, p.id`.execute(tx);
  return rows;
}

/** Inserts the follow-up proposal; false when another run inserted one for the project first. */
export async function insertFollowUp(
  tx: Tx,
  row: { id: string; region_code: string; path: string; title: string; description: string; synthetic: boolean; follow_up_of: string; now: Date },
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO cocreation_proposals (id, region_code, path, title, description, status, synthetic, created_by, created_at, updated_at, follow_up_of)
    VALUES (${row.id}, ${row.region_code}, ${row.path}::ltree, ${row.title}, ${row.description}, 'open', ${row.synthetic}, NULL, ${row.now}, ${row.now},
      ${row.follow_up_of})
    ON CONFLICT (follow_up_of) WHERE follow_up_of IS NOT NULL DO NOTHING RETURNING id`.execute(tx);
  return rows.length > 0;
}
