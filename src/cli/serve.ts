import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { buildApp } from '../platform/http/app.js';
import { resumeImports } from '../modules/people/import-service.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { ensureDemo } from './demo.js';
import { ensureWebBuilt } from './web-build.js';

/** Starts the server; on `npm start` also builds the web app and loads the demo county the first time. */
export async function serve(opts: { buildWeb: boolean; demo: boolean }): Promise<void> {
  const config = loadConfig();
  if (opts.buildWeb) ensureWebBuilt();
  const database = await openDatabase(config, { log: (l) => console.error(l) });
  const deps = { db: database.db, clock: systemClock, config };
  if (opts.demo) await ensureDemo(deps, { county: config.demoCounty, scale: config.demoScale, seed: 1 }, () => database.admin.exec('ANALYZE'));
  // PGlite has no autovacuum: without fresh statistics a county-wide list took 111 s instead of 2 s.
  if (database.driver === 'pglite') await database.admin.exec('ANALYZE');
  const resumed = await resumeImports(deps);
  if (resumed) console.error(`已继续完成 ${resumed} 个中断的导入任务`);
  const app = await buildApp(deps, { logger: true });
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host}:${config.port}`;
  console.log(
    `\n共治 Gongzhi 已启动: ${url}   (接口文档 ${url}/api/docs; 数据库: ${database.driver === 'pglite' ? `内嵌 PGlite ${config.dataDir}` : 'PostgreSQL'})`,
  );
  const accountsFile = path.join(config.dataDir, 'demo-accounts.txt');
  if (opts.demo && fs.existsSync(accountsFile)) {
    console.log(`演示账号（合成数据, 密码均为 ${DEMO_PASSWORD}）:`);
    console.log('  county 县级 · township 乡镇 · village / village2 村（社区）· grid 网格员 · dept 职能部门 · resident 居民');
    console.log(`  sysadmin / secadmin / auditor 三员账号另需动态口令, 密钥见 ${accountsFile}`);
  }
}
