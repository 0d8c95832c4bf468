import { SYSTEM_ACTOR } from '../platform/actor.js';
import { createOpen311Key, revokeOpen311Key } from '../modules/requests/open311/keys-service.js';
import { withRuntime } from './runtime.js';

/** `gongzhi open311 key add <name>`: a new api_key for a client, printed this once (only its SM3 digest is kept). */
export async function open311KeyAdd(name: string): Promise<void> {
  await withRuntime(async (deps) => {
    const created = await createOpen311Key(deps, SYSTEM_ACTOR, name);
    console.log(`已为接入方“${created.name}”生成 Open311 密钥 (api_key)，只显示这一次，请妥善交付:`);
    console.log(created.key);
  });
}

/** `gongzhi open311 key revoke <name>`: the client's key stops working at once. */
export async function open311KeyRevoke(name: string): Promise<void> {
  await withRuntime(async (deps) => {
    const n = await revokeOpen311Key(deps, SYSTEM_ACTOR, name);
    console.log(`已吊销接入方“${name.trim()}”的 ${n} 个 Open311 密钥`);
  });
}
