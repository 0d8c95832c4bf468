-- Points (积分) with the points shop (爱心超市 / 积分超市), and the volunteer time bank (时间银行).
-- Every table carries the path of the village (or the household below it) it belongs to; scope is
-- that path, as in 0039. See docs/POINTS.md.
--
-- The ledger is double-entry with ONE ROW PER POSTING: each row moves `amount` (> 0) points from
-- its debit account to its credit account. A row therefore sums to zero by construction (there is
-- no second row that could go missing or disagree), and an account's balance is
--   Σ amount where it is the credit account − Σ amount where it is the debit account.
-- Each village has two house accounts: `issuance` (村积分发放; points awarded come from it, so its
-- balance is minus the points outstanding) and `shop` (爱心超市; redemptions pay into it). A member
-- account is a household's or a person's (volunteers). `account_id` repeats the member account a
-- posting concerns, so statements, balances and the leaderboard read one index.
--
-- No balance is stored: a write that must not overdraw locks the account's row (SELECT … FOR
-- UPDATE) and sums the entries inside the lock. The one stored figure, a shop item's stock, is
-- changed only by a conditional UPDATE (stock >= n) and is checked against its movements
-- (restocks − redemptions) by `gongzhi points verify`.

CREATE FUNCTION app_may_edit_points() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff', 'township_staff', 'village_cadre') $$;
CREATE FUNCTION app_may_read_points() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff', 'township_staff', 'village_cadre', 'grid_worker') $$;

-- 积分规则: for one village, or township-wide / county-wide (path of the township or county).
CREATE TABLE points_rules (
  id           uuid PRIMARY KEY,
  region_code  varchar(15) NOT NULL REFERENCES regions(code),
  path         ltree NOT NULL,
  code         text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,40}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  points       int NOT NULL CHECK (points <> 0 AND points BETWEEN -1000 AND 1000),   -- negative: a breach of the compact
  cadence      text NOT NULL CHECK (cadence IN ('each', 'monthly', 'once')),        -- each time / at most once a month / once ever
  active       boolean NOT NULL DEFAULT true,
  created_by   uuid,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  UNIQUE (region_code, code)
);
CREATE INDEX points_rules_path ON points_rules USING gist (path);

CREATE TABLE points_accounts (
  id            uuid PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('household', 'resident', 'issuance', 'shop')),
  village_code  varchar(15) NOT NULL REFERENCES regions(code),
  path          ltree NOT NULL,                                -- the household's path, or the village's
  household_id  uuid REFERENCES households(id),
  resident_id   uuid REFERENCES residents(id),
  created_at    timestamptz NOT NULL,
  CHECK ((kind = 'household') = (household_id IS NOT NULL)),
  CHECK ((kind = 'resident') = (resident_id IS NOT NULL))
);
CREATE UNIQUE INDEX points_accounts_household ON points_accounts (household_id) WHERE kind = 'household';
CREATE UNIQUE INDEX points_accounts_resident ON points_accounts (resident_id) WHERE kind = 'resident';
CREATE UNIQUE INDEX points_accounts_house ON points_accounts (village_code, kind) WHERE kind IN ('issuance', 'shop');
CREATE INDEX points_accounts_village ON points_accounts (village_code);

-- 爱心超市 items: price in points; `stock` is what is on the shelf.
CREATE TABLE points_shop_items (
  id           uuid PRIMARY KEY,
  village_code varchar(15) NOT NULL REFERENCES regions(code),
  path         ltree NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  price        int NOT NULL CHECK (price > 0),
  stock        int NOT NULL CHECK (stock >= 0),
  active       boolean NOT NULL DEFAULT true,
  created_by   uuid,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  UNIQUE (village_code, name)
);

-- Every change of stock other than a redemption: the first shelf-filling, restocks, write-offs.
CREATE TABLE points_shop_restocks (
  id          uuid PRIMARY KEY,
  item_id     uuid NOT NULL REFERENCES points_shop_items(id),
  path        ltree NOT NULL,
  quantity    int NOT NULL CHECK (quantity <> 0),
  reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  created_by  uuid,
  created_at  timestamptz NOT NULL
);
CREATE INDEX points_shop_restocks_item ON points_shop_restocks (item_id);

CREATE TABLE points_redemptions (
  id          uuid PRIMARY KEY,
  item_id     uuid NOT NULL REFERENCES points_shop_items(id),
  account_id  uuid NOT NULL REFERENCES points_accounts(id),
  path        ltree NOT NULL,
  quantity    int NOT NULL CHECK (quantity > 0),
  points      int NOT NULL CHECK (points > 0),
  channel     text NOT NULL CHECK (channel IN ('counter', 'resident')),   -- at the shop counter by a cadre / by the resident's phone
  created_by  uuid,
  actor_name  text NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX points_redemptions_item ON points_redemptions (item_id);
CREATE INDEX points_redemptions_account ON points_redemptions (account_id);

CREATE TABLE points_entries (
  id              uuid PRIMARY KEY,
  village_code    varchar(15) NOT NULL REFERENCES regions(code),
  path            ltree NOT NULL,                                  -- the member account's path
  account_id      uuid NOT NULL REFERENCES points_accounts(id),    -- the member account concerned
  debit_account   uuid NOT NULL REFERENCES points_accounts(id),
  credit_account  uuid NOT NULL REFERENCES points_accounts(id),
  amount          int NOT NULL CHECK (amount > 0),
  kind            text NOT NULL CHECK (kind IN ('rule', 'adjustment', 'redemption')),
  rule_id         uuid REFERENCES points_rules(id),
  period          text,                                            -- monthly: 'YYYY-MM'; once: 'once'; each: the entry's id
  reason          text,
  redemption_id   uuid REFERENCES points_redemptions(id),
  booked_on       date NOT NULL,
  created_by      uuid,
  actor_name      text NOT NULL,
  created_at      timestamptz NOT NULL,
  CHECK (debit_account <> credit_account),
  CHECK (account_id = debit_account OR account_id = credit_account),
  CHECK (kind <> 'rule' OR (rule_id IS NOT NULL AND period IS NOT NULL)),
  CHECK (kind <> 'adjustment' OR (reason IS NOT NULL AND length(btrim(reason)) >= 2)),
  CHECK (kind <> 'redemption' OR redemption_id IS NOT NULL)
);
-- A monthly rule scores a member at most once a month, a once-rule once ever (concurrent awards
-- included: the second insert fails here).
CREATE UNIQUE INDEX points_entries_rule_period ON points_entries (rule_id, account_id, period) WHERE rule_id IS NOT NULL;
CREATE INDEX points_entries_account ON points_entries (account_id, booked_on) INCLUDE (amount, credit_account);
CREATE INDEX points_entries_village ON points_entries (village_code, booked_on);
CREATE INDEX points_entries_debit ON points_entries (debit_account) INCLUDE (amount);
CREATE INDEX points_entries_credit ON points_entries (credit_account) INCLUDE (amount);

-- 时间银行: volunteers are registry persons.
CREATE TABLE timebank_volunteers (
  id            uuid PRIMARY KEY,
  resident_id   uuid NOT NULL UNIQUE REFERENCES residents(id),
  village_code  varchar(15) NOT NULL REFERENCES regions(code),
  path          ltree NOT NULL,
  name          text NOT NULL,
  skills        text,
  registered_on date NOT NULL,
  created_by    uuid,
  created_at    timestamptz NOT NULL
);
CREATE INDEX timebank_volunteers_village ON timebank_volunteers (village_code);

-- Services offered (by a volunteer) and requested (by a resident).
CREATE TABLE timebank_services (
  id            uuid PRIMARY KEY,
  village_code  varchar(15) NOT NULL REFERENCES regions(code),
  path          ltree NOT NULL,
  direction     text NOT NULL CHECK (direction IN ('offer', 'request')),
  category      text NOT NULL CHECK (category IN ('companionship', 'elder_care', 'transport', 'errand', 'other')),   -- 陪护 助老 接送 代购 其他
  volunteer_id  uuid REFERENCES timebank_volunteers(id),
  resident_id   uuid REFERENCES residents(id),
  description   text NOT NULL CHECK (length(description) BETWEEN 2 AND 500),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by    uuid,
  created_at    timestamptz NOT NULL,
  CHECK ((direction = 'offer') = (volunteer_id IS NOT NULL)),
  CHECK ((direction = 'request') = (resident_id IS NOT NULL))
);
CREATE INDEX timebank_services_village ON timebank_services (village_code, status);

-- Hours a volunteer gave a receiver. They count once the receiver confirms (never the volunteer).
CREATE TABLE timebank_hours (
  id             uuid PRIMARY KEY,
  volunteer_id   uuid NOT NULL REFERENCES timebank_volunteers(id),
  receiver_id    uuid NOT NULL REFERENCES residents(id),
  service_id     uuid REFERENCES timebank_services(id),
  village_code   varchar(15) NOT NULL REFERENCES regions(code),
  path           ltree NOT NULL,
  category       text NOT NULL CHECK (category IN ('companionship', 'elder_care', 'transport', 'errand', 'other')),
  served_on      date NOT NULL,
  hours          numeric(4,1) NOT NULL CHECK (hours > 0 AND hours <= 24),
  activity       text NOT NULL CHECK (length(activity) BETWEEN 2 AND 200),
  status         text NOT NULL DEFAULT 'logged' CHECK (status IN ('logged', 'confirmed')),
  confirmed_at   timestamptz,
  confirmed_via  text CHECK (confirmed_via IN ('receiver', 'cadre')),
  confirmed_by   uuid,                                   -- the cadre's account, or the receiver (resident id)
  created_by     uuid,
  actor_name     text NOT NULL,
  created_at     timestamptz NOT NULL,
  CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL AND confirmed_via IS NOT NULL))
);
CREATE INDEX timebank_hours_volunteer ON timebank_hours (volunteer_id) INCLUDE (hours, status);
CREATE INDEX timebank_hours_village ON timebank_hours (village_code, status);

-- Hours leaving a balance: spent on a service the volunteer received, or donated to another
-- volunteer or to the village pool (to_volunteer_id NULL). A pool's hours may be spent too
-- (from_volunteer_id NULL).
CREATE TABLE timebank_transfers (
  id                uuid PRIMARY KEY,
  village_code      varchar(15) NOT NULL REFERENCES regions(code),
  path              ltree NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('spend', 'donate')),
  from_volunteer_id uuid REFERENCES timebank_volunteers(id),
  to_volunteer_id   uuid REFERENCES timebank_volunteers(id),
  hours             numeric(5,1) NOT NULL CHECK (hours > 0),
  note              text NOT NULL CHECK (length(note) BETWEEN 2 AND 200),
  created_by        uuid,
  actor_name        text NOT NULL,
  created_at        timestamptz NOT NULL,
  CHECK (kind <> 'spend' OR to_volunteer_id IS NULL),
  CHECK (kind <> 'donate' OR from_volunteer_id IS NOT NULL),
  CHECK (from_volunteer_id IS NULL OR to_volunteer_id IS NULL OR from_volunteer_id <> to_volunteer_id)
);
CREATE INDEX timebank_transfers_from ON timebank_transfers (from_volunteer_id) INCLUDE (hours);
CREATE INDEX timebank_transfers_to ON timebank_transfers (to_volunteer_id) INCLUDE (hours);
CREATE INDEX timebank_transfers_village ON timebank_transfers (village_code);

-- Row-level security. Rules are also readable below the region they apply to (a village cadre
-- sees the county's rules); everything else within scope.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['points_rules', 'points_accounts', 'points_shop_items', 'points_shop_restocks', 'points_redemptions',
    'points_entries', 'timebank_volunteers', 'timebank_services', 'timebank_hours', 'timebank_transfers'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    IF t = 'points_rules' THEN
      EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (app_is_system() OR (app_may_read_points() AND (app_in_scope(path) OR (app_scope() IS NOT NULL AND app_scope() <@ path))))', t || '_read', t);
    ELSE
      EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (app_is_system() OR (app_may_read_points() AND app_in_scope(path)))', t || '_read', t);
    END IF;
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (app_may_edit_points() AND app_in_scope(path))', t || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (app_may_edit_points() AND app_in_scope(path)) WITH CHECK (app_may_edit_points() AND app_in_scope(path))', t || '_update', t);
    EXECUTE format('CREATE POLICY app_context_sealed ON %I AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()))', t);
    EXECUTE format('GRANT SELECT, INSERT ON %I TO gongzhi_app', t);
  END LOOP;
END $$;
-- What may change: a rule (name, points, active), an item (name, price, active, stock), a service's
-- status, an hours record's confirmation. Accounts and volunteers take UPDATE only to be locked
-- (SELECT … FOR UPDATE needs it); no column of theirs is ever set. Entries, redemptions,
-- restocks and transfers are append-only.
GRANT UPDATE ON points_rules, points_shop_items, points_accounts, timebank_volunteers, timebank_services, timebank_hours TO gongzhi_app;

CREATE FUNCTION points_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001'; END $$;
CREATE TRIGGER points_entries_append_only BEFORE UPDATE OR DELETE ON points_entries
  FOR EACH ROW EXECUTE FUNCTION points_append_only();
CREATE TRIGGER points_redemptions_append_only BEFORE UPDATE OR DELETE ON points_redemptions
  FOR EACH ROW EXECUTE FUNCTION points_append_only();
CREATE TRIGGER points_shop_restocks_append_only BEFORE UPDATE OR DELETE ON points_shop_restocks
  FOR EACH ROW EXECUTE FUNCTION points_append_only();
CREATE TRIGGER timebank_transfers_append_only BEFORE UPDATE OR DELETE ON timebank_transfers
  FOR EACH ROW EXECUTE FUNCTION points_append_only();

-- An account is never re-pointed, and a volunteer never becomes another person.
CREATE FUNCTION points_identity_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(NEW) <> to_jsonb(OLD) THEN RAISE EXCEPTION '% rows do not change', TG_TABLE_NAME USING ERRCODE = 'P0001'; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER points_accounts_fixed BEFORE UPDATE ON points_accounts FOR EACH ROW EXECUTE FUNCTION points_identity_fixed();
CREATE TRIGGER timebank_volunteers_fixed BEFORE UPDATE ON timebank_volunteers FOR EACH ROW EXECUTE FUNCTION points_identity_fixed();

-- Hours change once: from logged to confirmed; a confirmed record never changes again.
CREATE FUNCTION timebank_hours_confirm_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'confirmed' THEN RAISE EXCEPTION 'confirmed hours do not change' USING ERRCODE = 'P0001'; END IF;
  IF (to_jsonb(NEW) - ARRAY['status', 'confirmed_at', 'confirmed_via', 'confirmed_by']) <> (to_jsonb(OLD) - ARRAY['status', 'confirmed_at', 'confirmed_via', 'confirmed_by']) THEN
    RAISE EXCEPTION 'only the confirmation of hours may be recorded' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER timebank_hours_confirm_only BEFORE UPDATE ON timebank_hours FOR EACH ROW EXECUTE FUNCTION timebank_hours_confirm_only();
