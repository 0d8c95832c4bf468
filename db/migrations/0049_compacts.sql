-- Village compacts (村规民约 / 居民公约): the nine-step workflow. See docs/COMPACTS.md.
--
-- 两委商议 → 发邀请函 → 建执委会 → 草拟初稿 → 征求民意 → 修改完善 → 二次公示 → 全体表决 → 张榜执行,
-- then the filing with the township (备案). `compacts.step` is the step now open; a step closes
-- only when its record is complete (compact-steps.ts says what each needs), and its closing is a
-- row in compact_steps. A township that returns the filing reopens the revision step: the
-- compact is changed, shown again and voted again, as the law requires of any change.
--
-- Articles belong to a version; `article_key` is the article's identity across versions, so an
-- opinion on 第三条 stays on that article when a revision renumbers it to 第二条 (the number it had
-- is kept with the opinion, too). Legality flags are stored per version when it is saved.

CREATE FUNCTION app_may_edit_compacts() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff', 'township_staff', 'village_cadre') $$;

CREATE TABLE compacts (
  id                     uuid PRIMARY KEY,
  region_code            varchar(15) NOT NULL REFERENCES regions(code),   -- the village or community
  path                   ltree NOT NULL,
  kind                   text NOT NULL CHECK (kind IN ('village', 'residents')),
  title                  text NOT NULL CHECK (length(title) BETWEEN 2 AND 100),
  step                   text NOT NULL DEFAULT 'deliberation' CHECK (step IN ('deliberation', 'invitation', 'committee', 'draft',
                           'consultation', 'revision', 'notice', 'vote', 'publication', 'filing', 'filed')),
  -- 1. 两委商议
  deliberated_on         date,
  deliberation_attendees text[] NOT NULL DEFAULT '{}',
  deliberation_minutes   text CHECK (length(deliberation_minutes) <= 5000),
  -- 5. 征求民意: until when opinions are taken (inclusive)
  consultation_until     date,
  -- 6. 修改完善: the version the revision starts from (set when the consultation closes or the township returns the filing)
  revision_base_seq      int,
  -- 7. 二次公示: first day and last day (inclusive) of the notice, in working days
  notice_from            date,
  notice_until           date,
  notice_version_id      uuid,
  -- 8. 全体表决: a co-creation vote (yes / no / abstain on the whole text)
  vote_id                uuid REFERENCES cocreation_votes(id),
  vote_version_id        uuid,
  -- 9. 张榜执行 and 备案
  published_version_id   uuid,
  published_on           date,
  filing_submitted_at    timestamptz,
  filing_decided_at      timestamptz,
  filing_decided_by      uuid,
  filing_note            text CHECK (length(filing_note) <= 1000),
  created_by             uuid,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL
);
CREATE INDEX compacts_path ON compacts USING gist (path);
CREATE INDEX compacts_region ON compacts (region_code, created_at DESC);

-- Each closing (and reopening) of a step: who, when, and what it rested on, in words.
CREATE TABLE compact_steps (
  id          uuid PRIMARY KEY,
  compact_id  uuid NOT NULL REFERENCES compacts(id),
  path        ltree NOT NULL,
  step        text NOT NULL,
  action      text NOT NULL CHECK (action IN ('completed', 'reopened')),
  summary     text NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
  created_by  uuid,
  created_at  timestamptz NOT NULL
);
CREATE INDEX compact_steps_compact ON compact_steps (compact_id, created_at);

-- 2–3. Invitation letters to named registry persons; those who join the committee (执委会) get a role.
CREATE TABLE compact_invitations (
  id              uuid PRIMARY KEY,
  compact_id      uuid NOT NULL REFERENCES compacts(id),
  path            ltree NOT NULL,
  resident_id     uuid NOT NULL REFERENCES residents(id),
  name            text NOT NULL,
  capacity        text NOT NULL CHECK (length(capacity) BETWEEN 1 AND 40),   -- 寨老、老党员、房族族长、外出务工代表…
  committee_role  text CHECK (length(committee_role) BETWEEN 1 AND 40),      -- 主任、委员… when on the committee
  created_by      uuid,
  created_at      timestamptz NOT NULL,
  UNIQUE (compact_id, resident_id)
);

-- 3. The joint vetting of the committee: 司法所、综治中心、派出所, each approving or refusing with a note.
CREATE TABLE compact_vettings (
  id             uuid PRIMARY KEY,
  compact_id     uuid NOT NULL REFERENCES compacts(id),
  path           ltree NOT NULL,
  agency         text NOT NULL CHECK (agency IN ('justice', 'governance', 'police')),
  decision       text NOT NULL CHECK (decision IN ('approve', 'refuse')),
  reviewer_name  text NOT NULL CHECK (length(reviewer_name) BETWEEN 1 AND 50),
  note           text NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
  created_by     uuid,
  created_at     timestamptz NOT NULL
);
CREATE INDEX compact_vettings_compact ON compact_vettings (compact_id, agency, created_at DESC);

CREATE TABLE compact_versions (
  id          uuid PRIMARY KEY,
  compact_id  uuid NOT NULL REFERENCES compacts(id),
  path        ltree NOT NULL,
  seq         int NOT NULL CHECK (seq >= 1),
  note        text CHECK (length(note) <= 500),
  created_by  uuid,
  created_at  timestamptz NOT NULL,
  UNIQUE (compact_id, seq)
);

CREATE TABLE compact_articles (
  id           uuid PRIMARY KEY,
  version_id   uuid NOT NULL REFERENCES compact_versions(id),
  path         ltree NOT NULL,
  article_key  uuid NOT NULL,
  number       int NOT NULL CHECK (number >= 1),
  topic        text NOT NULL CHECK (length(topic) BETWEEN 1 AND 40),
  text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  UNIQUE (version_id, number),
  UNIQUE (version_id, article_key)
);

-- The legality check's findings for a version, as they were when it was saved.
CREATE TABLE compact_flags (
  id           uuid PRIMARY KEY,
  version_id   uuid NOT NULL REFERENCES compact_versions(id),
  path         ltree NOT NULL,
  article_key  uuid NOT NULL,
  number       int NOT NULL,
  rule_code    text NOT NULL,
  kind         text NOT NULL,
  matched      text NOT NULL,
  sentence     text NOT NULL,
  reason       text NOT NULL,
  suggestion   text NOT NULL
);
CREATE INDEX compact_flags_version ON compact_flags (version_id);

-- 5. Opinions, per article (article_key) or on the whole text (NULL); each is answered.
CREATE TABLE compact_opinions (
  id              uuid PRIMARY KEY,
  compact_id      uuid NOT NULL REFERENCES compacts(id),
  path            ltree NOT NULL,
  article_key     uuid,
  version_seq     int NOT NULL,
  article_number  int,                                  -- the number the article had when it was read
  source          text NOT NULL CHECK (source IN ('resident', 'migrant', 'visit', 'cadre')),
  resident_id     uuid REFERENCES residents(id),
  household_id    uuid REFERENCES households(id),
  author_name     text NOT NULL CHECK (length(author_name) BETWEEN 1 AND 50),
  text            text NOT NULL CHECK (length(text) BETWEEN 2 AND 1000),
  answer          text CHECK (answer IN ('adopted', 'partly', 'not')),
  answer_reason   text CHECK (length(answer_reason) BETWEEN 2 AND 500),
  answered_by     uuid,
  answered_at     timestamptz,
  created_by      uuid,
  created_at      timestamptz NOT NULL,
  CHECK ((answer IS NULL) = (answer_reason IS NULL))
);
CREATE INDEX compact_opinions_compact ON compact_opinions (compact_id, created_at);

-- 7. Objections during the second notice, each answered.
CREATE TABLE compact_objections (
  id             uuid PRIMARY KEY,
  compact_id     uuid NOT NULL REFERENCES compacts(id),
  path           ltree NOT NULL,
  resident_id    uuid REFERENCES residents(id),
  household_id   uuid REFERENCES households(id),
  author_name    text NOT NULL CHECK (length(author_name) BETWEEN 1 AND 50),
  text           text NOT NULL CHECK (length(text) BETWEEN 2 AND 1000),
  answer         text CHECK (length(answer) BETWEEN 2 AND 500),
  answered_by    uuid,
  answered_at    timestamptz,
  created_by     uuid,
  created_at     timestamptz NOT NULL
);
CREATE INDEX compact_objections_compact ON compact_objections (compact_id, created_at);

-- 知晓率: a household that confirmed reading the published compact (once per household).
CREATE TABLE compact_readings (
  id            uuid PRIMARY KEY,
  compact_id    uuid NOT NULL REFERENCES compacts(id),
  path          ltree NOT NULL,
  household_id  uuid NOT NULL REFERENCES households(id),
  resident_id   uuid NOT NULL REFERENCES residents(id),
  created_at    timestamptz NOT NULL,
  UNIQUE (compact_id, household_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['compacts', 'compact_steps', 'compact_invitations', 'compact_vettings', 'compact_versions',
    'compact_articles', 'compact_flags', 'compact_opinions', 'compact_objections', 'compact_readings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (app_is_system() OR (app_may_read_compacts() AND app_in_scope(path)))', t || '_read', t);
    IF t = 'compact_opinions' THEN
      -- Grid workers enter the opinions they hear on a household visit.
      EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (app_may_read_compacts() AND app_in_scope(path))', t || '_insert', t);
    ELSE
      EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (app_may_edit_compacts() AND app_in_scope(path))', t || '_insert', t);
    END IF;
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (app_may_edit_compacts() AND app_in_scope(path)) WITH CHECK (app_may_edit_compacts() AND app_in_scope(path))', t || '_update', t);
    EXECUTE format('CREATE POLICY app_context_sealed ON %I AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()))', t);
    EXECUTE format('GRANT SELECT, INSERT ON %I TO gongzhi_app', t);
  END LOOP;
END $$;
-- What may change: the compact's step and records, an invitation's committee role, an opinion's
-- or objection's answer. Versions, articles, flags, steps, vettings and readings are append-only.
GRANT UPDATE ON compacts, compact_invitations, compact_opinions, compact_objections TO gongzhi_app;
