import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { AssessmentRoundsTable, AssessmentSetsTable } from './tables.js';

// The SQL of assessment (分类+专项考核).

export async function listAssessmentSets(tx: Tx): Promise<Selectable<AssessmentSetsTable>[]> {
  return tx.selectFrom('assessment_sets').selectAll().orderBy('created_at', 'desc').execute();
}

export async function findAssessmentSet(tx: Tx, id: string): Promise<Selectable<AssessmentSetsTable> | undefined> {
  return tx.selectFrom('assessment_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAssessmentSet(tx: Tx, row: Insertable<AssessmentSetsTable>): Promise<void> {
  await tx.insertInto('assessment_sets').values(row).execute();
}

export async function insertAssessmentRound(tx: Tx, row: Insertable<AssessmentRoundsTable>): Promise<void> {
  await tx.insertInto('assessment_rounds').values(row).execute();
}

export async function findAssessmentRound(tx: Tx, id: string) {
  return tx
    .selectFrom('assessment_rounds as a')
    .innerJoin('assessment_sets as s', 's.id', 'a.set_id')
    .innerJoin('regions as r', 'r.code', 'a.region_code')
    .selectAll('a')
    .select(['s.name as set_name', 's.indicators', 'r.name as region_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function listAssessmentRounds(tx: Tx, limit: number) {
  return tx
    .selectFrom('assessment_rounds as a')
    .innerJoin('assessment_sets as s', 's.id', 'a.set_id')
    .innerJoin('regions as r', 'r.code', 'a.region_code')
    .select(['a.id', 's.name as set_name', 'r.name as region_name', 'a.period_from', 'a.period_to', 'a.scores', 'a.created_at'])
    .orderBy('a.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The units assessed: townships or villages under a path, optionally of one kind (urban / rural). */
export async function unitsUnder(tx: Tx, path: string, level: 'township' | 'village', kind: string | null) {
  let q = tx
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('level', '=', level)
    .where(sql<boolean>`path <@ ${path}::ltree`);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('code').execute();
}
