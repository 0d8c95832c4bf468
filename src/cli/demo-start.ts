import fs from 'node:fs';
import { listLoadedCounties } from '../modules/regions/service.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { checkpointFile } from '../platform/audit/checkpoint.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import { SYSTEM_CONTEXT, withContext } from '../platform/db/context.js';
import { defaultPgliteDir } from '../platform/db/data-lock.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import type { Deps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import { loadDemo } from './demo.js';
import { countAccounts, readDemoState, type DemoState } from './demo/state-store.js';

/** What a start finds in the database before it serves. */
export type DemoFinding =
  | { kind: 'complete'; state: DemoState }
  | { kind: 'interrupted'; state: DemoState }
  | { kind: 'empty' }
  /** A county loaded outside the demo (`regions load`, or a demo from before migration 0019). */
  | { kind: 'county'; counties: { code: string; name: string }[]; accounts: number };

export async function inspectDemo(deps: Deps): Promise<DemoFinding> {
  const { state, accounts } = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => ({ state: await readDemoState(tx), accounts: await countAccounts(tx) }));
  if (state) return state.finishedAt ? { kind: 'complete', state } : { kind: 'interrupted', state };
  const counties = await listLoadedCounties(deps.db, SYSTEM_ACTOR);
  return counties.length === 0 && accounts === 0 ? { kind: 'empty' } : { kind: 'county', counties, accounts };
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

/**
 * Moves the embedded database (and the audit checkpoints that describe it) aside, so the next
 * open starts from an empty folder. Nothing is deleted: the county IT officer removes it later.
 */
function moveAside(config: Config, now: Date): string[] {
  const moved: string[] = [];
  for (const from of [defaultPgliteDir(config.dataDir), checkpointFile(config)]) {
    if (!fs.existsSync(from)) continue;
    const to = `${from}.interrupted-${stamp(now)}`;
    fs.renameSync(from, to);
    moved.push(to);
  }
  return moved;
}

const describe = (s: { county: string; seed: number; scale: number }) => `县 ${s.county}，种子 ${s.seed}，规模 ${s.scale}`;

/**
 * `npm start`: opens the database and makes sure it holds a whole demo county, all or nothing.
 * A demo that started and never finished (the process was killed) is generated again from an
 * empty database: on PGlite the old folder is moved aside; a PostgreSQL database is never
 * emptied automatically, so the start refuses and says how to recreate it.
 */
export async function openForStart(config: Config, clock: Clock, log: (line: string) => void): Promise<Database> {
  let database = await openDatabase(config, { log });
  const depsOf = (d: Database): Deps => ({ db: d.db, clock, config });
  const analyze = (d: Database) => () => d.admin.exec('ANALYZE');
  try {
    const found = await inspectDemo(depsOf(database));
    if (found.kind === 'complete') {
      const s = found.state;
      console.log(`找到完整的演示县（${describe(s)}，生成于 ${s.finishedAt!.toISOString()}）`);
      return database;
    }
    if (found.kind === 'county') {
      const names = found.counties.map((c) => `${c.name} (${c.code.slice(0, 6)})`).join('、');
      // No accounts: the start refuses after this (assertAccounts), saying what to do.
      if (found.accounts > 0) console.log(`找到已有的县 ${names || '（尚未载入区划）'}，${found.accounts} 个账号；不生成演示数据`);
      return database;
    }
    if (found.kind === 'empty') {
      const opts = { county: config.demoCounty, scale: config.demoScale, seed: 1 };
      console.log(`数据库中没有账号和区划，正在生成演示县（${describe(opts)}）…`);
      await loadDemo(depsOf(database), opts, analyze(database));
      return database;
    }
    const s = found.state;
    if (database.driver !== 'pglite') {
      throw new AppError(
        'CONFLICT',
        `上次演示数据生成被中断（${describe(s)}，开始于 ${s.startedAt.toISOString()}），数据库中只有部分演示数据。` +
          'PostgreSQL 数据库不会被自动清空：请删除并重新创建该数据库（dropdb / createdb）后再执行 gongzhi start；' +
          '不要演示数据时，在空数据库上按 README 载入区划、创建账号后用 gongzhi serve 启动。',
      );
    }
    console.log(`上次演示数据生成被中断（${describe(s)}，开始于 ${s.startedAt.toISOString()}），正在重新生成`);
    await database.close();
    for (const to of moveAside(config, new Date())) console.log(`  中断时的数据已移到 ${to}（确认无用后可删除）`);
    database = await openDatabase(config, { log });
    await loadDemo(depsOf(database), { county: s.county, scale: s.scale, seed: s.seed }, analyze(database));
    return database;
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}

/** The server never serves a county nobody can sign in to. */
export async function assertAccounts(deps: Deps): Promise<void> {
  const found = await inspectDemo(deps);
  if (found.kind === 'empty') console.log('数据库中没有账号和区划：请先执行 gongzhi regions load <县代码> 和 gongzhi user add 创建管理员账号（见 README）');
  if (found.kind !== 'county' || found.accounts > 0) return;
  const county = found.counties[0]!;
  throw new AppError(
    'CONFLICT',
    `数据库中有县 ${found.counties.map((c) => `${c.name} (${c.code.slice(0, 6)})`).join('、')} 但没有任何账号，启动后谁也无法登录，所以拒绝启动。` +
      `请先创建管理员账号，例如 gongzhi user add --username sysadmin --name 系统管理员 --role system_admin --region ${county.code.slice(0, 6)}` +
      '（安全管理员 security_admin、审计管理员 audit_admin 同理），然后再启动。' +
      `若这是旧版本中断的演示数据，可删除 ${whereToDelete(deps)} 后执行 gongzhi start 重新生成。`,
  );
}

const whereToDelete = (deps: Deps) => (deps.config.databaseUrl ? '该数据库（dropdb / createdb）' : deps.config.dataDir);
