import { countHouseholds } from '../modules/people/household-service.js';
import { findUserIdByUsername } from '../platform/accounts/user-service.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import type { Deps } from '../platform/deps.js';
import { SYSTEM_CONTEXT, withContext } from '../platform/db/context.js';
import { AppError } from '../platform/errors.js';
import { seedDemoAccounts, writeDemoAccountsFile } from './demo-accounts.js';
import { generateDemoCounty, type DemoOptions } from './demo/county.js';
import { demoGridStep } from './demo/grids.js';
import { readDemoState, recordDemoFinished, recordDemoStarted } from './demo/state-store.js';
import { progressBar } from './progress.js';
import { seedDemoParty } from '../modules/party/demo.js';
import { seedDemoRequests } from '../modules/requests/demo.js';
import { seedDemoDisputes } from '../modules/disputes/demo.js';
import { seedDemoDuties } from '../modules/duties/demo.js';
import { seedDemoCocreation } from '../modules/cocreation/demo.js';
import { seedDemoCompacts } from '../modules/compacts/demo.js';
import { seedDemoPoints } from '../modules/points/demo.js';
import { seedDemoBoards } from '../modules/boards/demo.js';

async function hasDemoAccounts(deps: Deps): Promise<boolean> {
  return findUserIdByUsername(deps, SYSTEM_ACTOR, 'sysadmin').then(
    () => true,
    () => false,
  );
}

/**
 * Generates the demo county (real regions; synthetic grids, households, residents) and the demo
 * accounts. Refuses when the county already has households: generation is deterministic, so a
 * second run would only collide with the first. Its start and finish are recorded (demo_state),
 * so a start after an interrupted run knows to generate it again (demo-start.ts).
 */
export async function loadDemo(deps: Deps, opts: DemoOptions, analyze: () => Promise<void> = async () => {}): Promise<void> {
  const state = await withContext(deps.db, SYSTEM_CONTEXT, readDemoState);
  if (state && !state.finishedAt) {
    throw new AppError(
      'CONFLICT',
      `上次演示数据生成被中断（县 ${state.county}，开始于 ${state.startedAt.toISOString()}）；执行 gongzhi start 会从空数据库重新生成，或删除 ${deps.config.dataDir} 后再试`,
    );
  }
  if ((await countHouseholds(deps, SYSTEM_ACTOR, opts.county.padEnd(12, '0'))) > 0) {
    throw new AppError('CONFLICT', `县 ${opts.county} 已有户籍数据，不能重复生成演示数据；请换一个空数据库（或删除 ${deps.config.dataDir}）后再试`);
  }
  await withContext(deps.db, SYSTEM_CONTEXT, (tx) => recordDemoStarted(tx, { ...opts, at: deps.clock.now() }));
  const s = await generateDemoCounty(deps, opts, demoGridStep(deps));
  console.error(
    `演示县 ${opts.county}（合成数据, 种子 ${opts.seed}, 规模 ${opts.scale}）: ${s.townships} 个乡镇, ${s.villages} 个村（社区）, ${s.grids} 个网格, ${s.households} 户, ${s.residents} 人; 用时 ${s.seconds.toFixed(1)} 秒`,
  );
  const bar = progressBar('党组织、联户、包保走访');
  const p = await seedDemoParty(deps, opts.county, opts.seed, (d, t) => bar.update(d, t));
  bar.stop();
  console.error(
    `党组织 ${p.orgs} 个, 党员 ${p.members} 名（党员中心户 ${p.centralHouseholds} 户, 联户 ${p.liaisons} 户）, 下沉党员 ${p.embedded} 名, 包保 ${p.stewardships} 条, 走访 ${p.visits} 次; 用时 ${p.seconds.toFixed(1)} 秒`,
  );
  // PGlite never runs autovacuum: refresh planner statistics after a bulk load.
  await analyze();
  if (!(await hasDemoAccounts(deps))) {
    const file = writeDemoAccountsFile(deps.config.dataDir, await seedDemoAccounts(deps, opts.county));
    console.error(`演示账号见 ${file}`);
  }
  // A quarter of work orders, so the inbox, boards and rates have something to show on first start
  // (120 at the default scale 0.05; a smaller scale, as the tests use, makes fewer).
  const count = Math.round(Math.min(1500, Math.max(24, 2400 * opts.scale)));
  const wbar = progressBar('工单（近 90 天）');
  const w = await seedDemoRequests(deps, opts.county, { seed: opts.seed, count, days: 90 }, (d, t) => wbar.update(d, t));
  wbar.stop();
  console.error(`路由规则 ${w.routingRules} 条, 工单 ${w.orders} 件; 用时 ${w.seconds.toFixed(1)} 秒`);
  // A year of mediation cases, so the dispute centre's boards and statistics are meaningful.
  const dd = await seedDemoDisputes(deps, opts.county, { seed: opts.seed, count: Math.round(Math.min(600, Math.max(12, 1200 * opts.scale))) });
  console.error(`调解员 ${dd.mediators} 名, 接访 ${dd.receptions} 次, 矛盾纠纷 ${dd.cases} 件; 用时 ${dd.seconds.toFixed(1)} 秒`);
  // Burden reduction: the county's lists, certificates, a report template and work items sent down.
  const du = await seedDemoDuties(deps, opts.county, { seed: opts.seed });
  console.error(
    `权责清单事项 ${du.items} 项, 证明事项 ${du.certificates} 项, 向村派发事项 ${du.workItems} 件, 减负任务 ${du.tasks} 项; 用时 ${du.seconds.toFixed(1)} 秒`,
  );
  // Co-creation: a year of one village's opinions, meetings, 豆选 and projects; a lighter set in three more.
  const cbar = progressBar('共同缔造（意见、议事、豆选、共建）');
  const co = await seedDemoCocreation(deps, opts.county, { seed: opts.seed }, (d, t) => cbar.update(d, t));
  cbar.stop();
  console.error(
    `共同缔造: ${co.villages} 个村, 意见建议 ${co.opinions} 条（待答复 ${co.openOpinions} 条）, 议题 ${co.proposals} 个, 议事会议 ${co.meetings} 次, 表决 ${co.votes} 次（选票 ${co.ballots} 张）, 项目 ${co.projects} 个（投入登记 ${co.contributions} 笔, 评价 ${co.ratings} 户）; 用时 ${co.seconds.toFixed(1)} 秒`,
  );
  // Village compacts: one through all nine steps and filed, one half-way through its consultation.
  const kbar = progressBar('村规民约（九步法）');
  const ko = await seedDemoCompacts(deps, (d, t) => kbar.update(d, t));
  kbar.stop();
  console.error(`村规民约 ${ko.compacts} 份, 意见 ${ko.opinions} 条, 表决票 ${ko.ballots} 张, 确认阅知 ${ko.readings} 户; 用时 ${ko.seconds.toFixed(1)} 秒`);
  // Points and the time bank: three months of awards, the shop, volunteers' hours.
  const pbar = progressBar('积分、爱心超市、时间银行');
  const po = await seedDemoPoints(deps, (d, t) => pbar.update(d, t));
  pbar.stop();
  console.error(`积分记录 ${po.entries} 笔, 兑换 ${po.redemptions} 次, 志愿服务 ${po.hours} 次; 用时 ${po.seconds.toFixed(1)} 秒`);
  // 一约四会, teams and the boards in the demo cadre's village.
  const bo = await seedDemoBoards(deps);
  console.error(`一约四会和队伍 ${bo.bodies} 个（成员 ${bo.members} 人）, 值班 ${bo.shifts} 班, 红黑榜事项 ${bo.entries} 条; 用时 ${bo.seconds.toFixed(1)} 秒`);
  await analyze();
  await withContext(deps.db, SYSTEM_CONTEXT, (tx) => recordDemoFinished(tx, deps.clock.now()));
}
