import { dbContext, type Actor } from '../actor.js';
import { appendAudit } from '../audit/service.js';
import { decryptWithAny, encryptField } from '../crypto.js';
import { withContext } from '../db/context.js';
import type { Deps } from '../deps.js';
import { forbidden } from '../errors.js';
import { listTotpSecrets, updateUser } from './store.js';

/** Re-encrypts the admins' TOTP secrets under the current data key (see rotateResidentKeys). */
export async function rotateTotpSecrets(deps: Deps, actor: Actor, oldDataKey: string): Promise<number> {
  if (actor.role !== 'system') throw forbidden('keys.rotate');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const rows = await listTotpSecrets(tx);
    for (const r of rows) {
      const { plaintext } = decryptWithAny([deps.config.dataKey, oldDataKey], r.totp_secret);
      await updateUser(tx, r.id, { totp_secret: encryptField(deps.config.dataKey, plaintext) });
    }
    await appendAudit(tx, deps.clock, actor, { action: 'keys.rotate.totp', targetType: 'users', details: { users: rows.length } });
    return rows.length;
  });
}
