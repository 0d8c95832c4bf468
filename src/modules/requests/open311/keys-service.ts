import { uuidv7 } from 'uuidv7';
import { anonymousActor, type Actor } from '../../../platform/actor.js';
import { appendAudit } from '../../../platform/audit/service.js';
import { randomToken, sm3Hex } from '../../../platform/crypto.js';
import { SYSTEM_CONTEXT, withContext } from '../../../platform/db/context.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, forbidden, invalidField, notFound } from '../../../platform/errors.js';
import { findActiveKey, findActiveKeyByName, insertKey, revokeKeys } from './store.js';

/** An Open311 client that presented a valid api_key. */
export interface Open311Client {
  keyId: string;
  name: string;
}

/** Keys are managed on the server (`gongzhi open311 key …`), as the system. */
function requireSystem(actor: Actor): void {
  if (actor.role !== 'system') throw forbidden('open311.keys');
}

function keyName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > 64) throw invalidField('name', '长度应为 1 到 64');
  return name;
}

/**
 * Issues a key for a client. Only its SM3 digest is stored: the key is returned this once.
 * A name holds at most one live key (rotate: revoke, then add).
 */
export async function createOpen311Key(deps: Deps, actor: Actor, rawName: string): Promise<{ id: string; name: string; key: string }> {
  requireSystem(actor);
  const name = keyName(rawName);
  const key = `o311_${randomToken(24)}`;
  const id = uuidv7();
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    if (await findActiveKeyByName(tx, name)) throw new AppError('ALREADY_EXISTS', `name: 接入方“${name}”已有有效密钥，请先吊销`, { field: 'name' });
    await insertKey(tx, { id, name, key_hash: sm3Hex(key), created_at: deps.clock.now(), revoked_at: null });
    await appendAudit(tx, deps.clock, actor, { action: 'open311.key.create', targetType: 'open311_key', targetId: id, after: { name } });
    return { id, name, key };
  });
}

/** Revokes a client's live key; requests with it are refused (403) from the next one on. */
export async function revokeOpen311Key(deps: Deps, actor: Actor, rawName: string): Promise<number> {
  requireSystem(actor);
  const name = keyName(rawName);
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const ids = await revokeKeys(tx, name, deps.clock.now());
    if (ids.length === 0) throw notFound('Open311 接入方', name);
    await appendAudit(tx, deps.clock, actor, { action: 'open311.key.revoke', targetType: 'open311_key', targetId: ids[0], details: { name, ids } });
    return ids.length;
  });
}

/** The client a presented api_key belongs to, or 403 (missing, unknown or revoked alike). */
export async function verifyApiKey(deps: Deps, apiKey: unknown): Promise<Open311Client> {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new AppError('FORBIDDEN', 'api_key: 缺少 api_key，无法提交诉求', { field: 'api_key' });
  const found = apiKey.length <= 200 ? await withContext(deps.db, SYSTEM_CONTEXT, (tx) => findActiveKey(tx, sm3Hex(apiKey.trim()))) : undefined;
  if (!found) throw new AppError('FORBIDDEN', 'api_key: 密钥无效或已吊销', { field: 'api_key' });
  return { keyId: found.id, name: found.name };
}

/** Who an Open311 submission is recorded as: the client by name, from its address; no account. */
export function clientActor(client: Open311Client, ip: string | null): Actor {
  return { ...anonymousActor(ip), username: `open311:${client.name}`, displayName: `Open311 接入方（${client.name}）` };
}
