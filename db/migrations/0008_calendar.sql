-- The official working-day calendar (工作日历) that work-order time limits count on. Only the
-- exceptions are stored: a public holiday (on a weekday or inside a weekend) and a 调休 working
-- weekend. Every other day follows the rule: Monday to Friday working, Saturday and Sunday rest.
-- A year with no rows is not seeded; the application then falls back to plain Monday–Friday.

CREATE TABLE calendar_days (
  day        date PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('holiday','workday')),
  name       text NOT NULL,
  updated_by uuid,                 -- the account that last set the day; null for seeded rows
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Seeded from the State Council notices (国务院办公厅关于节假日安排的通知):
-- 2025: 国办发明电〔2024〕12号; 2026: 国办发明电〔2025〕7号. Each holiday span is stored day by
-- day, weekend days inside it included. Inserted before row-level security is switched on, so an
-- owner role that is not a superuser can seed too.
INSERT INTO calendar_days (day, kind, name)
SELECT s.first_day + i, s.kind, s.name
  FROM (VALUES
    ('2025-01-01'::date, '2025-01-01'::date, 'holiday', '元旦'),
    ('2025-01-28', '2025-02-04', 'holiday', '春节'),
    ('2025-01-26', '2025-01-26', 'workday', '春节调休上班'),
    ('2025-02-08', '2025-02-08', 'workday', '春节调休上班'),
    ('2025-04-04', '2025-04-06', 'holiday', '清明节'),
    ('2025-05-01', '2025-05-05', 'holiday', '劳动节'),
    ('2025-04-27', '2025-04-27', 'workday', '劳动节调休上班'),
    ('2025-05-31', '2025-06-02', 'holiday', '端午节'),
    ('2025-10-01', '2025-10-08', 'holiday', '国庆节、中秋节'),
    ('2025-09-28', '2025-09-28', 'workday', '国庆节、中秋节调休上班'),
    ('2025-10-11', '2025-10-11', 'workday', '国庆节、中秋节调休上班'),
    ('2026-01-01', '2026-01-03', 'holiday', '元旦'),
    ('2026-01-04', '2026-01-04', 'workday', '元旦调休上班'),
    ('2026-02-15', '2026-02-23', 'holiday', '春节'),
    ('2026-02-14', '2026-02-14', 'workday', '春节调休上班'),
    ('2026-02-28', '2026-02-28', 'workday', '春节调休上班'),
    ('2026-04-04', '2026-04-06', 'holiday', '清明节'),
    ('2026-05-01', '2026-05-05', 'holiday', '劳动节'),
    ('2026-05-09', '2026-05-09', 'workday', '劳动节调休上班'),
    ('2026-06-19', '2026-06-21', 'holiday', '端午节'),
    ('2026-09-25', '2026-09-27', 'holiday', '中秋节'),
    ('2026-10-01', '2026-10-07', 'holiday', '国庆节'),
    ('2026-09-20', '2026-09-20', 'workday', '国庆节调休上班'),
    ('2026-10-10', '2026-10-10', 'workday', '国庆节调休上班')
  ) AS s(first_day, last_day, kind, name)
  CROSS JOIN LATERAL generate_series(0, s.last_day - s.first_day) AS i;

-- The calendar is public: everyone (residents tracking a request included) reads it. Only the
-- roles holding 'calendar.edit' (src/platform/accounts/policy.ts) change it.
ALTER TABLE calendar_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_days FORCE ROW LEVEL SECURITY;
CREATE FUNCTION app_may_edit_calendar() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('system_admin','county_staff') $$;
CREATE POLICY calendar_days_read ON calendar_days FOR SELECT USING (true);
CREATE POLICY calendar_days_insert ON calendar_days FOR INSERT WITH CHECK (app_may_edit_calendar());
CREATE POLICY calendar_days_update ON calendar_days FOR UPDATE USING (app_may_edit_calendar()) WITH CHECK (app_may_edit_calendar());
CREATE POLICY calendar_days_delete ON calendar_days FOR DELETE USING (app_may_edit_calendar());

GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_days TO gongzhi_app;
