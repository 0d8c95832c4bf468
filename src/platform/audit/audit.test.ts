import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { verifyAuditChain } from './service.js';

const run = promisify(execFile);
const CLI = path.resolve('bin/gongzhi.mjs');

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  // Some history: logins, a refused access, a failed login.
  const cookie = await h.login('county');
  await h.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie } });
  await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'county', password: 'Nope-nope-1' } });
});
afterAll(() => h?.close());

async function cliVerify(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, 'audit', 'verify'], { env: h.cliEnv });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

describe('audit hash chain', () => {
  it('verifies an intact chain', async () => {
    const r = await verifyAuditChain(h.deps.db);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThan(10);
  });

  it('editing one record makes `gongzhi audit verify` fail and name it', async () => {
    const target = await h.database.admin.query(`SELECT seq, id FROM audit_log WHERE action = 'access.denied' ORDER BY seq LIMIT 1`);
    const { seq, id } = target.rows[0] as { seq: number; id: string };
    await h.database.admin.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = ${Number(seq)};
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);

    const r = await verifyAuditChain(h.deps.db);
    expect(r.ok).toBe(false);
    expect(r.broken).toMatchObject({ seq: Number(seq), id });

    // The CLI opens the same database in its own process; PGlite allows one process at a time.
    await h.stop();
    const cli = await cliVerify();
    expect(cli.code).toBe(2);
    expect(cli.out).toContain(`第 ${Number(seq)} 条记录 (${id})`);
    expect(cli.out).toContain('篡改');
  });
});
