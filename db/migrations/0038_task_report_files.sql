-- Attachments on task progress reports (issue #17, item 5): files of owner kind 'task_report'
-- (usage 'attachment') in the platform file store, the same way a mediation case keeps its
-- evidence (0028_dispute_files.sql) — no table of its own: `files` already carries the owner, its
-- RLS, the sealed-context policy and the grants (0023_files.sql). Readable by whoever reads the
-- report (the sub-select on task_reports is filtered by task_reports_read); attached only by the
-- report's own reporter, in the transaction that writes the report (task_reports_write has already
-- checked the lead unit). Never removed: a report is part of the ledger (工作台账).
-- (task_reports.file_ids from 0031 stays unused: the files name their report, not the other way.)
CREATE POLICY files_task_report ON files FOR SELECT
  USING (owner_kind = 'task_report' AND EXISTS (SELECT 1 FROM task_reports p WHERE p.id = owner_id));
CREATE POLICY files_task_report_attach ON files FOR INSERT
  WITH CHECK (owner_kind = 'task_report' AND EXISTS (
    SELECT 1 FROM task_reports p WHERE p.id = owner_id AND p.reported_by IS NOT NULL AND p.reported_by = app_user_id()));
