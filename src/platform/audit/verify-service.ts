import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { secretsOf, SYSTEM_CONTEXT, withContext } from '../db/context.js';
import type { DB } from '../db/tables.js';
import { chainHash, GENESIS_HASH, sealMatches } from './chain.js';
import { readCheckpoints, type Checkpoint } from './checkpoint.js';
import { hashFields } from './service.js';
import { readAuditBatch, readChainHead } from './store.js';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** Records written before keyed seals existed (migration 0017): covered by the plain chain only. */
  unsealed: number;
  /** Signed checkpoints found outside the database and compared with it. */
  checkpoints: number;
  /** The first record (or checkpoint) that does not match, and why. */
  broken?: { seq: number; id: string; reason: string };
}

/**
 * Walks the whole chain in order: every link, every hash, and every keyed seal (which whoever
 * owns the database cannot recompute without the audit key); then holds the database against
 * the signed checkpoints kept outside it, which catch a rewritten chain whose seals were wiped
 * and a deleted tail.
 */
export async function verifyAuditChain(
  deps: { db: Kysely<DB>; config: Config },
  onProgress: (checked: number, total: number) => void = () => {},
): Promise<VerifyResult> {
  const keys = secretsOf(deps.db).auditKeys;
  const lines = readCheckpoints(deps.config, keys);
  const badLine = lines.find((l) => l.invalid);
  const checkpoints = lines.flatMap((l) => (l.checkpoint ? [l.checkpoint] : []));
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const head = await readChainHead(tx);
    const result = (broken: VerifyResult['broken']): VerifyResult => ({ ok: !broken, checked, unsealed, checkpoints: checkpoints.length, broken });
    if (badLine)
      return {
        ok: false,
        checked: 0,
        unsealed: 0,
        checkpoints: checkpoints.length,
        broken: { seq: 0, id: '', reason: `检查点文件第 ${badLine.line} 行${badLine.invalid}` },
      };
    // Every record from the first sealed one a checkpoint saw must be sealed.
    const sealedFrom = Math.min(...checkpoints.map((c) => c.sealedFrom ?? Infinity));
    const atSeq = new Map<number, Checkpoint[]>();
    for (const c of checkpoints) atSeq.set(c.seq, [...(atSeq.get(c.seq) ?? []), c]);
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    let unsealed = 0;
    let sawSeal = false;
    for (;;) {
      const batch = await readAuditBatch(tx, expectedSeq - 1, 2000);
      if (batch.length === 0) break;
      for (const row of batch) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) return result({ seq: expectedSeq, id: '', reason: `缺少序号 ${expectedSeq} 的记录（已被删除）` });
        if (row.prev_hash !== prevHash) return result({ seq, id: row.id, reason: '前序哈希与上一条记录不符' });
        if (chainHash(hashFields(row)) !== row.hash) return result({ seq, id: row.id, reason: '记录内容与其哈希不符（已被篡改）' });
        if (row.mac) {
          if (!sealMatches(keys, row.hash, row.mac)) return result({ seq, id: row.id, reason: '密钥封印不符（记录被没有审计密钥的人改写）' });
          sawSeal = true;
        } else if (sawSeal || seq >= sealedFrom) {
          return result({ seq, id: row.id, reason: '缺少密钥封印（封印被抹去，记录被改写）' });
        } else {
          unsealed += 1;
        }
        const contradicted = atSeq.get(seq)?.find((c) => c.hash !== row.hash);
        if (contradicted) return result({ seq, id: row.id, reason: `与检查点 (${contradicted.at}) 不符（记录被改写）` });
        prevHash = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
      onProgress(checked, Number(head.seq));
    }
    if (Number(head.seq) !== checked || head.hash !== prevHash) {
      return result({ seq: Number(head.seq), id: '', reason: '链头与最后一条记录不符（末尾记录被删除）' });
    }
    const beyond = checkpoints.find((c) => c.seq > checked);
    if (beyond)
      return result({ seq: beyond.seq, id: '', reason: `检查点 (${beyond.at}) 记有第 ${beyond.seq} 条记录，数据库只到第 ${checked} 条（末尾记录被删除）` });
    return result(undefined);
  });
}
