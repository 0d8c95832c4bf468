import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from './context.js';
import { preparedQuery, statementName } from './prepared.js';

// The application's statements with parameters are prepared once per connection and reused
// (prepared.ts); with GONGZHI_PREPARED_STATEMENTS=false they are not. Checked in the session's own
// list of prepared statements, on both drivers.
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const readOrder = (db: Harness['deps']['db']) => db.selectFrom('work_orders').select('id').where('number', '=', 'no-such-order');

/** The prepared statements of the connection a transaction runs on. */
async function preparedNames(harness: Harness): Promise<string[]> {
  return withContext(harness.deps.db, SYSTEM_CONTEXT, async (tx) => {
    await readOrder(tx).execute();
    await readOrder(tx).execute();
    const { rows } = await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(tx);
    return rows.map((r) => r.name);
  });
}

describe('prepared statements', () => {
  it('a statement with parameters is prepared once under its text hash and run again by name', async () => {
    h = await createHarness();
    const names = await preparedNames(h);
    const expected = statementName(readOrder(h.deps.db).compile().sql);
    expect(names).toContain(expected);
    expect(names.filter((n) => n === expected)).toHaveLength(1);
  });

  it('none are prepared when turned off', async () => {
    h = await createHarness({ preparedStatements: false });
    expect((await preparedNames(h)).filter((n) => n.startsWith('g_'))).toEqual([]);
  });

  it('a connection prepares at most 2,000 texts; the rest run unprepared, and known texts keep their name', () => {
    const connection = {};
    for (let i = 0; i < 2000; i++) expect(preparedQuery(connection, `select ${i} where $1`, [1]).name).toBe(statementName(`select ${i} where $1`));
    expect(preparedQuery(connection, 'select 2000 where $1', [1]).name).toBeUndefined();
    expect(preparedQuery(connection, 'select 7 where $1', [1]).name).toBe(statementName('select 7 where $1'));
    // Another connection has its own room; a text without parameters is never prepared.
    expect(preparedQuery({}, 'select 2000 where $1', [1]).name).toBeDefined();
    expect(preparedQuery({}, 'select 1', []).name).toBeUndefined();
  });
});
