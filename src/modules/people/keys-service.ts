import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { decryptWithAny } from '../../platform/crypto.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden } from '../../platform/errors.js';
import { protectIdNumber, protectPhone } from './protect.js';
import { residentSecretsAfter, updateResident } from './store.js';

/**
 * Re-encrypts every resident's ID and phone number under the current data key and recomputes
 * their lookup digests under the current HMAC key. Values are read with the old or the current
 * key, so an interrupted run can simply be started again. Run it with the server stopped: until it
 * finishes, lookups by full number miss the rows not yet done.
 */
export async function rotateResidentKeys(
  deps: Deps,
  actor: Actor,
  oldDataKey: string,
  onProgress: (done: number) => void = () => {},
): Promise<{ residents: number; alreadyCurrent: number }> {
  if (actor.role !== 'system') throw forbidden('keys.rotate');
  const keys = [deps.config.dataKey, oldDataKey];
  let after = '00000000-0000-0000-0000-000000000000';
  let residents = 0;
  let alreadyCurrent = 0;
  for (;;) {
    const done = await withContext(deps.db, dbContext(actor), async (tx) => {
      const batch = await residentSecretsAfter(tx, after, 1000);
      for (const r of batch) {
        const id = r.id_number_enc ? decryptWithAny(keys, r.id_number_enc) : null;
        const phone = r.phone_enc ? decryptWithAny(keys, r.phone_enc) : null;
        if ((id?.keyIndex ?? 0) === 0 && (phone?.keyIndex ?? 0) === 0) alreadyCurrent += 1;
        const pid = id && protectIdNumber(deps.config, id.plaintext);
        const pph = phone && protectPhone(deps.config, phone.plaintext);
        await updateResident(tx, r.id, {
          ...(pid ? { id_number_enc: pid.enc, id_number_hmac: pid.hmac } : {}),
          ...(pph ? { phone_enc: pph.enc, phone_hmac: pph.hmac } : {}),
        });
      }
      if (batch.length) after = batch[batch.length - 1]!.id;
      residents += batch.length;
      return batch.length;
    });
    onProgress(residents);
    if (done === 0) break;
  }
  await withContext(deps.db, dbContext(actor), (tx) =>
    appendAudit(tx, deps.clock, actor, { action: 'keys.rotate.residents', targetType: 'residents', details: { residents, alreadyCurrent } }),
  );
  return { residents, alreadyCurrent };
}
