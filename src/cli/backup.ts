import path from 'node:path';
import type { Command } from 'commander';
import { backupDatabase, describeBackup, restoreBackup, type BackupSummary, type RestoreSummary } from '../platform/backup/service.js';
import { loadConfig, type Config } from '../platform/config.js';
import { DataLockedError } from '../platform/db/data-lock.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { callAdminChannel, type AdminHandler } from './admin-channel.js';
import { progressBar } from './progress.js';
import { fail, withRuntime } from './runtime.js';

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

/** What the running server does for `gongzhi backup` over the admin channel. */
export function backupHandler(database: Database, config: Config): AdminHandler {
  return async (args, progress) => backupDatabase(database, config, String(args.file), progress);
}

/** `gongzhi backup <file>`: through the running server when it holds the embedded database. */
async function backupCommand(file: string): Promise<void> {
  const config = loadConfig();
  const target = path.resolve(file);
  const bar = progressBar('备份');
  if (!config.databaseUrl) {
    const via = await callAdminChannel<BackupSummary>(config.dataDir, 'backup', { file: target }, (d, t) => bar.update(d, t));
    if (via.reached) {
      bar.stop();
      console.log(`${describeBackup(via.result)}（经由运行中的服务完成，服务未停）`);
      return;
    }
  }
  const summary = await withRuntime(async (_deps, database) => backupDatabase(database, config, target, (d, t) => bar.update(d, t)));
  bar.stop();
  console.log(describeBackup(summary));
}

function reportRestore(r: RestoreSummary): void {
  console.log(
    `已恢复 ${r.tables} 张表 ${r.rows} 行, 文件 ${r.files.length} 个, 附件内容 ${r.blobs.count} 个（存入${r.blobs.into === 'folder' ? '文件目录' : '数据库表 file_blobs'}）; 用时 ${r.seconds.toFixed(1)} 秒`,
  );
  if (r.migratedAfter.length > 0) console.log(`备份之后的新迁移已执行: ${r.migratedAfter.join(', ')}`);
  if (r.audit.ok) {
    console.log(`审计链完整: 已校验 ${r.audit.checked} 条记录, 检查点 ${r.audit.checkpoints} 个`);
  } else {
    const b = r.audit.broken!;
    console.log(`审计链校验失败: 第 ${b.seq} 条记录${b.id ? ` (${b.id})` : ''} — ${b.reason}`);
    process.exitCode = 2;
  }
}

async function restoreInto(config: Config, file: string): Promise<RestoreSummary> {
  const bar = progressBar('恢复');
  const r = await restoreBackup(config, path.resolve(file), { log: (l) => console.error(l), onProgress: (d, t) => bar.update(d, t) });
  bar.stop();
  return r;
}

/** `gongzhi migrate-to-postgres <url>`: a backup of the embedded database restored into PostgreSQL. */
async function migrateToPostgres(url: string): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) fail(new Error('当前配置的已经是 PostgreSQL（DATABASE_URL）；本命令把内嵌数据库 PGlite 迁入 PostgreSQL，请不设 DATABASE_URL 运行'));
  if (!/^postgres(ql)?:\/\//.test(url)) fail(new Error(`不是 PostgreSQL 连接地址: ${url}（例如 postgres://postgres@127.0.0.1:5432/gongzhi）`));
  const file = path.join(config.dataDir, 'backups', `to-postgres-${stamp()}.backup.gz`);
  const bar = progressBar('备份内嵌数据库');
  // Not withRuntime: it would add an audit checkpoint after the copy, and the copy's files must
  // stay identical to the ones in the data folder the PostgreSQL database will share.
  const database = await openDatabase(config, { log: (l) => console.error(l) }).catch((err: unknown) => {
    // Writes after the copy would stay behind in PGlite: the server must be stopped, not bypassed.
    if (err instanceof DataLockedError) fail(new Error(`迁移前请先停止服务（迁移开始后服务收到的数据不会进入 PostgreSQL）。${err.message}`));
    throw err;
  });
  let summary: BackupSummary;
  try {
    summary = await backupDatabase(database, config, file, (d, t) => bar.update(d, t));
  } finally {
    await database.close();
  }
  bar.stop();
  console.log(describeBackup(summary));
  reportRestore(await restoreInto({ ...config, databaseUrl: url, appDatabaseUrl: undefined }, file));
  if (process.exitCode) return;
  console.log(`已迁入 ${new URL(url).pathname.slice(1) || 'PostgreSQL'}。以后启动时设置 DATABASE_URL=${url}（应用连接见 docs/OPERATIONS.md）；`);
  console.log(`内嵌数据库原样留在 ${config.dataDir}，备份文件 ${file} 可留作迁移前的副本。`);
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description(
      '把整个数据库和数据目录中的审计检查点等文件备份到一个文件 (可移植格式, PGlite 与 PostgreSQL 互通); 内嵌数据库的服务运行时经由服务完成, 无需停服',
    )
    .action((file: string) => backupCommand(file));
  program
    .command('restore <file>')
    .description('把备份恢复到一个新建的空数据库 (GONGZHI_DATA_DIR 指向的新目录, 或 DATABASE_URL 指向的空库), 然后校验审计链; 校验失败时以非零状态退出')
    .action(async (file: string) => reportRestore(await restoreInto(loadConfig(), file)));
  program
    .command('migrate-to-postgres <url>')
    .description('把内嵌数据库 (PGlite) 迁入一个空的 PostgreSQL 数据库 (url 用超级用户); 先停止服务')
    .action((url: string) => migrateToPostgres(url));
}
