import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findRegionForUpdate } from '../regions/service.js';
import { IMPORT_COLUMNS, RELATION_LABELS } from './import-schema.js';
import { authorize, inScope } from './policy.js';
import { buildSheet } from './spreadsheet.js';
import { exportRows, listTagNames } from './store.js';
import { ADDRESS_KEY } from './import-service.js';

/** Above this, export a township or village at a time: one sheet stays openable in Excel. */
const EXPORT_LIMIT = 200_000;

/**
 * The registry of a region as .xlsx, in the import template's columns plus village and status.
 * ID and phone numbers are masked: an export is not a way around reveal-with-reason.
 */
export async function exportRegistry(deps: Deps, actor: Actor, regionCode: string): Promise<{ filename: string; file: Buffer }> {
  authorize(actor, 'people.read');
  const { region, rows, tagNames } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, regionCode);
    if (!region || !inScope(actor, region.path)) throw notFound('区划', regionCode);
    const rows = await exportRows(tx, region.path, EXPORT_LIMIT + 1);
    if (rows.length > EXPORT_LIMIT)
      throw new AppError('VALIDATION_FAILED', `regionCode: 超过 ${EXPORT_LIMIT} 人，请按乡镇或村分别导出`, { field: 'regionCode' });
    const tagNames = new Map([...(await listTagNames(tx))].map(([name, code]) => [code, name]));
    await appendAudit(tx, deps.clock, actor, { action: 'people.export', targetType: 'region', targetId: region.code, details: { rows: rows.length } });
    return { region, rows, tagNames };
  });
  const label = Object.fromEntries(IMPORT_COLUMNS.map(([l, f]) => [f, l]));
  const file = await buildSheet(
    '户籍',
    [
      { header: '村（社区）', key: 'village', width: 22 },
      { header: label.householdNo!, key: 'householdNo' },
      { header: label.address!, key: 'address', width: 28 },
      { header: label.gridCode!, key: 'gridCode', width: 18 },
      { header: label.name!, key: 'name' },
      { header: label.relation!, key: 'relation' },
      { header: label.idNumber!, key: 'idNumber', width: 22 },
      { header: label.sex!, key: 'sex', width: 6 },
      { header: label.birthDate!, key: 'birthDate', width: 12 },
      { header: label.phone!, key: 'phone' },
      { header: label.tags!, key: 'tags', width: 24 },
      { header: '状态', key: 'status', width: 8 },
      { header: '数据性质', key: 'synthetic', width: 10 },
    ],
    rows.map((r) => ({
      village: r.village_name,
      householdNo: r.source_key && !r.source_key.startsWith(ADDRESS_KEY) ? r.source_key : '',
      address: r.address,
      gridCode: r.grid_code ?? '',
      name: r.name,
      relation: RELATION_LABELS[r.relation] ?? r.relation,
      idNumber: r.id_number_masked ?? '',
      sex: r.sex === 'male' ? '男' : '女',
      birthDate: r.birth_date,
      phone: r.phone_masked ?? '',
      tags: r.tags.map((t) => tagNames.get(t) ?? t).join('、'),
      status: { active: '在册', moved_out: '迁出', deceased: '死亡' }[r.status],
      synthetic: r.synthetic ? '演示数据' : '',
    })),
  );
  return { filename: `户籍-${region.name}-${region.code}.xlsx`, file };
}
