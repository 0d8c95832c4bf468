import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { buildListWorkbook, chinaDateTime, collectPages, queryString } from '../../platform/list-export.js';
import { findRegionForUpdate } from '../regions/index.js';
import { workItemFilterOf } from './access-service.js';
import { presentWorkItem } from './presenter.js';
import type { WorkItem, WorkItemQuery } from './schema.js';
import { pageWorkItems, type WorkItemRow } from './store.js';

// 事项准入 as .xlsx: one box of work items (the same query as the page, the same checks of who may
// open the box), read by keyset a thousand at a time up to the export cap, in the page's words.

/** As the page shows them (web/src/duties/messages.zh-CN.ts; work-item-export.test.ts checks). */
export const WORK_ITEM_KIND_LABELS: Record<WorkItem['kind'], string> = {
  task: '工作任务',
  form: '表格填报',
  inspection: '督查检查',
  meeting: '会议',
  data_request: '数据报送',
};
export const WORK_ITEM_STATUS_LABELS: Record<WorkItem['status'], string> = { delivered: '已送达', refused: '已拒收', held: '待县审批', rejected: '县未批准' };
export const WORK_ITEM_BOX_LABELS: Record<WorkItemQuery['box'], string> = { sent: '已发送', incoming: '收到的', refused: '已替本村拒收', held: '待审批' };

const BOX_WORDS: Record<WorkItemQuery['box'], string> = {
  sent: '本单位（部门或乡镇、县级机关）发出的全部事项，不论结果',
  incoming: '下派到本辖区村（社区）并已送达的事项',
  refused: '下派到本辖区村（社区）但按清单拒收或县级未批准的事项',
  held: '下派到本辖区村（社区）、清单外申请例外、等待县级审批的事项',
};

const time = (v: string | null) => (v ? chinaDateTime(v) : '');

/** One box of work items as .xlsx, within the actor's scope; the export is audited. */
export async function exportWorkItems(deps: Deps, actor: Actor, box: WorkItemQuery['box']): Promise<{ name: string; file: Buffer }> {
  const f = workItemFilterOf(actor, box);
  const now = deps.clock.now();
  const { rows, capped, scope } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const got = await collectPages<WorkItem, WorkItemRow>(async (after, limit) => {
      const page = await pageWorkItems(tx, { ...f, after: after ? { createdAt: after.created_at, id: after.id } : undefined, limit });
      return { rows: page.map(presentWorkItem), next: page.length === limit ? page.at(-1)! : null };
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.work_item.export',
      targetType: 'region',
      targetId: actor.regionCode || undefined,
      details: { box, rows: got.rows.length, capped: got.capped },
    });
    const region = actor.regionCode ? await findRegionForUpdate(tx, actor.regionCode) : undefined;
    const place = region ? `${region.name}（${region.code}）` : '';
    const scope = box === 'sent' ? `${f.senderDepartmentId ? '本部门' : place}发出的事项` : `${place}及下辖村（社区）`;
    return { ...got, scope };
  });
  const file = await buildListWorkbook({
    title: '事项准入',
    columns: [
      '事项',
      '类别',
      '内容',
      '下派单位',
      '村（社区）',
      '状态',
      '理由',
      '清单事项',
      '所属清单',
      '申请例外理由',
      '例外有效至',
      '期限',
      '已报送',
      '下派时间',
    ],
    widths: [28, 10, 50, 20, 16, 10, 40, 24, 14, 30, 12, 12, 18, 18],
    rows: rows.map((w) => [
      w.title,
      WORK_ITEM_KIND_LABELS[w.kind] ?? w.kind,
      w.content,
      w.senderName,
      w.targetRegionName,
      WORK_ITEM_STATUS_LABELS[w.status] ?? w.status,
      w.reason,
      w.dutyItem ? `${w.dutyItem.code} ${w.dutyItem.name}` : '清单外',
      w.dutyItem?.listName ?? '',
      w.exceptionReason ?? '',
      w.exceptionExpiresOn ?? '',
      w.dueOn ?? '',
      time(w.answeredAt),
      time(w.createdAt),
    ]),
    capped,
    filters: [['分类', WORK_ITEM_BOX_LABELS[box]]],
    scope,
    selects: `${BOX_WORDS[box]}（与“事项准入”页该分类同一查询），每个村（社区）一行，按下派时间从新到旧排列，按键集分页逐页读取。`,
    query: `GET /api/v1/work-items?${queryString({ box })}`,
    now,
    notes: [['审计', '本次导出已记入审计日志。']],
  });
  return { name: `事项准入_${WORK_ITEM_BOX_LABELS[box]}_${chinaDateTime(now).slice(0, 10)}.xlsx`, file };
}
