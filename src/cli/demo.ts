import { loadCounty, listLoadedCounties } from '../modules/regions/service.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import type { Deps } from '../platform/deps.js';
import { seedDemoAccounts, writeDemoAccountsFile, type DemoAccount } from './demo-accounts.js';
import { progressBar } from './progress.js';

/**
 * Loads the demo county when the database has none (or always with `force`): the real region
 * tree, then departments and demo accounts. Returns the accounts when it created them.
 */
export async function ensureDemo(deps: Deps, countyCode: string, force = false): Promise<DemoAccount[] | null> {
  const counties = await listLoadedCounties(deps.db, SYSTEM_ACTOR);
  if (counties.length > 0 && !force) return null;
  const started = Date.now();
  const bar = progressBar(`载入演示县 ${countyCode} 区划`);
  const r = await loadCounty(deps.db, deps.clock, SYSTEM_ACTOR, countyCode, (d, t) => bar.update(d, t));
  bar.stop();
  console.error(`${r.county.name}: ${r.townships} 个乡镇（街道）, ${r.villages} 个村（社区）`);
  if (counties.length > 0) return null;
  const accounts = await seedDemoAccounts(deps, countyCode);
  const file = writeDemoAccountsFile(deps.config.dataDir, accounts);
  console.error(`演示数据载入完成, 用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒; 演示账号见 ${file}`);
  return accounts;
}
