import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.js';

// Who is a party member, for other modules (the time bank links a volunteer's hours to their
// membership). Runs in the caller's transaction and context; row-level security applies.

export interface PartyMembership {
  memberId: string;
  residentId: string;
  orgName: string;
}

/** The resident's current membership, if they are a party member. */
export async function partyMembershipOfResident(tx: Tx, residentId: string): Promise<PartyMembership | undefined> {
  const { rows } = await sql<PartyMembership>`SELECT m.id AS "memberId", m.resident_id AS "residentId", o.name AS "orgName"
    FROM party_members m JOIN party_orgs o ON o.id = m.org_id WHERE m.resident_id = ${residentId} AND m.ended_on IS NULL`.execute(tx);
  return rows[0];
}

/** A membership by its id (current or ended). */
export async function partyMembershipById(tx: Tx, memberId: string): Promise<(PartyMembership & { path: string }) | undefined> {
  const { rows } = await sql<PartyMembership & { path: string }>`SELECT m.id AS "memberId", m.resident_id AS "residentId", o.name AS "orgName",
      m.path::text AS path
    FROM party_members m JOIN party_orgs o ON o.id = m.org_id WHERE m.id = ${memberId}`.execute(tx);
  return rows[0];
}
