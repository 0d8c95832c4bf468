-- Co-creation projects (发展共建 / 建设共管, issue #11 item 4): what 0039 left out.
--  * A contributions-ledger entry is never edited or removed: a wrong one is voided with a reason
--    (who and when are kept) and no longer counts in any total.
--  * Labour days are valued at a daily wage set per project (150 yuan unless the cadre sets one).
--  * Milestone photos live in the platform file store (owner kind 'cocreation_milestone', usage
--    'photo'), the way task reports keep their attachments (0038_task_report_files.sql): no table
--    of their own; readable by whoever reads the milestone (the sub-select is filtered by
--    cocreation_milestones_read), attached only by a co-creation editor whose scope holds the
--    milestone, in the transaction that records it. Never removed: they are the project's record.
ALTER TABLE cocreation_contributions
  ADD COLUMN voided_at   timestamptz,
  ADD COLUMN voided_by   uuid,
  ADD COLUMN void_reason text CHECK (length(void_reason) BETWEEN 1 AND 200),
  ADD CONSTRAINT cocreation_contributions_void CHECK ((voided_at IS NULL) = (void_reason IS NULL));

ALTER TABLE cocreation_projects
  ADD COLUMN labour_day_wage numeric(10, 2) NOT NULL DEFAULT 150 CHECK (labour_day_wage >= 0);

CREATE POLICY files_cocreation_milestone ON files FOR SELECT
  USING (owner_kind = 'cocreation_milestone' AND EXISTS (SELECT 1 FROM cocreation_milestones m WHERE m.id = owner_id));
CREATE POLICY files_cocreation_milestone_attach ON files FOR INSERT
  WITH CHECK (owner_kind = 'cocreation_milestone' AND app_may_edit_cocreation() AND EXISTS (
    SELECT 1 FROM cocreation_milestones m WHERE m.id = owner_id AND app_in_scope(m.path)));
