import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { chainHash, GENESIS_HASH } from './chain.js';
import { checkpointFile, writeCheckpoint } from './checkpoint.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { SYSTEM_CONTEXT, withContext } from '../db/context.js';
import { appendAudit, hashFields } from './service.js';
import { verifyAuditChain } from './verify-service.js';

const run = promisify(execFile);
const CLI = path.resolve('bin/gongzhi.mjs');

let h: Harness;

/** A fresh county with some history: logins, a refused access, a failed login. */
async function county(): Promise<Harness> {
  h = await createHarness();
  const cookie = await h.login('county');
  await h.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie } });
  await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'county', password: 'Nope-nope-1' } });
  return h;
}
afterEach(() => h?.close());

async function cliVerify(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, 'audit', 'verify'], { env: h.cliEnv });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

async function maxSeq(): Promise<number> {
  return Number((await h.database.admin.query('SELECT max(seq) AS n FROM audit_log')).rows[0]!.n);
}

/**
 * What someone who owns the database (but not the audit key) does: edit one record, recompute
 * the SM3 hash of it and of every later record, and move the chain head — the attack the
 * security review made. `seals` says what they do with the keyed seals they cannot recompute.
 */
async function rewriteFrom(seq: number, seals: 'keep' | 'wipe'): Promise<void> {
  const admin = h.database.admin;
  await admin.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  await admin.query(`UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = $1`, [seq]);
  const prev = await admin.query('SELECT hash FROM audit_log WHERE seq = $1', [seq - 1]);
  let prevHash = seq === 1 ? GENESIS_HASH : String(prev.rows[0]!.hash);
  const { rows } = await admin.query('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq', [seq]);
  for (const row of rows) {
    const hash = chainHash(hashFields({ ...(row as Parameters<typeof hashFields>[0]), prev_hash: prevHash }));
    await admin.query(`UPDATE audit_log SET prev_hash = $1, hash = $2${seals === 'wipe' ? ', mac = NULL' : ''} WHERE seq = $3`, [prevHash, hash, row.seq]);
    prevHash = hash;
  }
  await admin.query('UPDATE audit_chain_head SET hash = $1 WHERE id = 1', [prevHash]);
  await admin.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
}

describe('audit hash chain', () => {
  it('verifies an intact chain, every record sealed, against its checkpoints', async () => {
    await county();
    expect(await writeCheckpoint(h.deps)).toMatchObject({ seq: await maxSeq() });
    expect(await writeCheckpoint(h.deps)).toBeNull(); // nothing new, nothing written
    await h.login('township');
    await writeCheckpoint(h.deps);
    const r = await verifyAuditChain(h.deps);
    expect(r).toMatchObject({ ok: true, unsealed: 0, checkpoints: 2 });
    expect(r.checked).toBeGreaterThan(10);
    const unsealed = await h.database.admin.query('SELECT count(*) AS n FROM audit_log WHERE mac IS NULL');
    expect(Number(unsealed.rows[0]!.n)).toBe(0);
  });

  it('editing one record makes `gongzhi audit verify` fail and name it', async () => {
    await county();
    const target = await h.database.admin.query(`SELECT seq, id FROM audit_log WHERE action = 'access.denied' ORDER BY seq LIMIT 1`);
    const { seq, id } = target.rows[0] as { seq: number; id: string };
    await h.database.admin.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = ${Number(seq)};
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);

    const r = await verifyAuditChain(h.deps);
    expect(r.ok).toBe(false);
    expect(r.broken).toMatchObject({ seq: Number(seq), id });

    // The CLI opens the same database in its own process; PGlite allows one process at a time.
    await h.stop();
    const cli = await cliVerify();
    expect(cli.code).toBe(2);
    expect(cli.out).toContain(`第 ${Number(seq)} 条记录 (${id})`);
    expect(cli.out).toContain('篡改');
  });

  it('a record rewritten with every later hash and the head recomputed is caught by its keyed seal', async () => {
    await county();
    const seq = (await maxSeq()) - 4;
    await rewriteFrom(seq, 'keep');
    const r = await verifyAuditChain(h.deps);
    expect(r.ok).toBe(false);
    expect(r.broken).toMatchObject({ seq });
    expect(r.broken!.reason).toContain('封印不符');
  });

  it('wiping the seals of the rewritten records does not help', async () => {
    await county();
    const seq = (await maxSeq()) - 4;
    await rewriteFrom(seq, 'wipe');
    const r = await verifyAuditChain(h.deps);
    expect(r).toMatchObject({ ok: false, broken: { seq } });
    expect(r.broken!.reason).toContain('缺少密钥封印');
  });

  it('a whole chain rewritten and unsealed from the first record is caught by the checkpoints outside the database', async () => {
    await county();
    await writeCheckpoint(h.deps);
    await rewriteFrom(1, 'wipe');
    const r = await verifyAuditChain(h.deps);
    expect(r).toMatchObject({ ok: false, broken: { seq: 1 } });
    expect(r.broken!.reason).toContain('缺少密钥封印');
    // Without the checkpoint file it would look like a chain from before seals existed.
    fs.rmSync(checkpointFile(h.config));
    expect(await verifyAuditChain(h.deps)).toMatchObject({ ok: true, unsealed: await maxSeq() });
  });

  it('a deleted tail is caught by a checkpoint past the end', async () => {
    await county();
    const before = await maxSeq();
    await writeCheckpoint(h.deps);
    await h.database.admin.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      DELETE FROM audit_log WHERE seq > ${before - 3};
      UPDATE audit_chain_head SET seq = ${before - 3}, hash = (SELECT hash FROM audit_log WHERE seq = ${before - 3});
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
    const r = await verifyAuditChain(h.deps);
    expect(r).toMatchObject({ ok: false, broken: { seq: before } });
    expect(r.broken!.reason).toContain('末尾记录被删除');
  });

  it('a checkpoint edited by hand is refused, and records sealed with a retired key still verify', async () => {
    await county();
    await writeCheckpoint(h.deps);
    const file = checkpointFile(h.config);
    const original = fs.readFileSync(file, 'utf8');
    const line = JSON.parse(original.trim()) as { seq: number };
    fs.writeFileSync(file, `${JSON.stringify({ ...line, seq: line.seq - 1 })}\n`);
    expect((await verifyAuditChain(h.deps)).broken?.reason).toContain('签名不符');
    fs.writeFileSync(file, original);
    // Rotation: the new key seals from now on, the old one (GONGZHI_AUDIT_PREVIOUS_KEYS) verifies the past.
    await h.stop();
    const env = { ...h.cliEnv, GONGZHI_AUDIT_KEY: 'a-new-audit-key-after-rotation', GONGZHI_AUDIT_PREVIOUS_KEYS: h.config.auditKeys[0] };
    const rotated = await run(process.execPath, [CLI, 'audit', 'verify'], { env });
    expect(rotated.stdout).toContain('审计链完整');
    const { GONGZHI_AUDIT_PREVIOUS_KEYS: _old, ...withoutOld } = env;
    await expect(run(process.execPath, [CLI, 'audit', 'verify'], { env: withoutOld })).rejects.toMatchObject({ code: 2 });
  });
});

describe('reading the log', () => {
  it('the audit admin sees numbers typed into free text masked; the stored record keeps them and still verifies', async () => {
    await county();
    await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      appendAudit(tx, h.clock, SYSTEM_ACTOR, { action: 'test.note', after: { description: '请联系 13800138000，证件 11010519491231002X' } }),
    );
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/audit?action=test.note', headers: { cookie: await h.login('auditor') } });
    expect(res.json().items[0].after).toEqual({ description: '请联系 138****8000，证件 110105********002X' });
    const stored = await h.database.admin.query(`SELECT after FROM audit_log WHERE action = 'test.note'`);
    expect(JSON.stringify(stored.rows[0]!.after)).toContain('13800138000');
    expect((await verifyAuditChain(h.deps)).ok).toBe(true);
  });
});
