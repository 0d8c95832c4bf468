-- 减文减会: documents and meetings the county office or a township addresses down to villages and
-- townships, recorded by whoever sends them, so the burden dashboard can count them per sending
-- unit and month. See docs/DUTIES.md.
CREATE TABLE notices (
  id                  uuid PRIMARY KEY,
  kind                text NOT NULL CHECK (kind IN ('document', 'meeting')),
  doc_number          text CHECK (doc_number IS NULL OR length(doc_number) BETWEEN 1 AND 60),   -- 文号 (documents)
  title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  issuer              text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 100),                  -- issuing / convening unit
  sender_region_code  varchar(15) NOT NULL REFERENCES regions(code),                          -- the county or township office
  sender_path         ltree NOT NULL,
  issued_on           date NOT NULL,
  target_codes        text[] NOT NULL CHECK (cardinality(target_codes) BETWEEN 1 AND 1000),    -- villages or townships addressed
  village_count       integer NOT NULL CHECK (village_count >= 0),                             -- villages reached (a township counts its villages)
  attendees           text CHECK (attendees IS NULL OR length(attendees) BETWEEN 1 AND 100),   -- meetings: who must attend
  hours               numeric(4, 1) CHECK (hours IS NULL OR (hours > 0 AND hours <= 72)),
  recorded_by         uuid,
  synthetic           boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL,
  CHECK (kind = 'meeting' OR (attendees IS NULL AND hours IS NULL)),
  CHECK (kind = 'document' OR doc_number IS NULL)
);
CREATE INDEX notices_sender_path ON notices USING gist (sender_path);
CREATE INDEX notices_issued_on ON notices (issued_on);

ALTER TABLE notices ENABLE ROW LEVEL SECURITY;
ALTER TABLE notices FORCE ROW LEVEL SECURITY;
CREATE POLICY notices_read ON notices FOR SELECT USING (app_is_system() OR app_in_scope(sender_path));
CREATE POLICY notices_write ON notices FOR INSERT
  WITH CHECK (app_is_system() OR (app_role() IN ('county_staff', 'township_staff') AND app_in_scope(sender_path)));
CREATE POLICY app_context_sealed ON notices AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT ON notices TO gongzhi_app;
