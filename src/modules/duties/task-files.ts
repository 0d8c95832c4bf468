import { defineFileOwner, type FileMeta } from '../../platform/files/index.js';
import { notFound } from '../../platform/errors.js';
import { authorize } from './policy.js';
import { MAX_REPORT_FILES, type TaskReportFile } from './task-schema.js';
import { findTaskReport } from './task-store.js';

/** Largest attachment: a phone photo or a scanned PDF (GONGZHI_FILE_LIMITS `task_report.attachment=…`). */
export const MAX_REPORT_FILE_BYTES = 10 * 1024 * 1024;
/** The report's body: its files at the largest size as base64 (4/3 of their size), and the rest of the JSON. */
export const TASK_REPORT_BODY_LIMIT = Math.ceil((MAX_REPORT_FILES * MAX_REPORT_FILE_BYTES * 4) / 3) + 64 * 1024;

/**
 * A task progress report's attachments (附件 — photos, PDFs, Word and Excel documents) in the
 * platform file store, sent with the report and attached in its transaction. Readable by whoever
 * reads the report (anyone with duties.read; policy files_task_report, 0038_task_report_files.sql).
 * Part of the ledger: never removed.
 */
export const TASK_REPORT_FILES = defineFileOwner({
  kind: 'task_report',
  label: '进展报告',
  usages: {
    attachment: { label: '附件', unit: '份', accept: ['image', 'pdf', 'docx', 'xlsx'], maxBytes: MAX_REPORT_FILE_BYTES, maxCount: MAX_REPORT_FILES },
  },
  assertReadable: async (tx, actor, reportId) => {
    authorize(actor, 'duties.read');
    if (!(await findTaskReport(tx, reportId))) throw notFound('进展报告', reportId);
  },
});

/** What a report shows of each attachment; its content is GET /api/v1/files/:id/content. */
export function presentReportFile(f: FileMeta): TaskReportFile {
  return { id: f.id, filename: f.filename, contentType: f.contentType, bytes: f.bytes, url: `/api/v1/files/${f.id}/content` };
}
