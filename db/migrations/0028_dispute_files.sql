-- Mediation evidence in the platform file store (issue #16, item 2): files of owner kind
-- 'dispute_case' (usage 'evidence'). Readable by whoever sees the case: the sub-select on
-- dispute_cases is filtered by that table's policies (the case's office and those above, a
-- department taking part). Attached only by those who mediate; never deleted (part of the 卷宗).
CREATE POLICY files_dispute_case ON files FOR SELECT
  USING (owner_kind = 'dispute_case' AND EXISTS (SELECT 1 FROM dispute_cases c WHERE c.id = owner_id));
CREATE POLICY files_dispute_case_attach ON files FOR INSERT
  WITH CHECK (owner_kind = 'dispute_case' AND app_mediates() AND EXISTS (SELECT 1 FROM dispute_cases c WHERE c.id = owner_id));
