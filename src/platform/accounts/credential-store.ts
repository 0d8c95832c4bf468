import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Tx } from '../db/context.js';
import type { CredentialGrantsTable } from '../db/tables.js';

export type GrantRow = Selectable<CredentialGrantsTable>;

/** The user's open grant (at most one: a unique index), locked for the step about to change it. */
export async function findOpenGrant(tx: Tx, userId: string): Promise<GrantRow | undefined> {
  return tx.selectFrom('credential_grants').selectAll().where('user_id', '=', userId).where('closed_at', 'is', null).forUpdate().executeTakeFirst();
}

export async function insertGrant(tx: Tx, grant: Insertable<CredentialGrantsTable>): Promise<void> {
  await tx.insertInto('credential_grants').values(grant).execute();
}

export async function updateGrant(tx: Tx, id: string, patch: Updateable<CredentialGrantsTable>): Promise<void> {
  await tx.updateTable('credential_grants').set(patch).where('id', '=', id).execute();
}

/** Closes the user's open grant, if any, with a reason; returns it. */
export async function closeOpenGrant(tx: Tx, userId: string, reason: NonNullable<GrantRow['closed_reason']>, at: Date): Promise<GrantRow | undefined> {
  return tx
    .updateTable('credential_grants')
    .set({ closed_at: at, closed_reason: reason })
    .where('user_id', '=', userId)
    .where('closed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
