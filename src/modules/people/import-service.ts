import type { Insertable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { dbContext, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import type { Config } from '../../platform/config.js';
import { decryptBytes, encryptBytes, isEncryptedBytes } from '../../platform/crypto.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { chinaDate, toOffsetIso } from '../../platform/time.js';
import { findGridForUpdate } from '../regions/service.js';
import { householdPath } from './place.js';
import type { ImportJob } from './import-schema.js';
import { IMPORT_LABELS, validateRows, type ValidRow } from './import-rows.js';
import { authorize, inScope } from './policy.js';
import { buildErrorReport, readRegistryFile, XLSX_TYPE, type RowError } from './spreadsheet.js';
import {
  findImportJob,
  householdsBySourceKey,
  insertEvents,
  insertHouseholds,
  insertImportJob,
  insertResidents,
  listTagNames,
  listUnfinishedImportJobs,
  readErrorReport,
  registeredDigests,
  residentsByDigests,
  updateImportJob,
} from './store.js';
import type { HouseholdsTable, ImportJobsTable, ResidentEventsTable, ResidentsTable } from './tables.js';
import type { Selectable } from 'kysely';

const HOUSEHOLDS_PER_BATCH = 200;

function present(j: Selectable<ImportJobsTable>): ImportJob {
  return {
    id: j.id,
    filename: j.filename,
    villageCode: j.village_code,
    status: j.status,
    totalRows: j.total_rows,
    processedRows: j.processed_rows,
    importedRows: j.imported_rows,
    skippedRows: j.skipped_rows,
    errorRows: j.error_rows,
    message: j.message,
    errorReportUrl: j.error_report ? `/api/v1/people/imports/${j.id}/errors.xlsx` : null,
    createdAt: toOffsetIso(j.created_at),
  };
}

/**
 * Accepts a registry file for one village: the headers are checked now (a wrong file is refused
 * at once), the file is kept with the job — SM4-encrypted, and only until the job ends — and rows
 * are processed in the background. A job survives a restart (see resumeImports).
 */
export async function createImport(
  deps: Deps,
  actor: Actor,
  p: { villageCode: string; filename: string; contentType: string; file: Buffer },
  run: (jobId: string) => void = (id) => void runImport(deps, actor, id),
): Promise<ImportJob> {
  authorize(actor, 'people.edit');
  const contentType = p.contentType.split(';')[0]!.trim();
  if (contentType !== XLSX_TYPE && contentType !== 'text/csv') throw invalidField('Content-Type', '请上传 .xlsx 或 .csv 文件');
  const rows = await readRegistryFile(p.file, contentType);
  if (rows.length === 0) throw invalidField('file', '文件中没有数据行');
  const now = deps.clock.now();
  const job = await withContext(deps.db, dbContext(actor), async (tx) => {
    const path = await householdPath(tx, actor, p.villageCode, undefined);
    const id = uuidv7();
    await insertImportJob(tx, {
      id,
      village_code: p.villageCode,
      path,
      filename: p.filename,
      content_type: contentType,
      // Full ID and phone numbers: never plain in the database, and gone when the job ends.
      file: encryptBytes(deps.config.dataKey, p.file),
      status: 'queued',
      total_rows: rows.length,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'people.import.create',
      targetType: 'import_job',
      targetId: id,
      details: { filename: p.filename, villageCode: p.villageCode, rows: rows.length, bytes: p.file.length },
    });
    return (await findImportJob(tx, id))!;
  });
  run(job.id);
  return present(job);
}

export async function getImport(deps: Deps, actor: Actor, id: string): Promise<ImportJob> {
  authorize(actor, 'people.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const job = await findImportJob(tx, id);
    if (!job || !inScope(actor, job.path)) throw notFound('导入任务', id);
    return present(job);
  });
}

export async function getImportErrorReport(deps: Deps, actor: Actor, id: string): Promise<Buffer> {
  authorize(actor, 'people.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const job = await findImportJob(tx, id);
    const report = job && inScope(actor, job.path) ? await readErrorReport(tx, id) : null;
    if (!report) throw notFound('错误报告', id);
    return report;
  });
}

interface Plan {
  households: Insertable<HouseholdsTable>[];
  residents: Insertable<ResidentsTable>[];
  events: Insertable<ResidentEventsTable>[];
  rows: number;
}

/**
 * Processes one job: validates every row, groups rows into households, skips people already
 * registered in this village (a re-import), reports the rest of the problems row by row, and
 * inserts the valid households in batches, updating progress as it goes.
 */
export async function runImport(deps: Deps, actor: Actor, jobId: string): Promise<void> {
  const ctx = dbContext(actor);
  const job = await withContext(deps.db, ctx, (tx) => findImportJob(tx, jobId, true));
  if (!job || job.status === 'done' || job.status === 'failed') return;
  const now = deps.clock.now();
  try {
    await withContext(deps.db, ctx, (tx) => updateImportJob(tx, jobId, { status: 'running', updated_at: now }));
    const rows = await readRegistryFile(storedFile(deps.config, job.file), job.content_type);
    const tagsByName = await withContext(deps.db, ctx, (tx) => listTagNames(tx));
    const { valid, errors } = validateRows(deps.config, now, rows, { villageCode: job.village_code, tagsByName });
    const { batches, skipped } = await planHouseholds(deps, actor, job, valid, errors);
    let imported = 0;
    let processed = errors.length + skipped;
    for (const batch of batches) {
      await withContext(deps.db, ctx, async (tx) => {
        await insertHouseholds(tx, batch.households);
        await insertResidents(tx, batch.residents);
        await insertEvents(tx, batch.events);
        imported += batch.residents.length;
        processed += batch.rows;
        await updateImportJob(tx, jobId, {
          processed_rows: processed,
          imported_rows: imported,
          skipped_rows: skipped,
          error_rows: errors.length,
          updated_at: deps.clock.now(),
        });
      });
    }
    errors.sort((a, b) => a.row - b.row);
    const report = errors.length ? await buildErrorReport(errors) : null;
    await withContext(deps.db, ctx, async (tx) => {
      await updateImportJob(tx, jobId, {
        status: 'done',
        processed_rows: rows.length,
        imported_rows: imported,
        skipped_rows: skipped,
        error_rows: errors.length,
        error_report: report,
        file: null,
        message: `导入 ${imported} 人，跳过已登记 ${skipped} 人，${errors.length} 行有误`,
        updated_at: deps.clock.now(),
      });
      await appendAudit(tx, deps.clock, actor, {
        action: 'people.import.done',
        targetType: 'import_job',
        targetId: jobId,
        details: { imported, skipped, errors: errors.length },
      });
    });
  } catch (err) {
    await withContext(deps.db, ctx, (tx) =>
      updateImportJob(tx, jobId, { status: 'failed', file: null, message: `导入失败: ${(err as Error).message}`, updated_at: deps.clock.now() }),
    );
  }
}

/** The uploaded file of a running job: decrypted (a job queued before encryption holds it plain). */
function storedFile(config: Config, file: Buffer | null): Buffer {
  if (!file || file.length === 0) throw new Error('上传的文件已不在（任务已结束过），请重新上传');
  if (!isEncryptedBytes(file)) return file;
  try {
    return decryptBytes(config.dataKey, file);
  } catch {
    throw new Error('无法解密上传的文件（数据密钥已更换？），请重新上传');
  }
}

/**
 * What ties an imported household to its rows when the file is read again (a resumed job or a
 * second upload): its 户编号, or failing that its address in the village (rows without a 户编号
 * are grouped by address). People without an ID number are then recognised by name and birth date.
 */
export function sourceKeyOf(v: Pick<ValidRow, 'householdNo' | 'address'>): string {
  return v.householdNo ?? `${ADDRESS_KEY}${v.address}`;
}
export const ADDRESS_KEY = 'addr:';

async function planHouseholds(
  deps: Deps,
  actor: Actor,
  job: Selectable<ImportJobsTable>,
  valid: ValidRow[],
  errors: RowError[],
): Promise<{ batches: Plan[]; skipped: number }> {
  const fail = (v: ValidRow, field: string, reason: string) =>
    errors.push({ row: v.row.row, field: IMPORT_LABELS[field] ?? field, reason, values: v.row.values });
  // The same person twice in one file: the second is an error.
  const seen = new Map<string, number>();
  const unique = valid.filter((v) => {
    const key = v.resident.id_number_hmac ?? `${v.groupKey}|${v.resident.name}|${v.resident.birth_date}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(v, 'idNumber', `与第 ${first} 行是同一人（文件中重复）`);
      return false;
    }
    seen.set(key, v.row.row);
    return true;
  });
  const digests = unique.map((v) => v.resident.id_number_hmac).filter((d): d is string => !!d);
  const keys = [...new Set(unique.map(sourceKeyOf))];
  const gridCodes = [...new Set(unique.map((v) => v.gridCode).filter((g): g is string => !!g))];
  const { registered, visible, existing, gridPaths } = await withContext(deps.db, dbContext(actor), async (tx) => ({
    registered: await registeredDigests(tx, digests),
    visible: new Map((await residentsByDigests(tx, job.village_code, digests)).map((r) => [r.hmac, r])),
    existing: new Map((await householdsBySourceKey(tx, job.village_code, keys)).map((h) => [h.source_key, h])),
    gridPaths: new Map((await Promise.all(gridCodes.map((c) => findGridForUpdate(tx, c)))).filter((g) => !!g).map((g) => [g!.code, g!.path])),
  }));
  const villagePath = job.path;

  let skipped = 0;
  const groups = new Map<string, ValidRow[]>();
  for (const v of unique) {
    const d = v.resident.id_number_hmac;
    const known = existing.get(sourceKeyOf(v));
    const sameHousehold = known && known.members?.includes(`${v.resident.name}|${v.resident.birth_date}`);
    if ((d && visible.has(d)) || (!d && sameHousehold)) {
      skipped += 1; // already registered here: a re-import
      continue;
    }
    if (d && registered.has(d)) {
      fail(v, 'idNumber', '该身份证号已在其他户或其他村登记，请核实后办理迁入');
      continue;
    }
    if (v.gridCode && !gridPaths.has(v.gridCode)) {
      fail(v, 'gridCode', '网格不存在');
      continue;
    }
    groups.set(v.groupKey, [...(groups.get(v.groupKey) ?? []), v]);
  }

  const today = chinaDate(deps.clock.now());
  const now = deps.clock.now();
  const batches: Plan[] = [];
  let plan: Plan = { households: [], residents: [], events: [], rows: 0 };
  for (const members of groups.values()) {
    const first = members[0]!;
    const known = existing.get(sourceKeyOf(first));
    const heads = members.filter((m) => m.resident.relation === 'head');
    if (!known && heads.length === 0) {
      for (const m of members) fail(m, 'relation', '该户没有户主，整户未导入');
      continue;
    }
    if (heads.length > (known ? 0 : 1)) {
      for (const m of heads.slice(known ? 0 : 1)) fail(m, 'relation', known ? '该户已有户主' : '一户只能有一名户主');
      continue;
    }
    const householdId = known?.id ?? uuidv7();
    const path = known?.path ?? (first.gridCode ? gridPaths.get(first.gridCode)! : villagePath);
    if (!known) {
      plan.households.push({
        id: householdId,
        village_code: job.village_code,
        grid_code: first.gridCode,
        path,
        address: first.address,
        source_key: sourceKeyOf(first),
        head_resident_id: heads[0]!.resident.id!,
        created_at: now,
        updated_at: now,
      });
    }
    for (const m of members) {
      plan.residents.push({ ...m.resident, household_id: householdId, path });
      plan.events.push({
        id: uuidv7(),
        resident_id: m.resident.id!,
        household_id: householdId,
        path,
        kind: known ? 'moved_in' : 'registered',
        occurred_on: today,
        details: JSON.stringify({ importJob: job.id, row: m.row.row }),
        recorded_by: actor.userId,
        recorded_at: now,
      });
      plan.rows += 1;
    }
    if (plan.households.length >= HOUSEHOLDS_PER_BATCH) {
      batches.push(plan);
      plan = { households: [], residents: [], events: [], rows: 0 };
    }
  }
  if (plan.rows > 0) batches.push(plan);
  return { batches, skipped };
}

/** On start: finish jobs a restart interrupted. Re-running is safe: registered people are skipped. */
export async function resumeImports(deps: Deps): Promise<number> {
  const jobs = await withContext(deps.db, dbContext(SYSTEM_ACTOR), (tx) => listUnfinishedImportJobs(tx));
  for (const j of jobs) await runImport(deps, SYSTEM_ACTOR, j.id);
  return jobs.length;
}
