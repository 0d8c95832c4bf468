import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import { likeContains } from '../../platform/db/like.js';
import type { BallotChannel, CocreationElectorsTable, CocreationVoteOptionsTable, CocreationVotesTable, VoteStatus } from './tables.js';

// The SQL of votes (表决 / 豆选). The electorate snapshot reads the people module's households and
// residents directly, in the caller's transaction and under its row-level security (the cadre
// sees the registry of the area being polled).

export type VoteRecord = Selectable<CocreationVotesTable>;
export type VoteRow = VoteRecord & { region_name: string; ballots: number };
export type OptionRow = Selectable<CocreationVoteOptionsTable>;
export type ElectorRow = Selectable<CocreationElectorsTable>;

function votes(tx: Tx) {
  return tx
    .selectFrom('cocreation_votes as v')
    .innerJoin('regions as r', 'r.code', 'v.region_code')
    .selectAll('v')
    .select('r.name as region_name')
    .select(sql<number>`(SELECT count(*)::int FROM cocreation_electors e WHERE e.vote_id = v.id AND e.voted_at IS NOT NULL)`.as('ballots'));
}

export async function listVotes(tx: Tx, f: { path: string; status?: VoteStatus; limit?: number }): Promise<VoteRow[]> {
  let q = votes(tx).where(sql<boolean>`v.path <@ ${f.path}::ltree`);
  if (f.status) q = q.where('v.status', '=', f.status);
  return q
    .orderBy(sql`CASE v.status WHEN 'open' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END`)
    .orderBy('v.created_at', 'desc')
    .limit(f.limit ?? 500)
    .execute();
}

export async function findVote(tx: Tx, id: string): Promise<VoteRow | undefined> {
  return votes(tx).where('v.id', '=', id).executeTakeFirst();
}

/** The vote, locked against a concurrent close while a ballot is recorded (ballots share the lock). */
export async function lockVoteForBallot(tx: Tx, id: string): Promise<VoteRecord | undefined> {
  return tx.selectFrom('cocreation_votes').selectAll().where('id', '=', id).forShare().executeTakeFirst();
}

/** The vote, locked for a change of state (open, close, edit). */
export async function lockVote(tx: Tx, id: string): Promise<VoteRecord | undefined> {
  return tx.selectFrom('cocreation_votes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertVote(tx: Tx, row: Insertable<CocreationVotesTable>): Promise<void> {
  await tx.insertInto('cocreation_votes').values(row).execute();
}

export async function updateVote(tx: Tx, id: string, patch: Updateable<CocreationVotesTable>): Promise<void> {
  await tx.updateTable('cocreation_votes').set(patch).where('id', '=', id).execute();
}

export async function listOptions(tx: Tx, voteIds: string[]): Promise<OptionRow[]> {
  if (!voteIds.length) return [];
  return tx.selectFrom('cocreation_vote_options').selectAll().where('vote_id', 'in', voteIds).orderBy('vote_id').orderBy('seq').execute();
}

/** A draft's options, replaced whole (the trigger of 0042 refuses this once the vote has opened). */
export async function replaceOptions(tx: Tx, voteId: string, rows: Insertable<CocreationVoteOptionsTable>[]): Promise<void> {
  await tx.deleteFrom('cocreation_vote_options').where('vote_id', '=', voteId).execute();
  if (rows.length) await tx.insertInto('cocreation_vote_options').values(rows).execute();
}

/** Whether a proposal or meeting exists within the village (the vote must concern the same village). */
export async function existsWithin(tx: Tx, table: 'cocreation_proposals' | 'cocreation_meetings', id: string, villagePath: string): Promise<boolean> {
  const row = await tx
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where(sql<boolean>`path <@ ${villagePath}::ltree`)
    .executeTakeFirst();
  return !!row;
}

export interface Snapshot {
  household_id: string;
  resident_id: string;
  name: string;
  /** Household electorate: the household's adult members at this moment (who may cast its ballot). */
  member_ids: string[];
}

/**
 * The electorate at this moment, from the registry: active households of the area (a village by
 * path, a group by its code) with an adult member, represented by the head (else the eldest adult);
 * or every active resident aged 18 or more on `today`.
 */
export async function snapshotElectorate(
  tx: Tx,
  area: { path: string; groupCode: string | null },
  electorate: 'household' | 'adult',
  today: string,
): Promise<Snapshot[]> {
  const where = area.groupCode ? sql`h.group_code = ${area.groupCode}` : sql`h.path <@ ${area.path}::ltree`;
  const adult = sql`r.status = 'active' AND r.birth_date <= (${today}::date - interval '18 years')::date`;
  if (electorate === 'adult') {
    const { rows } = await sql<Snapshot>`
      SELECT r.household_id, r.id AS resident_id, r.name, ARRAY[r.id] AS member_ids
      FROM residents r JOIN households h ON h.id = r.household_id
      WHERE h.status = 'active' AND ${where} AND ${adult}
      ORDER BY h.address, r.birth_date, r.id`.execute(tx);
    return rows;
  }
  const { rows } = await sql<Snapshot>`
    SELECT h.id AS household_id, r.id AS resident_id, r.name,
           ARRAY(SELECT r.id FROM residents r WHERE r.household_id = h.id AND ${adult} ORDER BY r.id) AS member_ids
    FROM households h
    JOIN LATERAL (SELECT r.id, r.name FROM residents r WHERE r.household_id = h.id AND ${adult}
                  ORDER BY (r.id = h.head_resident_id) DESC, r.birth_date, r.id LIMIT 1) r ON true
    WHERE h.status = 'active' AND ${where}
    ORDER BY h.address, h.id`.execute(tx);
  return rows;
}

export async function insertElectors(tx: Tx, rows: Insertable<CocreationElectorsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('cocreation_electors')
      .values(rows.slice(i, i + 500))
      .execute();
}

export type ElectorListRow = ElectorRow & { address: string; entered_by_name: string | null };

export async function listElectors(tx: Tx, voteId: string, f: { q?: string; voted?: boolean }): Promise<ElectorListRow[]> {
  let q = tx
    .selectFrom('cocreation_electors as e')
    .leftJoin('households as h', 'h.id', 'e.household_id')
    .leftJoin('users as u', 'u.id', 'e.entered_by')
    .selectAll('e')
    .select([sql<string>`coalesce(h.address, '')`.as('address'), 'u.display_name as entered_by_name'])
    .where('e.vote_id', '=', voteId);
  if (f.q) {
    const pattern = likeContains(f.q);
    q = q.where((eb) => eb.or([eb('e.name', 'like', pattern), eb('h.address', 'like', pattern)]));
  }
  if (f.voted !== undefined) q = q.where('e.voted_at', f.voted ? 'is not' : 'is', null);
  return q.orderBy('h.address').orderBy('e.name').limit(2000).execute();
}

export async function findElector(tx: Tx, voteId: string, by: { id?: string; residentId?: string; householdId?: string }): Promise<ElectorRow | undefined> {
  let q = tx.selectFrom('cocreation_electors').selectAll().where('vote_id', '=', voteId);
  if (by.id) q = q.where('id', '=', by.id);
  if (by.residentId) q = q.where('resident_id', '=', by.residentId);
  if (by.householdId) q = q.where('household_id', '=', by.householdId);
  return q.executeTakeFirst();
}

/** The resident's elector rows across votes (theirs, or their household's), for the phone card. */
export async function electorsOf(tx: Tx, voteIds: string[], p: { residentId: string; householdId: string }): Promise<ElectorRow[]> {
  if (!voteIds.length) return [];
  return tx
    .selectFrom('cocreation_electors as e')
    .innerJoin('cocreation_votes as v', 'v.id', 'e.vote_id')
    .selectAll('e')
    .where('e.vote_id', 'in', voteIds)
    .where((eb) =>
      eb.or([
        eb.and([eb('v.electorate', '=', 'adult'), eb('e.resident_id', '=', p.residentId)]),
        eb.and([eb('v.electorate', '=', 'household'), eb('e.household_id', '=', p.householdId)]),
      ]),
    )
    .execute();
}

/**
 * Marks the elector as voted, only if they have not: of two ballots for one elector at the same
 * moment exactly one gets the row back (the other waits for the row lock, then finds it voted).
 */
export async function claimElector(
  tx: Tx,
  id: string,
  mark: { voted_at: Date; channel: BallotChannel; entered_by: string | null; witness_name: string | null },
): Promise<boolean> {
  const row = await tx.updateTable('cocreation_electors').set(mark).where('id', '=', id).where('voted_at', 'is', null).returning('id').executeTakeFirst();
  return !!row;
}

export async function insertBallot(
  tx: Tx,
  row: { id: string; vote_id: string; path: string; elector_id: string | null; channel: BallotChannel; choices: string[] },
) {
  await tx.insertInto('cocreation_ballots').values(row).execute();
}

export async function listBallots(tx: Tx, voteId: string): Promise<{ channel: BallotChannel; choices: string[] }[]> {
  return tx.selectFrom('cocreation_ballots').select(['channel', 'choices']).where('vote_id', '=', voteId).execute();
}

/** Open votes whose closing time has passed (for the sweep). */
export async function listDueVotes(tx: Tx, now: Date): Promise<string[]> {
  const rows = await tx.selectFrom('cocreation_votes').select('id').where('status', '=', 'open').where('closes_at', '<=', now).execute();
  return rows.map((r) => r.id);
}

/** The households that have cast a ballot in a vote (for other modules' participation figures). */
export async function votedHouseholds(tx: Tx, voteId: string): Promise<string[]> {
  const { rows } = await sql<{ household_id: string }>`SELECT DISTINCT household_id FROM cocreation_electors
    WHERE vote_id = ${voteId} AND voted_at IS NOT NULL`.execute(tx);
  return rows.map((r) => r.household_id);
}

/** A vote's state and, once closed, its tally (for another module's step that rests on a vote). */
export async function voteOutcome(
  tx: Tx,
  voteId: string,
): Promise<{ status: VoteStatus; closes_at: Date | null; electorate: string; electorate_size: number | null; result: unknown } | undefined> {
  return tx
    .selectFrom('cocreation_votes')
    .select(['status', 'closes_at', 'electorate', 'electorate_size', 'result'])
    .where('id', '=', voteId)
    .executeTakeFirst();
}
