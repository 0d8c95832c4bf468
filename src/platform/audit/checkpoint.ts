import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { secretsOf, SYSTEM_CONTEXT, withContext } from '../db/context.js';
import type { DB } from '../db/tables.js';
import { sealHash, sealMatches } from './chain.js';
import { firstSealedSeq, readChainHead } from './store.js';

/**
 * Signed checkpoints of the audit chain, appended to a file outside the database (one JSON line
 * each). Whoever owns the database can rewrite records and recompute the plain chain, or cut its
 * tail; a checkpoint names the hash at a position and the first sealed position, signed with the
 * audit key the database never holds, so `audit verify` sees both. Ship the file to another
 * machine (syslog, rsync) to protect it from whoever owns this one — see docs/SECURITY.md.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** The first record with a keyed seal: every record from here on must carry one. */
  sealedFrom: number | null;
  at: string;
  mac: string;
}

export function checkpointFile(config: Config): string {
  return config.auditCheckpointFile ?? path.join(config.dataDir, 'audit', 'checkpoints.jsonl');
}

function signedText(c: Omit<Checkpoint, 'mac'>): string {
  return `checkpoint|${c.seq}|${c.hash}|${c.sealedFrom ?? ''}|${c.at}`;
}

/** Writers remember what they last wrote, so an idle server adds nothing. */
const lastWritten = new WeakMap<object, number>();

/**
 * Appends a checkpoint of the chain's head when it moved since this process last wrote one.
 * Returns the checkpoint written, or null when there was nothing new.
 */
export async function writeCheckpoint(deps: { db: Kysely<DB>; config: Config }, now: Date = new Date()): Promise<Checkpoint | null> {
  const { head, sealedFrom } = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => ({
    head: await readChainHead(tx),
    sealedFrom: await firstSealedSeq(tx),
  }));
  if (head.seq === 0 || lastWritten.get(deps.db) === head.seq) return null;
  const body = { seq: Number(head.seq), hash: head.hash, sealedFrom, at: now.toISOString() };
  const checkpoint: Checkpoint = { ...body, mac: sealHash(secretsOf(deps.db).auditKeys[0]!, signedText(body)) };
  const file = checkpointFile(deps.config);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  lastWritten.set(deps.db, head.seq);
  return checkpoint;
}

export interface CheckpointLine {
  line: number;
  checkpoint?: Checkpoint;
  /** Why the line cannot be trusted (not JSON, or its signature does not match). */
  invalid?: string;
}

/** Reads every checkpoint in the file, checking each one's signature. A missing file is empty. */
export function readCheckpoints(config: Config, keys: string[]): CheckpointLine[] {
  const file = checkpointFile(config);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => {
      try {
        const c = JSON.parse(text) as Checkpoint;
        if (typeof c.seq !== 'number' || typeof c.hash !== 'string' || typeof c.mac !== 'string') return { line, invalid: '格式不正确' };
        if (!sealMatches(keys, signedText(c), c.mac)) return { line, invalid: '签名不符（检查点被改动）' };
        return { line, checkpoint: c };
      } catch {
        return { line, invalid: '不是有效的 JSON' };
      }
    });
}

/** Writes a checkpoint every `seconds` while the server runs; the caller writes a last one at stop. */
export function startCheckpoints(deps: { db: Kysely<DB>; config: Config }, seconds: number): NodeJS.Timeout | undefined {
  if (seconds <= 0) return undefined;
  return setInterval(() => {
    writeCheckpoint(deps).catch((err: Error) => console.error(`审计检查点写入失败: ${err.message}`));
  }, seconds * 1000).unref();
}
