import fs from 'node:fs';
import path from 'node:path';
import { startCheckpoints, writeCheckpoint } from '../platform/audit/checkpoint.js';
import { DrillClock, systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import type { Deps } from '../platform/deps.js';
import { buildApp } from '../platform/http/app.js';
import { resumeImports } from '../modules/people/import-service.js';
import { startClassifier } from '../modules/requests/classify/service.js';
import { deliverPending } from '../modules/requests/notify.js';
import { sweepOverdue } from '../modules/requests/sweep-service.js';
import { catchUpRollups } from '../modules/requests/index.js';
import { sweepDisputes } from '../modules/disputes/sweep-service.js';
import { sendTaskReminders } from '../modules/duties/reminder-service.js';
import { sendDutyReminders } from '../modules/councils/index.js';
import { sweepCocreation } from '../modules/cocreation/index.js';
import { sweepMonthlyReports } from '../modules/overview/index.js';
import { releaseAbandonedClaims } from '../platform/http/idempotency-store.js';
import { sweepFileBlobs } from '../platform/files/index.js';
import { SYSTEM_CONTEXT, withContext } from '../platform/db/context.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { assertAccounts, openForStart } from './demo-start.js';
import { startAdminChannel } from './admin-channel.js';
import { backupHandler } from './backup.js';
import { ensureWebBuilt } from './web-build.js';

/** Starts the server; on `npm start` also builds the web app and loads the demo county the first time. */
export async function serve(opts: { buildWeb: boolean; demo: boolean }): Promise<void> {
  // One line per phase on stderr, so a slow start says where its time went (bench/start.ts reads them).
  const phase = startPhases();
  phase('加载代码 load code');
  const config = loadConfig();
  if (opts.buildWeb) {
    ensureWebBuilt();
    phase('检查网页端 web build check');
  }
  const clock = config.drill ? new DrillClock() : systemClock;
  const log = (l: string) => console.error(l);
  // npm start: the demo county whole or regenerated (demo-start.ts); never a county without accounts.
  const database = opts.demo ? await openForStart(config, clock, log) : await openDatabase(config, { log });
  const deps = { db: database.db, clock, config };
  await assertAccounts(deps).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  phase('打开并迁移数据库 open+migrate');
  if (config.drill) console.error('演练模式: 时钟可以通过 POST /api/v1/requests/drill/advance 拨快（仅用于培训和测试）');
  // PGlite has no autovacuum: without fresh statistics a county-wide list took 111 s instead of 2 s.
  if (database.driver === 'pglite') {
    const analyzed = await analyzeChanged(database);
    phase(`更新统计信息 ANALYZE (${analyzed.length ? `${analyzed.length} 张表` : '无变化, 跳过'})`);
  }
  const resumed = await resumeImports(deps);
  if (resumed) console.error(`已继续完成 ${resumed} 个中断的导入任务`);
  // Claims left "in flight" by a process that died before answering: a retry may run again
  // (work orders find their own earlier row by the same key, so nothing is created twice).
  const started = new Date();
  const released = await withContext(deps.db, SYSTEM_CONTEXT, (tx) => releaseAbandonedClaims(tx, started));
  if (released) console.error(`已释放 ${released} 个中断请求的幂等键`);
  phase('继续中断的导入 imports resumed');
  const app = await buildApp(deps, { logger: true });
  phase('构建接口 build app');
  // Load (or, when its inputs changed, train) the classifier now rather than on the first resident's request.
  const model = await startClassifier(deps, { log });
  const why = { missing: '尚无模型', changed: '语料或确认标注有变化', corrupt: '已保存的模型损坏' };
  phase(`分类模型 classifier (${model.source === 'stored' ? '载入已保存的模型' : `重新训练: ${why[model.reason!]}`}, ${model.examples} 条样本)`);
  const sweep = startSweeps(deps);
  const rollups = startRollups(deps);
  const reminders = startTaskReminders(deps);
  await writeCheckpoint(deps);
  const checkpoints = startCheckpoints(deps, config.auditCheckpointSeconds);
  // `gongzhi backup` while this server holds the embedded database goes through it (admin-channel.ts).
  const channel = database.driver === 'pglite' ? await startAdminChannel(config.dataDir, { backup: backupHandler(database, config) }) : undefined;
  phase('定时任务与审计检查点 sweeps');
  const close = async () => {
    clearInterval(sweep);
    clearInterval(rollups);
    clearInterval(reminders);
    clearInterval(checkpoints);
    await channel?.close();
    await app.close();
    await writeCheckpoint(deps).catch((err: Error) => console.error(`审计检查点写入失败: ${err.message}`));
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  phase('开始监听 listen');
  console.error(`启动合计 ${Math.round(performance.now())} ms（自进程启动）`);
  const url = `http://${config.host}:${config.port}`;
  console.log(
    `\n共治 Gongzhi 已启动: ${url}   (接口文档 ${url}/api/docs; 数据库: ${database.driver === 'pglite' ? `内嵌 PGlite ${config.dataDir}` : 'PostgreSQL'})`,
  );
  const accountsFile = path.join(config.dataDir, 'demo-accounts.txt');
  if (opts.demo && fs.existsSync(accountsFile)) {
    console.log(`演示账号（合成数据, 密码均为 ${DEMO_PASSWORD}）:`);
    console.log('  county 县级 · township 乡镇 · village / village2 村（社区）· grid 网格员 · dept / dept2 职能部门 · resident 居民');
    console.log(`  sysadmin / secadmin / auditor 三员账号另需动态口令, 密钥见 ${accountsFile}`);
  }
}

/** Prints how long each step of the start took: `启动 <ms> ms  <phase>`, measured from the previous one. */
function startPhases(): (name: string) => void {
  // performance.now() counts from the process's start, so the first phase includes loading the code.
  let last = 0;
  return (name) => {
    const now = performance.now();
    console.error(`启动 ${String(Math.round(now - last)).padStart(6)} ms  ${name}`);
    last = now;
  };
}

/**
 * ANALYZE on PGlite, which has no autovacuum, only for the tables that need it: never analyzed
 * (reltuples -1), or whose size moved by more than a page and 10% since their last ANALYZE
 * recorded it in pg_class.relpages. Size, not pg_stat_user_tables: PGlite's activity counters
 * start from zero in every process, while pg_class is stored; and with no vacuum, inserts,
 * updates and deletes all grow the table. An unchanged county starts without it (a full ANALYZE
 * of the demo county took 2–3 s).
 */
async function analyzeChanged(database: Database): Promise<string[]> {
  const { rows } = await database.admin.query(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        AND (c.reltuples < 0 OR abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages) > 1 + 0.1 * c.relpages)
      ORDER BY 1`,
  );
  const names = rows.map((r) => String(r.name));
  if (names.length) await database.admin.exec(`ANALYZE ${names.join(', ')}`);
  return names;
}

const FIRST_SWEEP_DELAY_MS = 5_000;
const ROLLUP_SECONDS = 15;

/**
 * The statistics' rollups take what writes queued, every few seconds (readers of the rates also
 * apply a little of it first). After a migration or a bulk load the first runs take the backlog
 * in batches of 2,000 orders, one transaction each, between requests.
 */
function startRollups(deps: Deps): NodeJS.Timeout {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const applied = await catchUpRollups(deps);
      if (applied > 1000) console.error(`统计汇总: 计入 ${applied} 件工单`);
    } catch (err) {
      console.error(`统计汇总失败: ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void run(), FIRST_SWEEP_DELAY_MS).unref();
  return setInterval(() => void run(), ROLLUP_SECONDS * 1000).unref();
}

/** Task reminders before their deadline (docs/DUTIES.md), at start and then hourly; idempotent. */
function startTaskReminders(deps: Deps): NodeJS.Timeout {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const { sent } = await sendTaskReminders(deps);
      if (sent) console.error(`任务到期提醒: 发出 ${sent} 条`);
      // 排班提醒: tomorrow's shifts of the councils' and teams' members, once each (docs/COMPACTS.md).
      const duty = await sendDutyReminders(deps);
      if (duty.sent) console.error(`值班提醒: 发出 ${duty.sent} 条`);
    } catch (err) {
      console.error(`任务到期提醒失败: ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void run(), FIRST_SWEEP_DELAY_MS).unref();
  return setInterval(() => void run(), 3600_000).unref();
}

/**
 * The overdue sweep, at start and then every few minutes (GONGZHI_SWEEP_MINUTES; 0 turns it off
 * for deployments that run `gongzhi requests sweep` from cron). It holds no state: a restart
 * picks up where it stopped, and two servers sweeping at once do no harm.
 */
function startSweeps(deps: Deps): NodeJS.Timeout | undefined {
  if (deps.config.sweepMinutes <= 0) return undefined;
  let running = false;
  let firstRun = true;
  const run = async () => {
    if (running) return;
    running = true;
    const began = performance.now();
    try {
      const r = await sweepOverdue(deps);
      await sweepDisputes(deps);
      const c = await sweepCocreation(deps);
      if (c.votesClosed || c.followUps) console.error(`共同缔造: 到期关闭表决 ${c.votesClosed} 项, 低分项目跟进议题 ${c.followUps} 个`);
      await deliverPending(deps);
      // 月度社会治理报告: last month's for the county and each township, from the month's first working day; once each.
      const reports = await sweepMonthlyReports(deps, deps.clock.now(), { budgetMs: 3000 });
      if (reports.generated) console.error(`月度报告: 生成 ${reports.month} 月报告 ${reports.generated} 份`);
      if (r.escalated || r.supervised) console.error(`超时检查: 上报 ${r.escalated} 件, 督办 ${r.supervised} 件`);
      // Content no file names any more (a day after), and at start stray files in the files folder.
      const files = await sweepFileBlobs(deps, { walkFolder: firstRun });
      if (firstRun) console.error(`启动后首次定时检查 ${Math.round(performance.now() - began)} ms（在后台, 与请求并行）`);
      firstRun = false;
      if (files.removed || files.strays) console.error(`附件清理: 删除无引用内容 ${files.removed} 个, 目录残留 ${files.strays} 个`);
    } catch (err) {
      console.error(`超时检查失败: ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  // The first run waits until the server answers: PGlite works on the event loop's thread, so a
  // sweep started before listen delayed the first response by seconds.
  setTimeout(() => void run(), FIRST_SWEEP_DELAY_MS).unref();
  return setInterval(() => void run(), deps.config.sweepMinutes * 60_000).unref();
}
