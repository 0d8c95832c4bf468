import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { MemberMatchField } from './schema.js';
import { matchingResidents, type PeopleMatch } from './store.js';

export interface MatchedMemberRow {
  household_id: string;
  name: string;
  relation: string;
  by: MemberMatchField;
}

/**
 * The active members of these households (one list page's) whom a search's text matched, and by
 * what: the same match as the household search, narrowed to the page, so at most a few rows per
 * household. A number tail says whether the phone or the ID number ends in it.
 */
export async function listMatchedMembers(tx: Tx, scopePath: string, m: PeopleMatch, householdIds: string[]): Promise<MatchedMemberRow[]> {
  if (householdIds.length === 0) return [];
  const by =
    m.kind === 'words'
      ? sql<MemberMatchField>`'name'`
      : m.kind === 'phone'
        ? sql<MemberMatchField>`'phone'`
        : m.kind === 'id'
          ? sql<MemberMatchField>`'idNumber'`
          : sql<MemberMatchField>`CASE WHEN right(residents.phone_masked, 4) = ${m.digits} THEN 'phone' ELSE 'idNumber' END`;
  return matchingResidents(tx, scopePath, m)
    .where('residents.household_id', 'in', householdIds)
    .select(['residents.household_id', 'residents.name', 'residents.relation', by.as('by')])
    .orderBy(sql`residents.relation = 'head'`, 'desc')
    .orderBy('residents.birth_date')
    .execute();
}
