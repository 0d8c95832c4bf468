import fs from 'node:fs';
import path from 'node:path';
import { saveDepartments } from '../platform/accounts/department-service.js';
import type { Role } from '../platform/accounts/schema.js';
import { totpUri } from '../platform/accounts/totp.js';
import { createUserAsSystem } from '../platform/accounts/user-service.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import type { Deps } from '../platform/deps.js';
import { listChildren } from '../modules/regions/service.js';

export const DEMO_PASSWORD = 'Gongzhi@2026';

/** County departments that answer work orders and whistles (synthetic names, real kinds). */
const DEPARTMENTS = [
  ['zjj', '县住房和城乡建设局', 'housing'],
  ['jtj', '县交通运输局', 'transport'],
  ['zrzyj', '县自然资源局', 'land'],
  ['sthjj', '县生态环境分局', 'environment'],
  ['slj', '县水务局', 'water'],
  ['nyncj', '县农业农村局', 'agriculture'],
  ['mzj', '县民政局', 'civil'],
  ['rsj', '县人力资源和社会保障局', 'labour'],
  ['scjgj', '县市场监督管理局', 'market'],
  ['wjj', '县卫生健康局', 'health'],
  ['jyj', '县教育局', 'education'],
  ['gaj', '县公安局', 'police'],
  ['sfj', '县司法局', 'justice'],
  ['zhzfj', '县综合行政执法局', 'urban-mgmt'],
  ['yjj', '县应急管理局', 'emergency'],
  ['ybj', '县医疗保障局', 'medical-ins'],
  ['zwfw', '县政务服务中心', 'services'],
  ['jw', '县纪委监委', 'discipline'],
  ['gdj', '县供电局', 'utility-power'],
  ['gsgs', '县自来水公司', 'utility-water'],
  ['rqgs', '县燃气公司', 'utility-gas'],
  ['tx', '县通信运营商联合服务点', 'telecom'],
] as const;

export interface DemoAccount {
  username: string;
  role: Role;
  regionName: string;
  totpSecret: string | null;
}

/**
 * Departments and one account per role: three admins (with TOTP), county, township and two
 * village cadres in the same township, a grid worker, a department officer and a resident.
 */
export async function seedDemoAccounts(deps: Deps, countyCode: string): Promise<DemoAccount[]> {
  const county = countyCode.padEnd(12, '0');
  const system = SYSTEM_ACTOR;
  const ids = await saveDepartments(
    deps,
    system,
    DEPARTMENTS.map(([code, name, unitKind]) => ({ code: `${countyCode}-${code}`, name, regionCode: county, unitKind })),
  );
  // A rural town with at least two villages, so the two village cadres are neighbours.
  const townships = await listChildren(deps.db, system, county);
  const town = townships.find((t) => t.kind === 'town' && t.childCount >= 2) ?? townships.find((t) => t.childCount >= 2)!;
  const villages = await listChildren(deps.db, system, town.code);
  const [village, village2] = villages as [(typeof villages)[0], (typeof villages)[0]];
  const plan: [string, string, Role, string, string | undefined][] = [
    ['sysadmin', '系统管理员（演示）', 'system_admin', county, undefined],
    ['secadmin', '安全管理员（演示）', 'security_admin', county, undefined],
    ['auditor', '审计管理员（演示）', 'audit_admin', county, undefined],
    ['county', '县社会治理中心 王主任（演示）', 'county_staff', county, undefined],
    ['township', `${town.name} 李书记（演示）`, 'township_staff', town.code, undefined],
    ['village', `${village.name} 张支书（演示）`, 'village_cadre', village.code, undefined],
    ['village2', `${village2.name} 杨主任（演示）`, 'village_cadre', village2.code, undefined],
    ['grid', `${village.name} 网格员 吴晓梅（演示）`, 'grid_worker', village.code, undefined],
    ['dept', '县住建局 龙科长（演示）', 'department_staff', county, ids.get(`${countyCode}-zjj`)],
    ['dept2', '县综合行政执法局 潘队长（演示）', 'department_staff', county, ids.get(`${countyCode}-zhzfj`)],
    ['resident', '居民 石大姐（演示）', 'resident', village.code, undefined],
  ];
  const accounts: DemoAccount[] = [];
  for (const [username, displayName, role, regionCode, departmentId] of plan) {
    const { user, totpSecret } = await createUserAsSystem(deps, system, {
      username,
      displayName,
      role,
      regionCode,
      departmentId,
      password: DEMO_PASSWORD,
      synthetic: true,
    });
    accounts.push({ username, role, regionName: user.regionName, totpSecret });
  }
  return accounts;
}

/** Demo credentials kept beside the embedded database (never committed: ./data is ignored). */
export function writeDemoAccountsFile(dataDir: string, accounts: DemoAccount[]): string {
  const file = path.join(dataDir, 'demo-accounts.txt');
  fs.mkdirSync(dataDir, { recursive: true });
  const lines = [
    `# 演示账号（合成数据）  密码均为 ${DEMO_PASSWORD}`,
    ...accounts.map(
      (a) => `${a.username}\t${a.role}\t${a.regionName}${a.totpSecret ? `\tTOTP 密钥 ${a.totpSecret}\t${totpUri(a.totpSecret, a.username)}` : ''}`,
    ),
  ];
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return file;
}
