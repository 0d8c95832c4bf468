import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { findRegion, listChildRegions } from '../../modules/regions/store.js';
import { findUserById } from '../accounts/store.js';
import { SYSTEM_CONTEXT, withContext, type DbContext } from './context.js';

let h: Harness;
let villageA: { code: string; path: string };
let villageB: { code: string; path: string };
let cadreA: DbContext;

beforeAll(async () => {
  h = await createHarness();
  const cookie = await h.login('village');
  const meA = (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json().user;
  const cookieB = await h.login('village2');
  const meB = (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookieB } })).json().user;
  const rows = await withContext(h.deps.db, { userId: null, role: 'system', scopePath: '' }, async (tx) => [
    await findRegion(tx, meA.regionCode),
    await findRegion(tx, meB.regionCode),
  ]);
  villageA = rows[0]!;
  villageB = rows[1]!;
  cadreA = { userId: meA.id, role: 'village_cadre', scopePath: villageA.path };
});
afterAll(() => h?.close());

describe('row-level security, with the service layer bypassed', () => {
  it('a village cadre of village A cannot read village B through the store', async () => {
    const seen = await withContext(h.deps.db, cadreA, async (tx) => ({
      own: await findRegion(tx, villageA.code),
      other: await findRegion(tx, villageB.code),
      siblings: await listChildRegions(tx, villageA.path.split('.')[1]!),
    }));
    expect(seen.own?.code).toBe(villageA.code);
    expect(seen.other).toBeUndefined();
    expect(seen.siblings.map((r) => r.code)).toEqual([villageA.code]);
  });

  it('raw SQL sees only the subtree and its ancestors', async () => {
    const rows = await withContext(h.deps.db, cadreA, (tx) => sql<{ level: string }>`SELECT level FROM regions`.execute(tx));
    expect(rows.rows.map((r) => r.level).sort()).toEqual(['county', 'township', 'village']);
  });

  it('without any context the application role sees nothing at all', async () => {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM regions`.execute(h.deps.db);
    expect(r.rows[0]!.n).toBe(0);
  });

  it('a cadre cannot read users outside the village, nor write regions outside it', async () => {
    const other = await withContext(h.deps.db, { userId: null, role: 'system', scopePath: '' }, (tx) =>
      tx.selectFrom('users').select('id').where('username', '=', 'village2').executeTakeFirstOrThrow(),
    );
    expect(await withContext(h.deps.db, cadreA, (tx) => findUserById(tx, other.id))).toBeUndefined();
    const update = await withContext(h.deps.db, cadreA, (tx) =>
      tx.updateTable('regions').set({ name: '篡改' }).where('code', '=', villageB.code).executeTakeFirst(),
    );
    expect(Number(update.numUpdatedRows)).toBe(0);
    await expect(
      withContext(h.deps.db, cadreA, (tx) =>
        tx
          .insertInto('regions')
          .values({ code: '522631999999999', name: '越权', level: 'group', kind: null, parent_code: villageB.code, path: `${villageB.path}.522631999999999` })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('over HTTP the same read is a 404 and the sibling is absent from the tree', async () => {
    const cookie = await h.login('village');
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/regions/${villageB.code}`, headers: { cookie } })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/regions/${villageA.code}`, headers: { cookie } })).statusCode).toBe(200);
  });
});

describe('the application database role', () => {
  it('keeps one role-switch check per statement however often a connection is reused', async () => {
    // The guard used to wrap a connection again at every checkout; near 10,000 transactions on
    // one connection a query hung. 12,000 must simply finish.
    for (let i = 0; i < 12_000; i++) await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => sql`SELECT 1`.execute(tx));
  }, 120_000);
  it('is not a superuser and cannot switch back to one', async () => {
    const who = await sql<{ u: string; su: boolean }>`SELECT current_user AS u, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su`.execute(
      h.deps.db,
    );
    expect(who.rows[0]).toEqual({ u: 'gongzhi_app', su: false });
    for (const statement of [
      'RESET ROLE',
      'SET ROLE postgres',
      'SET SESSION AUTHORIZATION postgres',
      "SELECT set_config('role', 'postgres', false)",
      'DO $$ BEGIN RESET ROLE; END $$',
    ]) {
      await expect(sql.raw(statement).execute(h.deps.db), statement).rejects.toThrow();
    }
    const still = await sql<{ u: string }>`SELECT current_user AS u`.execute(h.deps.db);
    expect(still.rows[0]!.u).toBe('gongzhi_app');
  });

  it.runIf(process.env.DATABASE_URL)('on PostgreSQL the server itself refuses the switch (no guard involved)', async () => {
    const { appDatabaseUrl } = await import('./database.js');
    const client = new pg.Client({ connectionString: appDatabaseUrl(h.config) });
    await client.connect();
    try {
      await expect(client.query('SET ROLE postgres')).rejects.toMatchObject({ code: '42501' });
      expect((await client.query('SELECT session_user AS s')).rows[0].s).toBe('gongzhi_app');
    } finally {
      await client.end();
    }
  });

  it('cannot widen what it sees by setting the context by hand (the context is sealed)', async () => {
    // Raw SQL as gongzhi_app, no app_set_context(): every row-level-secured table looks empty.
    const raw = async (statements: string[]) =>
      h.deps.db.transaction().execute(async (tx) => {
        for (const s of statements) await sql.raw(s).execute(tx);
        const r = await sql<{ regions: number; users: number; audit: number }>`SELECT (SELECT count(*) FROM regions) AS regions,
            (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM audit_log) AS audit`.execute(tx);
        return r.rows[0];
      });
    const forged = ["SELECT set_config('gongzhi.role', 'system', true)", "SELECT set_config('gongzhi.scope', '', true)"];
    expect(await raw(forged)).toEqual({ regions: 0, users: 0, audit: 0 });
    // A real context for a village cadre, then the role changed by hand: the seal breaks.
    const widened = await withContext(h.deps.db, cadreA, async (tx) => {
      const before = await sql<{ n: number }>`SELECT count(*) AS n FROM regions`.execute(tx);
      await sql`SELECT set_config('gongzhi.role', 'system', true), set_config('gongzhi.scope', '', true)`.execute(tx);
      const after = await sql<{ n: number }>`SELECT count(*) AS n FROM regions`.execute(tx);
      return { before: before.rows[0]!.n, after: after.rows[0]!.n };
    });
    expect(widened.before).toBeGreaterThan(0);
    expect(widened.after).toBe(0);
    // The setter refuses a context without the server's signature, and the key is out of reach.
    await expect(sql`SELECT app_set_context('system', '', '', '', 'forged')`.execute(h.deps.db)).rejects.toMatchObject({ code: '42501' });
    await expect(sql`SELECT key FROM app_context_key`.execute(h.deps.db)).rejects.toMatchObject({ code: '42501' });
    // And the system context, properly signed, still sees everything.
    const all = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => sql<{ n: number }>`SELECT count(*) AS n FROM regions`.execute(tx));
    expect(all.rows[0]!.n).toBeGreaterThan(300);
  });

  it('every table under row-level security carries the seal check', async () => {
    const { rows } = await h.database.admin.query(`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity
        AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'app_context_sealed' AND NOT p.polpermissive)`);
    expect(rows.map((r) => r.relname)).toEqual([]);
  });

  it('cannot update or delete audit records', async () => {
    const ctx = { userId: null, role: 'system', scopePath: '' };
    await expect(withContext(h.deps.db, ctx, (tx) => tx.updateTable('audit_log').set({ action: 'x' }).execute())).rejects.toMatchObject({ code: '42501' });
    await expect(withContext(h.deps.db, ctx, (tx) => tx.deleteFrom('audit_log').execute())).rejects.toMatchObject({ code: '42501' });
  });
});

describe('indexes under row-level security', () => {
  it('ltree containment is leakproof, so path indexes serve the application role', async () => {
    const r = await h.database.admin.query(`SELECT proname, proleakproof FROM pg_proc WHERE proname IN ('ltree_risparent', 'ltree_isparent') ORDER BY proname`);
    expect(r.rows).toEqual([
      { proname: 'ltree_isparent', proleakproof: true },
      { proname: 'ltree_risparent', proleakproof: true },
    ]);
  });
});
