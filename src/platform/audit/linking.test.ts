import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { SYSTEM_CONTEXT, withContext } from '../db/context.js';
import { appendAudit } from './service.js';
import { verifyAuditChain } from './verify-service.js';

// A transaction's audit records are linked into the chain at its end, just before the commit:
// they exist exactly when the transaction's writes do, in the order they were appended, and the
// chain's head is not held while the business work runs.

let h: Harness;
afterEach(() => h?.close());

const head = async () => (await h.database.admin.query('SELECT seq, hash FROM audit_chain_head')).rows[0] as { seq: string | number; hash: string };
const actionsAfter = async (seq: number) =>
  (await h.database.admin.query('SELECT seq, action FROM audit_log WHERE seq > $1 ORDER BY seq', [seq])).rows.map((r) => [Number(r.seq), r.action]);

describe('audit records are linked at commit', () => {
  it('in the order appended, with consecutive numbers; none when the transaction rolls back', async () => {
    h = await createHarness();
    const before = Number((await head()).seq);
    await withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => {
      for (const action of ['test.first', 'test.second', 'test.third']) await appendAudit(tx, h.clock, SYSTEM_ACTOR, { action });
      // Not written yet: the records wait for the end of the transaction.
      const seen = await tx.selectFrom('audit_log').select('seq').where('seq', '>', before).execute();
      expect(seen).toEqual([]);
    });
    expect(await actionsAfter(before)).toEqual([
      [before + 1, 'test.first'],
      [before + 2, 'test.second'],
      [before + 3, 'test.third'],
    ]);
    const committed = await head();
    expect(Number(committed.seq)).toBe(before + 3);

    await expect(
      withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => {
        await appendAudit(tx, h.clock, SYSTEM_ACTOR, { action: 'test.rolled-back' });
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    expect(await head()).toEqual(committed);
    expect(await actionsAfter(before + 3)).toEqual([]);
    expect((await verifyAuditChain(h.deps)).ok).toBe(true);
  });

  it.runIf(process.env.DATABASE_URL)(
    'PostgreSQL: a writer in the middle of its work does not hold the head; concurrent writers keep one verifiable chain',
    async () => {
      h = await createHarness();
      const before = Number((await head()).seq);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let appended!: () => void;
      const slowAppended = new Promise<void>((r) => (appended = r));
      // A slow writer: appends its record, then keeps its transaction open until the others are done.
      const slow = withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => {
        await appendAudit(tx, h.clock, SYSTEM_ACTOR, { action: 'test.slow' });
        appended();
        await gate;
      });
      await slowAppended;
      // Eight writers meanwhile; each would wait on the head if the slow one held it (lock_timeout makes that an error).
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => {
            await sql`SET LOCAL lock_timeout = '3s'`.execute(tx);
            await appendAudit(tx, h.clock, SYSTEM_ACTOR, { action: 'test.fast', details: { i } });
            await appendAudit(tx, h.clock, SYSTEM_ACTOR, { action: 'test.fast.second', details: { i } });
          }),
        ),
      );
      release();
      await slow;
      const rows = await actionsAfter(before);
      expect(rows.map(([seq]) => seq)).toEqual(Array.from({ length: 17 }, (_, i) => before + 1 + i));
      expect(rows.at(-1)![1]).toBe('test.slow');
      // Each writer's two records stay together, in the order it appended them.
      const { rows: pairs } = await h.database.admin.query(
        `SELECT details->>'i' AS i, array_agg(action ORDER BY seq) AS actions, max(seq) - min(seq) AS span FROM audit_log WHERE seq > $1 AND action LIKE 'test.fast%' GROUP BY 1`,
        [before],
      );
      expect(pairs).toHaveLength(8);
      for (const p of pairs) expect([p.actions, Number(p.span)]).toEqual([['test.fast', 'test.fast.second'], 1]);
      expect((await verifyAuditChain(h.deps)).ok).toBe(true);
    },
  );
});
