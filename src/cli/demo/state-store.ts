import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.js';

/** The demo's progress (migration 0019): one row, written as it starts and when it finishes. */
export interface DemoState {
  county: string;
  seed: number;
  scale: number;
  startedAt: Date;
  finishedAt: Date | null;
}

interface DemoStateRow {
  county: string;
  seed: number;
  scale: number;
  started_at: Date;
  finished_at: Date | null;
}

export async function readDemoState(tx: Tx): Promise<DemoState | undefined> {
  const { rows } = await sql<DemoStateRow>`SELECT county, seed, scale, started_at, finished_at FROM demo_state WHERE id = 1`.execute(tx);
  const r = rows[0];
  return r && { county: r.county, seed: Number(r.seed), scale: Number(r.scale), startedAt: r.started_at, finishedAt: r.finished_at };
}

export async function recordDemoStarted(tx: Tx, s: { county: string; seed: number; scale: number; at: Date }): Promise<void> {
  await sql`INSERT INTO demo_state (id, county, seed, scale, started_at) VALUES (1, ${s.county}, ${s.seed}, ${s.scale}, ${s.at})
    ON CONFLICT (id) DO UPDATE SET county = excluded.county, seed = excluded.seed, scale = excluded.scale,
      started_at = excluded.started_at, finished_at = NULL`.execute(tx);
}

export async function recordDemoFinished(tx: Tx, at: Date): Promise<void> {
  await sql`UPDATE demo_state SET finished_at = ${at} WHERE id = 1`.execute(tx);
}

/** Accounts of any role; a county with none cannot be used by anyone. */
export async function countAccounts(tx: Tx): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(tx);
  return Number(rows[0]!.n);
}
