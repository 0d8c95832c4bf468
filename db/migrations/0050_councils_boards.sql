-- 一约四会 (the compact and its four councils), the village's teams, their members and duty
-- shifts; and the honour / warning boards (红榜 / 黑榜 / 黄榜). See docs/COMPACTS.md, "Councils,
-- teams and boards". Every table carries the village's path (a board entry: its household's);
-- scope is that path, as in 0045.
--
-- 五老三员两长 are resident tags (resident_tags, 0003), not a table: a council member who is an
-- old party member carries the tag `wulao_party_member` on the person.

CREATE FUNCTION app_may_edit_councils() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff', 'township_staff', 'village_cadre') $$;
CREATE FUNCTION app_may_read_councils() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff', 'township_staff', 'village_cadre', 'grid_worker') $$;

INSERT INTO resident_tags (code, name, category, builtin, sort) VALUES
  ('wulao_party_member', '老党员',     'governance', true, 50),
  ('wulao_cadre',        '老干部',     'governance', true, 51),
  ('wulao_teacher',      '老教师',     'governance', true, 52),
  ('wulao_model',        '老模范',     'governance', true, 53),
  ('wulao_soldier',      '老军人',     'governance', true, 54),
  ('sanyuan_informant',  '信息员',     'governance', true, 55),
  ('sanyuan_mediator',   '调解员',     'governance', true, 56),
  ('sanyuan_publicist',  '宣传员',     'governance', true, 57),
  ('lianzhang_group',    '村民小组长', 'governance', true, 58),
  ('lianzhang_liaison',  '联户长',     'governance', true, 59);

-- A council (道德评议会、红白理事会、村民议事会、村组理事会) or a team (治安巡逻队、纠纷调解队、
-- 志愿服务队 …) of one village. A village has at most one council of each kind; teams may repeat kinds.
CREATE TABLE council_bodies (
  id            uuid PRIMARY KEY,
  village_code  varchar(15) NOT NULL REFERENCES regions(code),
  path          ltree NOT NULL,
  category      text NOT NULL CHECK (category IN ('council', 'team')),
  kind          text NOT NULL CHECK (kind IN ('moral_review', 'weddings_funerals', 'villagers_deliberation', 'group_affairs',
                                              'security_patrol', 'dispute_mediation', 'volunteer_service', 'other_team')),
  name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 60),
  duties        text CHECK (duties IS NULL OR length(duties) <= 1000),
  active        boolean NOT NULL DEFAULT true,
  created_by    uuid,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CHECK ((category = 'council') = (kind IN ('moral_review', 'weddings_funerals', 'villagers_deliberation', 'group_affairs'))),
  UNIQUE (village_code, name)
);
CREATE UNIQUE INDEX council_bodies_one_council ON council_bodies (village_code, kind) WHERE category = 'council';
CREATE INDEX council_bodies_path ON council_bodies USING gist (path);

-- Members are registry persons of the village. One leader per body (会长 / 队长): a 两委 member,
-- recorded as such by the cadre appointing (`leader` and `committee_post`). A member leaves by
-- `left_on`; the row stays as history.
CREATE TABLE council_members (
  id              uuid PRIMARY KEY,
  body_id         uuid NOT NULL REFERENCES council_bodies(id),
  resident_id     uuid NOT NULL REFERENCES residents(id),
  path            ltree NOT NULL,
  role            text NOT NULL CHECK (role IN ('leader', 'deputy', 'member')),
  committee_post  text CHECK (committee_post IS NULL OR length(btrim(committee_post)) BETWEEN 2 AND 30),   -- 两委职务: 村党支部书记、村委会委员 …
  joined_on       date NOT NULL,
  left_on         date,
  created_by      uuid,
  created_at      timestamptz NOT NULL,
  CHECK (role <> 'leader' OR committee_post IS NOT NULL),
  CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE UNIQUE INDEX council_members_current ON council_members (body_id, resident_id) WHERE left_on IS NULL;
CREATE UNIQUE INDEX council_members_one_leader ON council_members (body_id) WHERE role = 'leader' AND left_on IS NULL;
CREATE INDEX council_members_resident ON council_members (resident_id);

-- 排班: a shift of a body on a day, with the members on it.
CREATE TABLE council_shifts (
  id            uuid PRIMARY KEY,
  body_id       uuid NOT NULL REFERENCES council_bodies(id),
  village_code  varchar(15) NOT NULL REFERENCES regions(code),
  path          ltree NOT NULL,
  duty_on       date NOT NULL,
  period        text NOT NULL CHECK (period IN ('day', 'morning', 'afternoon', 'night')),
  task          text CHECK (task IS NULL OR length(task) <= 200),
  member_ids    uuid[] NOT NULL CHECK (cardinality(member_ids) BETWEEN 1 AND 20),
  reminded_at   timestamptz,                                   -- set by the reminder sweep, once
  created_by    uuid,
  created_at    timestamptz NOT NULL,
  UNIQUE (body_id, duty_on, period)
);
CREATE INDEX council_shifts_day ON council_shifts (duty_on) WHERE reminded_at IS NULL;
CREATE INDEX council_shifts_village ON council_shifts (village_code, duty_on);

-- A board entry (红榜 honour / 黑榜 warning / 黄榜 caution) about one household. Its life:
-- proposed (by a council, citing the compact's article, with facts and evidence files) →
-- notified (the notice to the household recorded; the objection window runs to objection_until,
-- N working days) → decided (publish, with the days it stays up; or withdraw) → published →
-- expired, computed from published_until (no row changes: the public page hides it, the cadre's
-- history keeps it). Publishing before objection_until has passed, or with an objection not yet
-- answered, is refused by the service and by the CHECK / trigger below.
CREATE TABLE board_entries (
  id               uuid PRIMARY KEY,
  village_code     varchar(15) NOT NULL REFERENCES regions(code),
  path             ltree NOT NULL,                            -- the household's path
  household_id     uuid NOT NULL REFERENCES households(id),
  board            text NOT NULL CHECK (board IN ('red', 'black', 'yellow')),
  status           text NOT NULL CHECK (status IN ('proposed', 'notified', 'published', 'withdrawn')),
  council_id       uuid NOT NULL REFERENCES council_bodies(id),
  compact_title    text NOT NULL CHECK (length(btrim(compact_title)) BETWEEN 2 AND 100),
  article_number   text NOT NULL CHECK (length(btrim(article_number)) BETWEEN 1 AND 20),
  article_text     text NOT NULL CHECK (length(btrim(article_text)) BETWEEN 2 AND 2000),   -- the words cited, as they stood
  facts            text NOT NULL CHECK (length(btrim(facts)) BETWEEN 5 AND 2000),
  public_text      text NOT NULL CHECK (length(btrim(public_text)) BETWEEN 2 AND 200),     -- what the notice board says
  objection_days   int NOT NULL CHECK (objection_days BETWEEN 3 AND 30),                   -- working days
  publish_days     int NOT NULL CHECK (publish_days BETWEEN 1 AND 365),                    -- calendar days on the board
  proposed_by      uuid,
  proposed_at      timestamptz NOT NULL,
  notified_at      timestamptz,
  notice_method    text CHECK (notice_method IN ('in_person', 'posted', 'phone', 'letter')),
  notice_note      text CHECK (notice_note IS NULL OR length(notice_note) <= 500),
  objection_until  date,                                      -- the last day of the window (China date)
  decided_at       timestamptz,
  decided_by       uuid,
  decision_note    text CHECK (decision_note IS NULL OR length(decision_note) <= 500),
  published_at     timestamptz,
  published_until  timestamptz,
  updated_at       timestamptz NOT NULL,
  CHECK (status = 'withdrawn' OR (status = 'proposed') = (notified_at IS NULL)),
  CHECK ((notified_at IS NULL) = (objection_until IS NULL)),
  CHECK ((status = 'published') = (published_at IS NOT NULL)),
  CHECK (published_at IS NULL OR (notified_at IS NOT NULL AND published_until > published_at AND (published_at AT TIME ZONE 'Asia/Shanghai')::date > objection_until))
);
CREATE INDEX board_entries_village ON board_entries (village_code, status);
CREATE INDEX board_entries_household ON board_entries (household_id);
CREATE INDEX board_entries_published ON board_entries (village_code, published_until) WHERE status = 'published';

-- An objection (异议) the household (or anyone) raised in the window, and the council's answer.
CREATE TABLE board_objections (
  id            uuid PRIMARY KEY,
  entry_id      uuid NOT NULL REFERENCES board_entries(id),
  path          ltree NOT NULL,
  raised_by     text NOT NULL CHECK (length(btrim(raised_by)) BETWEEN 1 AND 50),
  content       text NOT NULL CHECK (length(btrim(content)) BETWEEN 2 AND 2000),
  raised_on     date NOT NULL,
  recorded_by   uuid,
  recorded_at   timestamptz NOT NULL,
  answer        text CHECK (answer IS NULL OR length(btrim(answer)) BETWEEN 2 AND 2000),
  upheld        boolean,                                       -- the objection was found right
  answered_by   uuid,
  answered_at   timestamptz,
  CHECK ((answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (upheld IS NULL))
);
CREATE INDEX board_objections_entry ON board_objections (entry_id);

-- Row-level security: everything within scope; cadres and staff write.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['council_bodies', 'council_members', 'council_shifts', 'board_entries', 'board_objections'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (app_is_system() OR (app_may_read_councils() AND app_in_scope(path)))', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (app_may_edit_councils() AND app_in_scope(path))', t || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (app_may_edit_councils() AND app_in_scope(path)) WITH CHECK (app_may_edit_councils() AND app_in_scope(path))', t || '_update', t);
    EXECUTE format('CREATE POLICY app_context_sealed ON %I AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()))', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO gongzhi_app', t);
  END LOOP;
END $$;

-- A published entry keeps its words: only the withdrawal of a published entry is not a thing
-- (it expires); and no entry is published while an objection awaits its answer.
CREATE FUNCTION board_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('published', 'withdrawn') THEN
    RAISE EXCEPTION 'a published or withdrawn board entry does not change' USING ERRCODE = 'P0001';
  END IF;
  IF (to_jsonb(NEW) - ARRAY['status', 'notified_at', 'notice_method', 'notice_note', 'objection_until', 'decided_at', 'decided_by',
                            'decision_note', 'published_at', 'published_until', 'updated_at'])
     <> (to_jsonb(OLD) - ARRAY['status', 'notified_at', 'notice_method', 'notice_note', 'objection_until', 'decided_at', 'decided_by',
                               'decision_note', 'published_at', 'published_until', 'updated_at']) THEN
    RAISE EXCEPTION 'a board entry keeps its household, article and facts' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.status = 'published' AND EXISTS (SELECT 1 FROM board_objections o WHERE o.entry_id = NEW.id AND o.answered_at IS NULL) THEN
    RAISE EXCEPTION 'an objection awaits its answer' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER board_entries_guard BEFORE UPDATE ON board_entries FOR EACH ROW EXECUTE FUNCTION board_entries_guard();

-- Evidence (证据材料) on a board entry, in the platform file store: read with the entry.
CREATE POLICY files_board_entry ON files FOR SELECT
  USING (owner_kind = 'board_entry' AND EXISTS (SELECT 1 FROM board_entries e WHERE e.id = owner_id));
CREATE POLICY files_board_entry_attach ON files FOR INSERT
  WITH CHECK (owner_kind = 'board_entry' AND app_may_edit_councils() AND EXISTS (
    SELECT 1 FROM board_entries e WHERE e.id = owner_id AND app_in_scope(e.path)));
