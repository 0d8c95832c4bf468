import type pg from 'pg';
import { progressBar } from '../../src/cli/progress.js';
import { batchStatement, copyStatement, DISPUTE_COPIES, ORDER_COPIES, type CopySpec } from './copy.js';
import { setUpTemplates, type Kind } from './templates.js';

/** Mediation cases per work order in the grown county (a county's 12345 takes ~25 requests per dispute case). */
export const DISPUTES_PER_ORDER = 0.04;

const BATCH = 20_000;

export interface GrowthStep {
  step: string;
  seconds: number;
  rows: number;
  bytes: number;
}

export async function databaseBytes(su: pg.Client): Promise<number> {
  const { rows } = await su.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n');
  return Number(rows[0]!.n);
}

export const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;

async function count(su: pg.Client, table: string): Promise<number> {
  const { rows } = await su.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]!.n);
}

/**
 * Copies of `kind` g = done … target-1 in batches, each batch one transaction that also moves
 * bench.state on: stopped anywhere (Ctrl-C, a crash), the next run goes on from the last batch.
 */
async function grow(su: pg.Client, kind: Kind, specs: CopySpec[], target: number, seqBase: number, label: string): Promise<number> {
  const column = kind === 'order' ? 'orders' : 'disputes';
  const done = Number((await su.query<{ n: string }>(`SELECT ${column} AS n FROM bench.state`)).rows[0]!.n);
  if (done >= target) return 0;
  const statements: string[] = [];
  for (const spec of specs) statements.push(await copyStatement(su, spec));
  const bar = progressBar(label);
  for (let from = done; from < target; from += BATCH) {
    const to = Math.min(target, from + BATCH);
    await su.query('BEGIN');
    try {
      await su.query(batchStatement(kind, from, to, seqBase));
      for (const s of statements) await su.query(s);
      await su.query(`UPDATE bench.state SET ${column} = $1`, [to]);
      await su.query('COMMIT');
    } catch (err) {
      await su.query('ROLLBACK');
      throw err;
    }
    bar.update(to - done, target - done);
  }
  bar.stop();
  return target - done;
}

/**
 * Grows the demo county to `orders` work orders (copies of the demo's, see copy.ts) and
 * DISPUTES_PER_ORDER as many mediation cases, then refreshes the planner's statistics and the
 * visibility map as autovacuum would have. Returns each step's time and the database size after it.
 */
export async function growCounty(su: pg.Client, orders: number): Promise<GrowthStep[]> {
  const steps: GrowthStep[] = [];
  const timed = async (step: string, fn: () => Promise<number>) => {
    const t = performance.now();
    const rows = await fn();
    steps.push({ step, seconds: (performance.now() - t) / 1000, rows, bytes: await databaseBytes(su) });
    console.error(`${step}: ${rows} 行, ${((performance.now() - t) / 1000).toFixed(1)} s, 数据库 ${gb(steps.at(-1)!.bytes)}`);
  };
  await timed('templates', async () => ((await setUpTemplates(su)).created ? await count(su, 'bench.templates') : 0));
  // What the demo holds: everything but the copies made so far.
  const state = (await su.query<{ orders: string; disputes: string }>('SELECT orders, disputes FROM bench.state')).rows[0]!;
  const demoOrders = (await count(su, 'work_orders')) - Number(state.orders);
  const demoDisputes = (await count(su, 'dispute_cases')) - Number(state.disputes);
  const copies = Math.max(0, orders - demoOrders);
  await timed('work orders', () => grow(su, 'order', ORDER_COPIES, copies, 10_000, '工单（复制）'));
  await timed('dispute cases', () =>
    grow(su, 'dispute', DISPUTE_COPIES, Math.max(0, Math.round(orders * DISPUTES_PER_ORDER) - demoDisputes), 5_000, '矛盾纠纷（复制）'),
  );
  await timed('vacuum analyze', async () => {
    await su.query('VACUUM (ANALYZE)');
    return 0;
  });
  return steps;
}
