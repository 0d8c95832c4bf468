import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { CompactStep, OpinionAnswer } from './kinds.js';
import type {
  CompactArticlesTable,
  CompactFlagsTable,
  CompactInvitationsTable,
  CompactObjectionsTable,
  CompactOpinionsTable,
  CompactsTable,
  CompactStepsTable,
  CompactVotesTable,
  CompactVettingsTable,
} from './tables.js';

// The SQL of the compact workflow: the compact and its step records, versions with articles and
// flags, opinions, objections and readings. Dates come back as 'YYYY-MM-DD' text.

export interface CompactRow {
  id: string;
  region_code: string;
  region_name: string;
  region_level: string;
  path: string;
  kind: CompactsTable['kind'];
  title: string;
  step: CompactStep;
  deliberated_on: string | null;
  deliberation_attendees: string[];
  deliberation_minutes: string | null;
  consultation_until: string | null;
  revision_base_seq: number | null;
  notice_from: string | null;
  notice_until: string | null;
  notice_version_id: string | null;
  vote_version_id: string | null;
  published_version_id: string | null;
  published_on: string | null;
  filing_submitted_at: Date | null;
  filing_decided_at: Date | null;
  filing_note: string | null;
  version_seq: number;
  updated_at: Date;
}

const compactColumns = sql`c.id, c.region_code, g.name AS region_name, g.level AS region_level, c.path::text AS path, c.kind, c.title, c.step,
  c.deliberated_on::text AS deliberated_on, c.deliberation_attendees, c.deliberation_minutes, c.consultation_until::text AS consultation_until, c.revision_base_seq,
  c.notice_from::text AS notice_from, c.notice_until::text AS notice_until, c.notice_version_id, c.vote_version_id,
  c.published_version_id, c.published_on::text AS published_on, c.filing_submitted_at, c.filing_decided_at, c.filing_note,
  COALESCE((SELECT max(v.seq) FROM compact_versions v WHERE v.compact_id = c.id), 0)::int AS version_seq, c.updated_at`;

export async function insertCompact(tx: Tx, row: Insertable<CompactsTable>): Promise<void> {
  await tx.insertInto('compacts').values(row).execute();
}

export async function findCompact(tx: Tx, id: string, lock = false): Promise<CompactRow | undefined> {
  if (lock) await sql`SELECT 1 FROM compacts WHERE id = ${id} FOR UPDATE`.execute(tx);
  const { rows } = await sql<CompactRow>`SELECT ${compactColumns} FROM compacts c JOIN regions g ON g.code = c.region_code WHERE c.id = ${id}`.execute(tx);
  return rows[0];
}

export async function listCompacts(tx: Tx, f: { path: string; step?: CompactStep; limit: number }): Promise<CompactRow[]> {
  const { rows } = await sql<CompactRow>`SELECT ${compactColumns} FROM compacts c JOIN regions g ON g.code = c.region_code
    WHERE c.path <@ ${f.path}::ltree ${f.step ? sql`AND c.step = ${f.step}` : sql``}
    ORDER BY c.updated_at DESC, c.id DESC LIMIT ${f.limit}`.execute(tx);
  return rows;
}

/** Published compacts of a village (or community) for the public notice board. */
export async function publishedIn(tx: Tx, regionPath: string): Promise<CompactRow[]> {
  const { rows } = await sql<CompactRow>`SELECT ${compactColumns} FROM compacts c JOIN regions g ON g.code = c.region_code
    WHERE c.path <@ ${regionPath}::ltree AND c.published_version_id IS NOT NULL ORDER BY c.published_on DESC`.execute(tx);
  return rows;
}

/** Compacts a resident of the village may read: past the draft, newest first. */
export async function openToResidents(tx: Tx, regionPath: string): Promise<CompactRow[]> {
  const { rows } = await sql<CompactRow>`SELECT ${compactColumns} FROM compacts c JOIN regions g ON g.code = c.region_code
    WHERE c.path <@ ${regionPath}::ltree AND (c.step IN ('consultation', 'revision', 'notice', 'vote') OR c.published_version_id IS NOT NULL)
    ORDER BY c.updated_at DESC`.execute(tx);
  return rows;
}

export async function updateCompact(tx: Tx, id: string, patch: Updateable<CompactsTable>): Promise<void> {
  await tx.updateTable('compacts').set(patch).where('id', '=', id).execute();
}

export async function insertStep(tx: Tx, row: Insertable<CompactStepsTable>): Promise<void> {
  await tx.insertInto('compact_steps').values(row).execute();
}

export interface StepRow {
  step: CompactStep;
  action: 'completed' | 'reopened';
  summary: string;
  created_at: Date;
  by_name: string | null;
}

export async function listSteps(tx: Tx, compactId: string): Promise<StepRow[]> {
  const { rows } = await sql<StepRow>`SELECT s.step, s.action, s.summary, s.created_at, u.display_name AS by_name
    FROM compact_steps s LEFT JOIN users u ON u.id = s.created_by WHERE s.compact_id = ${compactId} ORDER BY s.created_at, s.id`.execute(tx);
  return rows;
}

// Invitations and the committee

export interface InvitationRow {
  id: string;
  resident_id: string;
  name: string;
  capacity: string;
  committee_role: string | null;
}

export async function insertInvitation(tx: Tx, row: Insertable<CompactInvitationsTable>): Promise<void> {
  await tx.insertInto('compact_invitations').values(row).execute();
}

export async function listInvitations(tx: Tx, compactId: string): Promise<InvitationRow[]> {
  const { rows } = await sql<InvitationRow>`SELECT id, resident_id, name, capacity, committee_role FROM compact_invitations
    WHERE compact_id = ${compactId} ORDER BY created_at, id`.execute(tx);
  return rows;
}

export async function setCommitteeRole(tx: Tx, compactId: string, id: string, role: string | null): Promise<boolean> {
  const r = await tx
    .updateTable('compact_invitations')
    .set({ committee_role: role })
    .where('id', '=', id)
    .where('compact_id', '=', compactId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The registry person to invite, when they live in the compact's area. */
export async function residentWithin(tx: Tx, residentId: string, path: string): Promise<{ id: string; name: string; household_id: string } | undefined> {
  const { rows } = await sql<{ id: string; name: string; household_id: string }>`SELECT r.id, r.name, r.household_id FROM residents r
    WHERE r.id = ${residentId} AND r.path <@ ${path}::ltree`.execute(tx);
  return rows[0];
}

export async function insertVetting(tx: Tx, row: Insertable<CompactVettingsTable>): Promise<void> {
  await tx.insertInto('compact_vettings').values(row).execute();
}

export interface VettingRow {
  agency: CompactVettingsTable['agency'];
  decision: 'approve' | 'refuse';
  reviewer_name: string;
  note: string;
  created_at: Date;
}

/** Each agency's latest decision. */
export async function latestVettings(tx: Tx, compactId: string): Promise<VettingRow[]> {
  const { rows } = await sql<VettingRow>`SELECT DISTINCT ON (agency) agency, decision, reviewer_name, note, created_at
    FROM compact_vettings WHERE compact_id = ${compactId} ORDER BY agency, created_at DESC, id DESC`.execute(tx);
  return rows;
}

// Versions, articles, flags

export interface VersionRow {
  id: string;
  seq: number;
  note: string | null;
  created_at: Date;
  articles: number;
  flags: number;
}

export async function insertVersion(
  tx: Tx,
  version: { id: string; compact_id: string; path: string; seq: number; note: string | null; created_by: string | null; created_at: Date },
  articles: Insertable<CompactArticlesTable>[],
  flags: Insertable<CompactFlagsTable>[],
): Promise<void> {
  await tx.insertInto('compact_versions').values(version).execute();
  await tx.insertInto('compact_articles').values(articles).execute();
  if (flags.length) await tx.insertInto('compact_flags').values(flags).execute();
}

export async function listVersions(tx: Tx, compactId: string): Promise<VersionRow[]> {
  const { rows } = await sql<VersionRow>`SELECT v.id, v.seq, v.note, v.created_at,
      (SELECT count(*) FROM compact_articles a WHERE a.version_id = v.id)::int AS articles,
      (SELECT count(*) FROM compact_flags f WHERE f.version_id = v.id)::int AS flags
    FROM compact_versions v WHERE v.compact_id = ${compactId} ORDER BY v.seq`.execute(tx);
  return rows;
}

export interface ArticleRow {
  article_key: string;
  number: number;
  topic: string;
  text: string;
}

export interface FlagRow {
  article_key: string;
  number: number;
  rule_code: string;
  kind: string;
  matched: string;
  sentence: string;
  reason: string;
  suggestion: string;
}

export async function articlesOf(tx: Tx, versionId: string): Promise<ArticleRow[]> {
  const { rows } = await sql<ArticleRow>`SELECT article_key, number, topic, text FROM compact_articles WHERE version_id = ${versionId} ORDER BY number`.execute(
    tx,
  );
  return rows;
}

export async function flagsOf(tx: Tx, versionId: string): Promise<FlagRow[]> {
  const { rows } = await sql<FlagRow>`SELECT article_key, number, rule_code, kind, matched, sentence, reason, suggestion
    FROM compact_flags WHERE version_id = ${versionId} ORDER BY number, rule_code`.execute(tx);
  return rows;
}

// Votes (step 8)

export async function insertVotes(tx: Tx, rows: Insertable<CompactVotesTable>[]): Promise<void> {
  await tx.insertInto('compact_votes').values(rows).execute();
}

/** The votes on a version: the whole text (article_key null) or one per article. */
export async function votesOf(tx: Tx, versionId: string): Promise<{ vote_id: string; article_key: string | null }[]> {
  const { rows } = await sql<{ vote_id: string; article_key: string | null }>`SELECT vote_id, article_key FROM compact_votes
    WHERE version_id = ${versionId} ORDER BY created_at, id`.execute(tx);
  return rows;
}

// Opinions and objections

export interface OpinionRow {
  id: string;
  article_key: string | null;
  version_seq: number;
  article_number: number | null;
  source: CompactOpinionsTable['source'];
  resident_id: string | null;
  household_id: string | null;
  author_name: string;
  text: string;
  answer: OpinionAnswer | null;
  answer_reason: string | null;
  answered_at: Date | null;
  created_at: Date;
}

export async function insertOpinion(tx: Tx, row: Insertable<CompactOpinionsTable>): Promise<void> {
  await tx.insertInto('compact_opinions').values(row).execute();
}

export async function listOpinions(tx: Tx, compactId: string, f: { residentId?: string } = {}): Promise<OpinionRow[]> {
  const { rows } = await sql<OpinionRow>`SELECT id, article_key, version_seq, article_number, source, resident_id, household_id, author_name, text,
      answer, answer_reason, answered_at, created_at
    FROM compact_opinions WHERE compact_id = ${compactId} ${f.residentId ? sql`AND resident_id = ${f.residentId}` : sql``}
    ORDER BY created_at, id`.execute(tx);
  return rows;
}

export async function answerOpinion(tx: Tx, compactId: string, id: string, patch: Updateable<CompactOpinionsTable>): Promise<boolean> {
  const r = await tx.updateTable('compact_opinions').set(patch).where('id', '=', id).where('compact_id', '=', compactId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface ObjectionRow {
  id: string;
  household_id: string | null;
  author_name: string;
  text: string;
  answer: string | null;
  answered_at: Date | null;
  created_at: Date;
}

export async function insertObjection(tx: Tx, row: Insertable<CompactObjectionsTable>): Promise<void> {
  await tx.insertInto('compact_objections').values(row).execute();
}

export async function listObjections(tx: Tx, compactId: string): Promise<ObjectionRow[]> {
  const { rows } = await sql<ObjectionRow>`SELECT id, household_id, author_name, text, answer, answered_at, created_at
    FROM compact_objections WHERE compact_id = ${compactId} ORDER BY created_at, id`.execute(tx);
  return rows;
}

export async function answerObjection(tx: Tx, compactId: string, id: string, patch: Updateable<CompactObjectionsTable>): Promise<boolean> {
  const r = await tx.updateTable('compact_objections').set(patch).where('id', '=', id).where('compact_id', '=', compactId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// Readings (知晓率) and the figures

/** Records a household's confirmation; false when it had confirmed already. */
export async function insertReading(
  tx: Tx,
  row: { id: string; compact_id: string; path: string; household_id: string; resident_id: string; created_at: Date },
): Promise<boolean> {
  const r = await tx
    .insertInto('compact_readings')
    .values(row)
    .onConflict((oc) => oc.columns(['compact_id', 'household_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function hasRead(tx: Tx, compactId: string, householdId: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM compact_readings WHERE compact_id = ${compactId} AND household_id = ${householdId}`.execute(tx);
  return rows.length > 0;
}

/** Active households in the area, households that confirmed reading, and those that gave an opinion or objection. */
export async function householdFigures(tx: Tx, compactId: string, path: string): Promise<{ households: number; read: number; spoke: string[] }> {
  const { rows } = await sql<{ households: number; read: number; spoke: string[] }>`SELECT
      (SELECT count(*) FROM households h WHERE h.path <@ ${path}::ltree AND h.status = 'active')::int AS households,
      (SELECT count(*) FROM compact_readings r WHERE r.compact_id = ${compactId})::int AS read,
      ARRAY(SELECT household_id FROM compact_opinions WHERE compact_id = ${compactId} AND household_id IS NOT NULL
            UNION SELECT household_id FROM compact_objections WHERE compact_id = ${compactId} AND household_id IS NOT NULL)::text[] AS spoke`.execute(tx);
  return rows[0]!;
}
