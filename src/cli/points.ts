import type { Command } from 'commander';
import { verifyPoints } from '../modules/points/index.js';
import { withRuntime } from './runtime.js';

/** `gongzhi points …`: the points ledger and the time bank. */
export function registerPointsCommands(program: Command): void {
  const points = program.command('points').description('积分、爱心超市与时间银行');
  points
    .command('verify')
    .description('由积分记录重算每个账户的余额并核对: 借贷平衡、兑换不超过所得、商品库存等于进出合计、时长余额不为负; 不一致时列出并以非零状态退出')
    .action(async () => {
      const r = await withRuntime((deps) => verifyPoints(deps));
      console.log(`已核对 ${r.accounts} 个积分账户、${r.entries} 条积分记录、${r.items} 种商品库存、${r.volunteers} 名志愿者、${r.pools} 个公共时长池`);
      if (r.ok) console.log('积分与时长全部一致');
      else {
        for (const p of r.problems) console.log(`不一致: ${p}`);
        process.exitCode = 2;
      }
    });
}
