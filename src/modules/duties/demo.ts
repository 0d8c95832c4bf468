import { uuidv7 } from 'uuidv7';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { Random } from '../../platform/synthetic/random.js';
import { chinaDate } from '../../platform/time.js';
import { findRegionForUpdate, regionWithChildren } from '../regions/index.js';
import { seedDemoNotices } from './demo-notices.js';
import { seedDemoWatchPoints } from './watch-demo.js';
import { sendInTx } from './access-service.js';
import { createAssessmentSet, runAssessment } from './assessment-service.js';
import { insertBurdens } from './register-store.js';
import { createTaskList, reportTask } from './task-service.js';
import {
  CERTIFICATES,
  DEMO_BURDENS,
  DEMO_INDICATORS,
  DEMO_REPORT_FIELDS,
  DEMO_TASKS,
  SMALL_POWERS,
  TOWNSHIP_ASSIST,
  TOWNSHIP_BASIC,
  TOWNSHIP_RETURNED,
  VILLAGE_ASSIST,
  VILLAGE_FORBIDDEN,
  VILLAGE_MAIN,
} from './demo-lists.js';
import {
  demoTownship,
  departmentsByCode,
  insertCertificateAnswer,
  insertCertificateRules,
  listCertificateRules,
  insertDutyItems,
  insertReportTemplate,
  updateWorkItem,
  villagesUnder,
} from './store.js';
import type { DutyListKind } from './tables.js';

export interface DemoDutiesSummary {
  items: number;
  certificates: number;
  workItems: number;
  tasks: number;
  seconds: number;
}

const PREFIX: Record<DutyListKind, string> = {
  township_basic: '乡基',
  township_assist: '乡配',
  township_returned: '乡收',
  township_power: '乡权',
  township_service: '乡服',
  township_territorial: '乡属',
  village_main: '村主',
  village_assist: '村协',
  village_forbidden: '村负',
  small_power: '小微',
};

/** A department officer of the demo county, acting without an account (the server seeds for them). */
function departmentOfficer(countyPath: string, countyCode: string, departmentId: string): Actor {
  return {
    ...SYSTEM_ACTOR,
    role: 'department_staff',
    username: 'demo',
    displayName: '部门（演示）',
    regionCode: countyCode,
    scopePath: countyPath,
    departmentId,
  };
}

/** The items of the demo county's lists, as rows of the county's template. */
function listRows(county: { code: string; path: string }, departments: Map<string, string>, now: Date) {
  const from = `${now.getFullYear()}-01-01`;
  const rows = [];
  const lists: [DutyListKind, readonly (readonly [string, string, string])[]][] = [
    ['township_basic', TOWNSHIP_BASIC],
    ['township_assist', TOWNSHIP_ASSIST],
    ['township_returned', TOWNSHIP_RETURNED],
    ['village_main', VILLAGE_MAIN],
    ['village_assist', VILLAGE_ASSIST],
    ['village_forbidden', VILLAGE_FORBIDDEN],
  ];
  const row = (list: DutyListKind, i: number, name: string, basis: string, dep: string, procedure: readonly string[] = []) => ({
    id: uuidv7(),
    list,
    region_code: county.code,
    path: county.path,
    code: `${PREFIX[list]}-${String(i + 1).padStart(2, '0')}`,
    name,
    basis,
    department_id: dep ? (departments.get(dep) ?? null) : null,
    procedure: [...procedure],
    status: 'active' as const,
    effective_from: from,
    synthetic: true,
    created_at: now,
    updated_at: now,
  });
  for (const [list, entries] of lists) for (const [i, [name, basis, dep]] of entries.entries()) rows.push(row(list, i, name, basis, dep));
  for (const [i, [name, basis, steps]] of SMALL_POWERS.entries()) rows.push(row('small_power', i, name, basis, '', steps));
  return rows;
}

/**
 * The demo county's burden-reduction records: the lists, the certificate list, a report template
 * that is mostly filled from the system, work items sent down by departments (some delivered,
 * some refused, some held for the county), and certificates answered at village windows.
 */
export async function seedDemoDuties(deps: Deps, countyCode: string, opts: { seed: number }): Promise<DemoDutiesSummary> {
  const started = performance.now();
  const now = deps.clock.now();
  const rnd = new Random(opts.seed ^ 0x5d0e);
  const summary = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const county = (await findRegionForUpdate(tx, countyCode.padEnd(12, '0')))!;
    const departments = await departmentsByCode(tx, county.code);
    const items = listRows(county, departments, now);
    await insertDutyItems(tx, items);
    const byName = (name: string) => items.find((i) => i.name === name)!;

    await insertCertificateRules(
      tx,
      CERTIFICATES.map(([name, keywords, allowed, text]) => ({
        id: uuidv7(),
        name,
        keywords: [...keywords],
        allowed,
        alternative: allowed ? null : text,
        basis: allowed ? text : '国务院办公厅《关于做好证明事项清理工作的通知》',
        synthetic: true,
        created_at: now,
      })),
    );

    await insertReportTemplate(tx, {
      id: uuidv7(),
      name: '基层治理基本情况季报',
      requester: '县委社会工作部',
      fields: JSON.stringify(
        DEMO_REPORT_FIELDS.map(([key, label, unit, measureId]) => ({ key, label, ...(unit ? { unit } : {}), ...(measureId ? { measureId } : {}) })),
      ),
      duty_item_id: byName('协助上级统计调查，报送系统外数据（同一数据同一期间只报一次）').id,
      synthetic: true,
      created_at: now,
    });

    const villages = await villagesUnder(tx, county.path);
    const sample = (n: number) => {
      const codes = villages.map((v) => v.code);
      for (let i = codes.length - 1; i > 0; i--) {
        const j = rnd.int(0, i);
        [codes[i], codes[j]] = [codes[j]!, codes[i]!];
      }
      return codes.slice(0, n);
    };
    const send = (dep: string, body: Parameters<typeof sendInTx>[3]) =>
      departments.has(dep) ? sendInTx(tx, deps, departmentOfficer(county.path, county.code, departments.get(dep)!), body) : Promise.resolve([]);
    const sent = [
      ...(await send('mzj', {
        kind: 'task',
        title: '低保对象年度入户核查',
        content: '请协助对本村低保对象逐户入户核查家庭人口、收入和财产变化情况，核查结果录入系统。',
        targetRegionCodes: sample(6),
        dutyItemId: byName('协助开展低保、特困对象入户调查').id,
      })),
      ...(await send('zjj', {
        kind: 'inspection',
        title: '农村自建房安全隐患排查',
        content: '请协助排查本村三层及以上、用于经营的自建房，发现隐患及时报告县住建局。',
        targetRegionCodes: sample(5),
        dutyItemId: byName('协助开展农村危房排查').id,
      })),
      ...(await send('scjgj', {
        kind: 'task',
        title: '市场主体年报催报',
        content: '请各村逐户通知辖区个体工商户在6月30日前完成年报。',
        targetRegionCodes: sample(5),
        dutyItemId: byName('市场主体登记和年报催报').id,
      })),
      ...(await send('wjj', {
        kind: 'form',
        title: '居民健康素养问卷收集',
        content: '请每村收集问卷不少于100份，拍照上传工作群。',
        targetRegionCodes: sample(4),
        dutyItemId: byName('为部门收集民意调查问卷、摊派刊物订阅').id,
      })),
      ...(await send('rsj', {
        kind: 'task',
        title: '城乡居民医保参保缴费动员',
        content: '请协助动员村民按时缴纳城乡居民医保。',
        targetRegionCodes: sample(3),
        dutyItemId: byName('协助开展城乡居民医疗保险参保登记').id,
      })),
      ...(await send('jtj', {
        kind: 'meeting',
        title: '交通安全劝导站值守',
        content: '春运期间请每村安排两名劝导员在劝导站值守，每日报送值守照片。',
        targetRegionCodes: sample(4),
        exceptionReason: '春运期间农村道路交通流量大，需村级临时协助劝导，期限一个月',
      })),
    ];
    // The county decided some held items already: one approved as an exception, one rejected.
    const held = sent.filter((w) => w.status === 'held');
    const expires = chinaDate(new Date(now.getTime() + 30 * 86_400_000));
    for (const [i, w] of held.slice(0, 2).entries()) {
      await updateWorkItem(
        tx,
        w.id,
        i === 0
          ? {
              status: 'delivered',
              reason: `例外事项，县级已批准：春运期间临时协助，不要求照片留痕（有效期至 ${expires}）`,
              approval_note: '春运期间临时协助，不要求照片留痕',
              exception_expires_on: expires,
              decided_at: now,
            }
          : {
              status: 'rejected',
              reason: '例外申请未获县级批准：劝导站值守由交警、交通部门负责',
              approval_note: '劝导站值守由交警、交通部门负责',
              decided_at: now,
            },
      );
    }

    // The register of signboards, groups and apps: each village has the demo set; most that lack a
    // basis were marked for removal, and some were cleared over the past months.
    const burdens = [];
    for (const v of villages) {
      for (const [kind, name, requiredBy, basis] of DEMO_BURDENS) {
        const cleared = !basis && rnd.chance(0.45);
        const removeBy = chinaDate(new Date(now.getTime() + rnd.int(-30, 60) * 86_400_000));
        burdens.push({
          id: uuidv7(),
          kind,
          name: name.replace('XX', v.name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '').replace(/(村|社区)$/, '')),
          region_code: v.code,
          path: v.path,
          required_by: requiredBy,
          basis: basis || null,
          status: basis ? ('approved' as const) : cleared ? ('removed' as const) : ('to_remove' as const),
          remove_by: basis ? null : removeBy,
          removed_on: cleared ? chinaDate(new Date(now.getTime() - rnd.int(1, 150) * 86_400_000)) : null,
          synthetic: true,
          created_at: now,
          updated_at: now,
        });
      }
    }
    for (let i = 0; i < burdens.length; i += 500) await insertBurdens(tx, burdens.slice(i, i + 500));

    // 减文减会: a year of documents and meetings addressed down, falling month by month.
    const townships = ((await regionWithChildren(tx, county.code))?.children ?? []).filter((c) => c.level === 'township');
    const demoTown = await demoTownship(tx, county.path);
    await seedDemoNotices(
      tx,
      county,
      [...townships.filter((t) => t.code === demoTown.code), ...townships.filter((t) => t.code !== demoTown.code)],
      now,
      opts.seed,
    );

    const rules = await listCertificateRules(tx);
    const avoided = rules.filter((r) => !r.allowed);
    let answers = 0;
    for (const code of sample(12)) {
      const v = villages.find((x) => x.code === code)!;
      for (let k = rnd.int(1, 4); k > 0; k--, answers++) {
        await insertAnswer(tx, { rule: rnd.pick(avoided).id, village: v, at: new Date(now.getTime() - rnd.int(0, 80) * 86_400_000) });
      }
    }
    return { items: items.length, certificates: CERTIFICATES.length, workItems: sent.length, county };
  });
  // An assessment round for last quarter, by class: rural villages and urban communities.
  const officer: Actor = {
    ...SYSTEM_ACTOR,
    role: 'county_staff',
    username: 'demo',
    displayName: '县委社会工作部（演示）',
    regionCode: summary.county.code,
    scopePath: summary.county.path,
  };
  const quarter = lastQuarter(now);
  for (const [kind, name] of [
    ['rural', '农村考核指标（2026 年）'],
    ['urban', '城市社区考核指标（2026 年）'],
  ] as const) {
    const set = await createAssessmentSet(deps, officer, { name, unitLevel: 'village', unitKind: kind, indicators: [...DEMO_INDICATORS] });
    await runAssessment(deps, officer, { setId: set.id, from: quarter.from, to: quarter.to });
  }
  const tasks = await seedDemoTasks(deps, officer, summary.county, rnd);
  await seedDemoWatchPoints(deps, summary.county, opts.seed);
  return { items: summary.items, certificates: summary.certificates, workItems: summary.workItems, tasks, seconds: (performance.now() - started) / 1000 };
}

/** The task list "20 条措施" with progress reported on most tasks by their lead units. */
async function seedDemoTasks(deps: Deps, officer: Actor, county: { code: string; path: string }, rnd: Random): Promise<number> {
  const now = deps.clock.now();
  const { departments, township } = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => ({
    departments: await departmentsByCode(tx, county.code),
    township: await demoTownship(tx, county.path),
  }));
  const list = await createTaskList(deps, officer, {
    name: '深化为基层减负 20 条措施',
    issuer: '县委办公室 县政府办公室',
    tasks: DEMO_TASKS.filter(([, , lead]) => lead === '@' || departments.has(lead)).map(([measureNo, title, lead, coUnits, days, measureId]) => ({
      measureNo,
      title,
      ...(lead === '@' ? { leadRegionCode: township.code } : { leadDepartmentId: departments.get(lead)! }),
      coUnits: [...coUnits],
      dueOn: chinaDate(new Date(now.getTime() + days * 86_400_000)),
      ...(measureId ? { measureId } : {}),
    })),
  });
  const progress = ['已制定工作方案，明确责任人和时间表', '已召开专题会议部署，正在逐项推进', '已完成摸底，正在整改', '已按要求完成，材料从系统生成'];
  for (const task of list.tasks) {
    if (rnd.chance(0.15)) continue; // a few not reported yet
    const actor: Actor = task.leadDepartmentId
      ? { ...departmentOfficer(county.path, county.code, task.leadDepartmentId), displayName: task.leadUnit }
      : officer;
    const status = rnd.chance(0.25) ? 'done' : rnd.chance(0.2) ? 'delayed' : 'on_track';
    await reportTask(deps, actor, task.id, { status, progress: status === 'done' ? progress[3]! : rnd.pick(progress.slice(0, 3)) });
  }
  return list.tasks.length;
}

/** The last full calendar quarter before `now` (China dates). */
function lastQuarter(now: Date): { from: string; to: string } {
  const [y, m] = chinaDate(now).split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3);
  const year = q === 0 ? y - 1 : y;
  const startMonth = q === 0 ? 10 : (q - 1) * 3 + 1;
  const end = new Date(Date.UTC(year, startMonth + 2, 0));
  return { from: `${year}-${String(startMonth).padStart(2, '0')}-01`, to: end.toISOString().slice(0, 10) };
}

function insertAnswer(tx: Tx, a: { rule: string; village: { code: string; path: string }; at: Date }) {
  return insertCertificateAnswer(tx, {
    id: uuidv7(),
    rule_id: a.rule,
    region_code: a.village.code,
    path: a.village.path,
    channel: 'window',
    synthetic: true,
    created_at: a.at,
  });
}
