import type { Command } from 'commander';
import { recordAudit } from '../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { loadConfig } from '../platform/config.js';
import { evaluateCorpus, retrainFromOrders } from '../modules/requests/classify/service.js';
import type { Evaluation } from '../modules/requests/classify/classifier.js';
import { deliverPending } from '../modules/requests/notify.js';
import { sweepOverdue } from '../modules/requests/sweep-service.js';
import { describeDisputeSweep, sweepDisputes } from '../modules/disputes/sweep-service.js';
import { catchUpRollups, rebuildRollups, rollupBacklog } from '../modules/requests/index.js';
import { progressBar } from './progress.js';
import { fail, withRuntime } from './runtime.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function printEvaluation(e: Evaluation, verbose: boolean): void {
  console.log(`训练样本 ${e.trainSize} 条，留出测试 ${e.testSize} 条（按文本哈希固定划分 20%）`);
  console.log(`  分类准确率 (top-1)      ${pct(e.categoryAccuracy)}`);
  console.log(`  前三候选命中率 (top-3)  ${pct(e.top3Accuracy)}`);
  console.log(`  诉求类型准确率          ${pct(e.typeAccuracy)}`);
  console.log(`  置信度 ≥ ${e.threshold} 的占比 ${pct(e.confidentShare)}，其中准确率 ${pct(e.confidentAccuracy)}（其余进入人工分拣）`);
  if (verbose) {
    for (const c of e.perCategory) console.log(`  ${c.categoryCode} ${c.name.padEnd(10, '　')} ${c.correct}/${c.total}`);
  }
}

/** `gongzhi classify …` and `gongzhi requests …`: the intake's maintenance commands. */
export function registerRequestCommands(program: Command): void {
  const classify = program.command('classify').description('诉求自动分类');
  classify
    .command('eval')
    .description('在内置语料的留出集上评估分类准确率')
    .option('--verbose', '逐个分类列出')
    .action((opts: { verbose?: boolean }) => {
      const started = Date.now();
      printEvaluation(evaluateCorpus(loadConfig().triageThreshold), opts.verbose === true);
      console.log(`用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
    });
  classify
    .command('train')
    .description('用内置语料加本县已办结、经人工确认分类的工单重新训练，并启用新模型')
    .action(async () => {
      await withRuntime(async (deps) => {
        const r = await retrainFromOrders(deps, deps.config.triageThreshold, (step) => console.error(`… ${step}`));
        await recordAudit(deps.db, deps.clock, SYSTEM_ACTOR, {
          action: 'classifier.train',
          targetType: 'classifier_model',
          targetId: r.id,
          details: { corpus: r.corpusExamples, orders: r.orderExamples, accuracy: r.evaluation.categoryAccuracy },
        });
        console.log(`已启用新模型 ${r.id}（语料 ${r.corpusExamples} 条 + 本县工单 ${r.orderExamples} 条）`);
        printEvaluation(r.evaluation, false);
      });
    });

  const requests = program.command('requests').description('工单');
  requests
    .command('sweep')
    .description('检查超时工单：网格、村未按时办结的自动上报，乡镇、部门超时的督办并通知；可重复执行（服务运行时也会定时执行）')
    .option('--as-of <time>', '按此时间检查（ISO 8601，例如 2026-12-01T09:00:00+08:00；用于演练）')
    .action(async (opts: { asOf?: string }) => {
      const asOf = opts.asOf ? new Date(opts.asOf) : undefined;
      if (asOf && Number.isNaN(asOf.getTime())) fail(new Error('--as-of 不是有效的时间'));
      await withRuntime(async (deps) => {
        const r = await sweepOverdue(deps, asOf);
        console.log(describeDisputeSweep(await sweepDisputes(deps, asOf)));
        const d = await deliverPending(deps);
        console.log(
          `上报 ${r.escalated} 件，督办 ${r.supervised} 件，签收超时提醒 ${r.signForLate} 件，报到超时提醒 ${r.reportInLate} 件，回访超时提醒 ${r.followUpLate} 件；webhook 送达 ${d.delivered}，失败 ${d.failed}`,
        );
      });
    });

  const stats = program.command('stats').description('统计汇总表（三率等统计读取的汇总）');
  stats
    .command('rebuild')
    .description('清空汇总表，按全部工单重新计算（核对或修复后使用；服务运行时也可执行）')
    .action(async () => {
      await withRuntime(async (deps) => {
        const started = Date.now();
        const bar = progressBar('重算统计汇总');
        const n = await rebuildRollups(deps, (done, total) => bar.update(done, total));
        bar.stop();
        await recordAudit(deps.db, deps.clock, SYSTEM_ACTOR, { action: 'stats.rebuild', targetType: 'rollups', details: { orders: n } });
        console.log(`已按 ${n} 件工单重算统计汇总，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
      });
    });
  stats
    .command('catch-up')
    .description('把尚未计入汇总的工单变动计入（服务运行时会自动进行）')
    .action(async () => {
      await withRuntime(async (deps) => {
        const waiting = await rollupBacklog(deps);
        const bar = progressBar('计入统计汇总');
        const n = await catchUpRollups(deps, { onProgress: (done) => bar.update(Math.min(done, waiting), waiting) });
        bar.stop();
        console.log(`待计入 ${waiting} 条变动，已计入 ${n} 件工单`);
      });
    });
}
