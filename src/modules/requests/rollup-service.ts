import { sql } from 'kysely';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';

// The rates' rollups (migration 0036): writes queue an order's id; this takes the queue in
// batches, each one transaction (rollup_apply), until it is empty. A crash mid-batch leaves the
// batch queued, so the next run takes it again.

const BATCH = 2000;

/**
 * Applies queued changes until caught up, or until `maxBatches` batches (a reader does not wait
 * for a backlog: the background job takes it). Returns the orders recomputed.
 */
export async function catchUpRollups(deps: Deps, opts: { maxBatches?: number; onProgress?: (done: number) => void } = {}): Promise<number> {
  let done = 0;
  for (let i = 0; i < (opts.maxBatches ?? Infinity); i++) {
    const n = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
      // One applier at a time: two taking the same order would each take back its old share.
      await sql`SELECT pg_advisory_xact_lock(7262632)`.execute(tx);
      return (await sql<{ n: number }>`SELECT rollup_apply(${BATCH}) AS n`.execute(tx)).rows[0]!.n;
    });
    if (n === 0) break;
    done += n;
    opts.onProgress?.(done);
  }
  return done;
}

/** How many changes wait to be applied. */
export async function rollupBacklog(deps: Deps): Promise<number> {
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM rollup_queue`.execute(tx)).rows[0]!.n));
}

/** `gongzhi stats rebuild`: empties the rollups, queues every order and applies them all. */
export async function rebuildRollups(deps: Deps, onProgress: (done: number, total: number) => void = () => {}): Promise<number> {
  const total = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(7262632)`.execute(tx);
    return Number((await sql<{ n: string }>`SELECT rollup_reset() AS n`.execute(tx)).rows[0]!.n);
  });
  onProgress(0, total);
  return catchUpRollups(deps, { onProgress: (done) => onProgress(Math.min(done, total), total) });
}
