-- Mediation as the law writes it (issue #16, items 3–5).
--
-- 1. The parties' particulars that a written agreement states (人民调解法 art. 29, 当事人的基本情况):
--    sex, age, ethnicity, occupation or work unit, and address. A registered resident's sex, age and
--    address come from the registry when the agreement is written; the rest, and everything for a
--    party who is not in the registry, the mediator enters.
ALTER TABLE dispute_parties
  ADD COLUMN sex        text CHECK (sex IN ('male','female')),
  ADD COLUMN age        smallint CHECK (age BETWEEN 0 AND 150),
  ADD COLUMN ethnicity  text CHECK (length(ethnicity) BETWEEN 2 AND 20),
  ADD COLUMN occupation text CHECK (length(occupation) BETWEEN 1 AND 100);

-- 2. 司法确认 (人民调解法 art. 33; 民事诉讼法 arts. 205–206): the parties' joint application to the court
--    within 30 days of the agreement taking effect, then the court's ruling (confirmed valid, or the
--    application rejected with a reason) and the ruling's document number. A ruling cannot exist
--    without an application, nor an application outside the window, even written past the service.
ALTER TABLE dispute_agreements
  ADD COLUMN judicial_applied_on date,
  ADD COLUMN judicial_court      text CHECK (length(judicial_court) BETWEEN 2 AND 100),
  ADD COLUMN judicial_applicants uuid[],                 -- dispute_parties ids of the applicants
  ADD COLUMN judicial_outcome    text CHECK (judicial_outcome IN ('confirmed','rejected')),
  ADD COLUMN judicial_ruled_on   date,
  ADD COLUMN judicial_document   text CHECK (length(judicial_document) BETWEEN 1 AND 60),
  ADD COLUMN judicial_reason     text,
  ADD CONSTRAINT dispute_agreements_judicial_application CHECK (
    judicial_applied_on IS NULL OR (
      kind = 'written' AND effective_at IS NOT NULL AND judicial_court IS NOT NULL
      AND cardinality(judicial_applicants) >= 2
      AND judicial_applied_on >= (effective_at AT TIME ZONE 'Asia/Shanghai')::date
      AND judicial_applied_on <= judicial_due)),
  ADD CONSTRAINT dispute_agreements_judicial_ruling CHECK (
    judicial_outcome IS NULL OR (
      judicial_applied_on IS NOT NULL AND judicial_ruled_on IS NOT NULL AND judicial_ruled_on >= judicial_applied_on
      AND judicial_document IS NOT NULL
      AND (judicial_outcome = 'confirmed' OR judicial_reason IS NOT NULL)));

-- The reminder of the 30-day window looks only at agreements nobody has applied for.
CREATE INDEX dispute_agreements_judicial_due ON dispute_agreements (judicial_due)
  WHERE judicial_due IS NOT NULL AND judicial_applied_on IS NULL AND NOT judicial_reminded;

-- 3. Mediators' phone numbers, protected like every phone number: SM4-GCM ciphertext, SM3-HMAC
--    lookup digest, and the masked form that lists show.
ALTER TABLE mediators
  ADD COLUMN phone_enc    text,
  ADD COLUMN phone_hmac   text,
  ADD COLUMN phone_masked text;
CREATE INDEX mediators_phone ON mediators (phone_hmac) WHERE phone_hmac IS NOT NULL;

-- 4. Departments in a joint mediation (联合调解): the case's office invites a department, whose staff
--    then see that case (and only that one) and record their part. The row carries the case's path.
CREATE TABLE dispute_case_departments (
  id            uuid PRIMARY KEY,
  case_id       uuid NOT NULL REFERENCES dispute_cases(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  method        text,                              -- the joint-mediation method it joins under (joint_police …)
  note          text,                              -- what the department is asked to do
  path          ltree NOT NULL,
  invited_by    uuid,
  invited_at    timestamptz NOT NULL,
  part_note     text,                              -- the department's part, in its own words
  part_at       timestamptz,
  part_by       uuid,
  part_by_name  text,
  UNIQUE (case_id, department_id),
  CHECK ((part_note IS NULL) = (part_at IS NULL))
);
CREATE INDEX dispute_case_departments_department ON dispute_case_departments (department_id, case_id);

-- An invitation carries its case's path, and only for a case the inviter can see: checked by a
-- trigger (a policy on this table that read dispute_cases would recurse through the policy below).
CREATE FUNCTION dispute_case_departments_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.path IS DISTINCT FROM (SELECT c.path FROM dispute_cases c WHERE c.id = NEW.case_id) THEN
    RAISE EXCEPTION 'dispute_case_departments: case % not visible or path mismatch', NEW.case_id USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER dispute_case_departments_check BEFORE INSERT ON dispute_case_departments
  FOR EACH ROW EXECUTE FUNCTION dispute_case_departments_check();

ALTER TABLE dispute_case_departments ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute_case_departments FORCE ROW LEVEL SECURITY;
CREATE POLICY dispute_case_departments_read ON dispute_case_departments FOR SELECT
  USING ((app_mediates() AND app_in_scope(path)) OR (app_role() = 'department_staff' AND department_id = app_department_id()));
CREATE POLICY dispute_case_departments_invite ON dispute_case_departments FOR INSERT
  WITH CHECK (app_mediates() AND app_in_scope(path));
CREATE POLICY dispute_case_departments_part ON dispute_case_departments FOR UPDATE
  USING (app_is_system() OR (app_role() = 'department_staff' AND department_id = app_department_id()))
  WITH CHECK (app_is_system() OR (app_role() = 'department_staff' AND department_id = app_department_id()));
CREATE POLICY app_context_sealed ON dispute_case_departments AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
-- Only the part can change: never the case, the department or the path an invitation was made for.
GRANT SELECT, INSERT ON dispute_case_departments TO gongzhi_app;
GRANT UPDATE (part_note, part_at, part_by, part_by_name) ON dispute_case_departments TO gongzhi_app;

-- A department's staff read the cases they take part in, and what hangs off them (parties,
-- sessions, agreement, timeline: those policies follow the case), and the mediator assigned.
CREATE POLICY dispute_cases_participant_read ON dispute_cases FOR SELECT
  USING (app_role() = 'department_staff'
         AND EXISTS (SELECT 1 FROM dispute_case_departments d
                     WHERE d.case_id = dispute_cases.id AND d.department_id = app_department_id()));
CREATE POLICY mediators_participant_read ON mediators FOR SELECT
  USING (app_role() = 'department_staff' AND EXISTS (SELECT 1 FROM dispute_cases c WHERE c.mediator_id = mediators.id));

-- Reading a case is not mediating it: only those who mediate change its parties, sessions and
-- agreement (a department appends its part to the timeline, nothing else).
CREATE POLICY dispute_parties_mediators_write ON dispute_parties AS RESTRICTIVE FOR INSERT WITH CHECK (app_mediates());
CREATE POLICY dispute_parties_mediators_update ON dispute_parties AS RESTRICTIVE FOR UPDATE USING (app_mediates()) WITH CHECK (app_mediates());
CREATE POLICY dispute_sessions_mediators_write ON dispute_sessions AS RESTRICTIVE FOR INSERT WITH CHECK (app_mediates());
CREATE POLICY dispute_sessions_mediators_update ON dispute_sessions AS RESTRICTIVE FOR UPDATE USING (app_mediates()) WITH CHECK (app_mediates());
CREATE POLICY dispute_agreements_mediators_write ON dispute_agreements AS RESTRICTIVE FOR INSERT WITH CHECK (app_mediates());
CREATE POLICY dispute_agreements_mediators_update ON dispute_agreements AS RESTRICTIVE FOR UPDATE USING (app_mediates()) WITH CHECK (app_mediates());
