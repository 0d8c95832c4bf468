import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, outOfScope } from '../../platform/errors.js';
import { chinaDate, toOffsetIso } from '../../platform/time.js';
import { findRegionForUpdate } from '../regions/index.js';
import type { CreateNoticeBody, Notice, NoticeQuery, NoticeStats } from './notice-schema.js';
import { countVillagesUnder, findNotice, insertNotices, listNotices, noticeStats, regionsByCode, type NoticeRow } from './notice-store.js';
import { authorize, inScope } from './policy.js';

// 减文减会: the county office and townships record each document and meeting they address down,
// so the county can count them per sending unit and month and show the trend.

/** Who keeps the register: the offices that send documents and call meetings. */
const RECORDERS = ['county_staff', 'township_staff', 'system'];
const SENDER_LEVELS = ['county', 'township'];
const TARGET_LEVELS = ['township', 'village'];

const fullCode = (code: string) => (code.length < 12 ? code.padEnd(12, '0') : code);

function present(r: NoticeRow, names: Map<string, string>): Notice {
  return {
    id: r.id,
    kind: r.kind,
    docNumber: r.doc_number,
    title: r.title,
    issuer: r.issuer,
    senderRegionCode: r.sender_region_code,
    senderRegionName: r.sender_region_name,
    issuedOn: r.issued_on,
    targets: r.target_codes.map((code) => ({ code, name: names.get(code) ?? code })),
    villageCount: r.village_count,
    attendees: r.attendees,
    hours: r.hours === null ? null : Number(r.hours),
    createdAt: toOffsetIso(r.created_at),
  };
}

/** Documents and meetings sent from the actor's area (or a region in scope), newest first. */
export async function searchNotices(deps: Deps, actor: Actor, q: NoticeQuery): Promise<Notice[]> {
  authorize(actor, 'duties.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, q.regionCode ?? actor.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    const rows = await listNotices(tx, { path: region.path, kind: q.kind, from: q.from, to: q.to });
    const names = new Map((await regionsByCode(tx, [...new Set(rows.flatMap((r) => r.target_codes))])).map((r) => [r.code, r.name]));
    return rows.map((r) => present(r, names));
  });
}

/** Records a document or meeting addressed down to villages or townships under the sending office. */
export async function recordNotice(deps: Deps, actor: Actor, body: CreateNoticeBody): Promise<Notice> {
  if (!RECORDERS.includes(actor.role)) throw forbidden('duties.notice');
  const now = deps.clock.now();
  if (body.issuedOn > chinaDate(now)) throw invalidField('issuedOn', '发文或开会日期不能晚于今天');
  if (body.kind === 'document' && (body.attendees || body.hours !== undefined)) throw invalidField('attendees', '文件不填参会人员和时长');
  if (body.kind === 'meeting' && body.docNumber) throw invalidField('docNumber', '会议不填文号');
  if (body.kind === 'meeting' && !body.attendees) throw invalidField('attendees', '请写明须参会的人员（如村党组织书记）');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const sender = await findRegionForUpdate(tx, body.senderRegionCode ?? actor.regionCode);
    if (!sender || !inScope(actor, sender.path)) throw outOfScope('senderRegionCode', '发文单位所在区划不存在或不在您的管理范围内');
    if (!SENDER_LEVELS.includes(sender.level)) throw invalidField('senderRegionCode', '发文、开会单位应为县级或乡镇（街道）');
    const codes = [...new Set(body.targetRegionCodes.map(fullCode))];
    const targets = await regionsByCode(tx, codes);
    const byCode = new Map(targets.map((t) => [t.code, t]));
    for (const [i, code] of codes.entries()) {
      const t = byCode.get(code);
      if (!t || !inScope({ ...actor, scopePath: sender.path }, t.path) || t.path === sender.path)
        throw invalidField(`targetRegionCodes.${i}`, `${code} 不是本单位下辖的乡镇或村（社区）`);
      if (!TARGET_LEVELS.includes(t.level)) throw invalidField(`targetRegionCodes.${i}`, `${t.name} 不是乡镇（街道）或村（社区）`);
    }
    const id = uuidv7();
    await insertNotices(tx, [
      {
        id,
        kind: body.kind,
        doc_number: body.docNumber?.trim() || null,
        title: body.title.trim(),
        issuer: body.issuer.trim(),
        sender_region_code: sender.code,
        sender_path: sender.path,
        issued_on: body.issuedOn,
        target_codes: codes,
        village_count: await countVillagesUnder(
          tx,
          targets.map((t) => t.path),
        ),
        attendees: body.attendees?.trim() || null,
        hours: body.hours ?? null,
        recorded_by: actor.userId,
        created_at: now,
      },
    ]);
    const saved = present((await findNotice(tx, id))!, new Map(targets.map((t) => [t.code, t.name])));
    await appendAudit(tx, deps.clock, actor, {
      action: body.kind === 'document' ? 'duties.notice.document' : 'duties.notice.meeting',
      targetType: 'notice',
      targetId: id,
      after: saved,
    });
    return saved;
  });
}

/** Documents and meetings per sending office, issuing unit and month. */
export async function searchNoticeStats(deps: Deps, actor: Actor, q: { from: string; to: string; regionCode?: string }): Promise<NoticeStats> {
  authorize(actor, 'duties.read');
  if (q.to < q.from) throw invalidField('to', '结束日期不能早于开始日期');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, q.regionCode ?? actor.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    return (await noticeStats(tx, region.path, q.from, q.to)).map((r) => ({
      senderRegionCode: r.sender_region_code,
      issuer: r.issuer,
      month: r.month,
      documents: r.documents,
      meetings: r.meetings,
    }));
  });
}
