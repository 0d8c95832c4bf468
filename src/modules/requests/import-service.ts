import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { Value } from 'typebox/value';
import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { newWorkbook } from '../../platform/spreadsheet.js';
import { submitRequest } from './intake-service.js';
import { authorize } from './policy.js';
import { ImportOrderSchema, type ImportBatchBody, type ImportOrder, type ImportResult } from './schema.js';
import { findOrdersByExternalIds } from './store.js';

const NUMERIC = new Set(['lat', 'lng']);

/** CSV text with a header row of ImportOrder field names; every cell stays text (phone numbers!). */
async function readCsv(text: string): Promise<Record<string, unknown>[]> {
  const wb = newWorkbook();
  let sheet: ExcelJS.Worksheet;
  try {
    sheet = await wb.csv.read(Readable.from([text.replace(/^\uFEFF/, '')]), { map: (value: string) => value });
  } catch {
    throw invalidField('csv', '无法解析 CSV');
  }
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? '').trim());
  if (!header.includes('externalId')) throw invalidField('csv', '缺少 externalId 列');
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const row: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const raw = String(r.getCell(i + 1).value ?? '').trim();
      if (raw === '') return;
      row[h] = NUMERIC.has(h) ? Number(raw) : raw;
    });
    if (Object.keys(row).length) rows.push(row);
  });
  return rows;
}

/**
 * Imports a batch from the 12345 platform. Each row is checked on its own: good rows become work
 * orders (channel 'import', classified, located, routed like any other), bad rows come back with
 * the field and reason. An external id seen before is left as it is, so re-sending the same
 * batch changes nothing.
 */
export async function importBatch(deps: Deps, actor: Actor, body: ImportBatchBody): Promise<ImportResult> {
  authorize(actor, 'requests.intake');
  if (!body.orders === !body.csv) throw invalidField('orders', '请提供 orders 或 csv 其中之一');
  const raw: unknown[] = body.orders ?? (await readCsv(body.csv!));
  const result: ImportResult = { created: 0, unchanged: 0, errors: [], orders: [] };
  const valid: { row: number; order: ImportOrder }[] = [];
  raw.forEach((r, i) => {
    const row = i + 1;
    const externalId = typeof (r as { externalId?: unknown }).externalId === 'string' ? (r as { externalId: string }).externalId : null;
    const first = [...Value.Errors(ImportOrderSchema, r)][0];
    if (first) {
      const field = first.instancePath.replace(/^\//, '') || (first.params as { requiredProperties?: string[] }).requiredProperties?.[0] || 'row';
      result.errors.push({ row, externalId, field, reason: first.message });
    } else valid.push({ row, order: r as ImportOrder });
  });
  const seen = new Set<string>();
  for (const { row, order } of valid) {
    if (seen.has(order.externalId)) {
      result.errors.push({ row, externalId: order.externalId, field: 'externalId', reason: '同一批次中重复' });
      continue;
    }
    seen.add(order.externalId);
  }
  const existing = await withContext(deps.db, dbContext(actor), (tx) => findOrdersByExternalIds(tx, body.source, [...seen]));
  const known = new Map(existing.map((e) => [e.external_id!, e.number]));
  const done = new Set<string>();
  for (const { row, order } of valid) {
    if (done.has(order.externalId)) continue;
    done.add(order.externalId);
    const before = known.get(order.externalId);
    if (before) {
      result.unchanged++;
      result.orders.push({ externalId: order.externalId, number: before, created: false });
      continue;
    }
    try {
      const { externalId, receivedAt, ...rest } = order;
      const created = await submitRequest(deps, actor, rest, {
        channel: 'import',
        external: { source: body.source, id: externalId },
        receivedAt: receivedAt ? new Date(receivedAt) : undefined,
      });
      result.created++;
      result.orders.push({ externalId, number: created.number, created: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'ALREADY_EXISTS') {
        // Sent twice at the same moment: the other request made it.
        result.unchanged++;
        continue;
      }
      result.errors.push({ row, externalId: order.externalId, field: String(err.details.field ?? 'row'), reason: err.message });
    }
  }
  return result;
}
