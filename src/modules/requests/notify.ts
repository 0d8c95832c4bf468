import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { hmacSm3 } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { maskPersonalNumbers } from '../../platform/mask.js';
import { toOffsetIso } from '../../platform/time.js';

/** A notice leaving the system. The in-app inbox is the notifications table itself; this adapter is for other systems. */
export interface Notice {
  id: string;
  kind: string;
  message: string;
  orderId: string | null;
  unitRegionCode: string | null;
  unitDepartmentId: string | null;
  createdAt: string;
}

export interface NotificationAdapter {
  deliver(notice: Notice): Promise<void>;
}

/**
 * POSTs each notice as JSON to a configured URL (an SMS gateway, a government messaging bus).
 * With a secret, the body is signed: X-Gongzhi-Signature: hmac-sm3 hex of the body.
 */
export class WebhookAdapter implements NotificationAdapter {
  constructor(
    private readonly url: string,
    private readonly secret: string | undefined,
  ) {}

  async deliver(notice: Notice): Promise<void> {
    const body = JSON.stringify(notice);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.secret) headers['x-gongzhi-signature'] = hmacSm3(this.secret, body);
    const res = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`webhook ${res.status}`);
  }
}

const MAX_ATTEMPTS = 5;
/** A claim older than this belongs to a deliverer that died mid-send; the notice is tried again. */
const CLAIM_MS = 60_000;

/**
 * Delivers pending notices through the webhook, oldest first; a failure is retried on the next
 * run, up to five attempts. Each notice is claimed before it is sent ('sending', with the time),
 * so two deliverers — two runs in one process, or two servers — never send it twice; a claim
 * left by a crash expires after a minute.
 */
export async function deliverPending(deps: Deps, adapter?: NotificationAdapter): Promise<{ delivered: number; failed: number }> {
  const a = adapter ?? (deps.config.webhookUrl ? new WebhookAdapter(deps.config.webhookUrl, deps.config.webhookSecret) : undefined);
  const out = { delivered: 0, failed: 0 };
  if (!a) return out;
  const tried = new Set<string>();
  for (;;) {
    // Wall-clock time, not the service clock: a claim is about whether a sender is still alive.
    const now = new Date();
    const stale = new Date(now.getTime() - CLAIM_MS);
    const batch = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
      tx
        .selectFrom('notifications')
        .selectAll()
        .where((eb) => eb.or([eb('webhook_status', '=', 'pending'), eb.and([eb('webhook_status', '=', 'sending'), eb('webhook_claimed_at', '<', stale)])]))
        .orderBy('created_at')
        .orderBy('id')
        .limit(50)
        .execute(),
    );
    const todo = batch.filter((n) => !tried.has(n.id));
    if (todo.length === 0) return out;
    for (const n of todo) {
      tried.add(n.id);
      const attempts = n.webhook_attempts + 1;
      const claimed = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
        tx
          .updateTable('notifications')
          .set({ webhook_status: 'sending', webhook_claimed_at: now, webhook_attempts: attempts })
          .where('id', '=', n.id)
          .where('webhook_attempts', '=', n.webhook_attempts)
          .where((eb) => eb.or([eb('webhook_status', '=', 'pending'), eb.and([eb('webhook_status', '=', 'sending'), eb('webhook_claimed_at', '<', stale)])]))
          .executeTakeFirst(),
      );
      if (Number(claimed.numUpdatedRows) === 0) continue;
      let ok = true;
      try {
        await a.deliver({
          id: n.id,
          kind: n.kind,
          // Leaving the system: ID- and phone-like numbers in the text masked, as on every page.
          message: maskPersonalNumbers(n.message),
          orderId: n.order_id,
          unitRegionCode: n.unit_region_code,
          unitDepartmentId: n.unit_department_id,
          createdAt: toOffsetIso(n.created_at),
        });
      } catch {
        ok = false;
      }
      const status = ok ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
      await withContext(deps.db, SYSTEM_CONTEXT, (tx) => tx.updateTable('notifications').set({ webhook_status: status }).where('id', '=', n.id).execute());
      if (ok) out.delivered++;
      else out.failed++;
    }
  }
}
