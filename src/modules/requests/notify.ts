import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { hmacSm3 } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
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

/**
 * Delivers pending notices through the webhook, oldest first; a failure is retried on the next
 * run, up to five attempts. Runs after writes and with each sweep; safe to run concurrently
 * (each notice is claimed under a row lock that skips locked rows).
 */
export async function deliverPending(deps: Deps, adapter?: NotificationAdapter): Promise<{ delivered: number; failed: number }> {
  const a = adapter ?? (deps.config.webhookUrl ? new WebhookAdapter(deps.config.webhookUrl, deps.config.webhookSecret) : undefined);
  const out = { delivered: 0, failed: 0 };
  if (!a) return out;
  for (;;) {
    const batch = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('notifications').selectAll().where('webhook_status', '=', 'pending').orderBy('created_at').limit(20).execute(),
    );
    if (batch.length === 0) return out;
    for (const n of batch) {
      let ok = true;
      try {
        await a.deliver({
          id: n.id,
          kind: n.kind,
          message: n.message,
          orderId: n.order_id,
          unitRegionCode: n.unit_region_code,
          unitDepartmentId: n.unit_department_id,
          createdAt: toOffsetIso(n.created_at),
        });
      } catch {
        ok = false;
      }
      const attempts = n.webhook_attempts + 1;
      await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
        tx
          .updateTable('notifications')
          .set({ webhook_attempts: attempts, webhook_status: ok ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' })
          .where('id', '=', n.id)
          .execute(),
      );
      if (ok) out.delivered++;
      else out.failed++;
    }
    if (out.failed > 0) return out; // the endpoint is down: try again on the next run
  }
}
