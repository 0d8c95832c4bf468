-- Ending a redemption of the points shop (爱心超市): handed over (交付) or cancelled (撤销兑换). See docs/POINTS.md.
--
-- A redemption ends exactly once: the primary key on redemption_id lets only the first of a
-- hand-over and a cancellation (or of two cancellations racing) in; the second gets a unique
-- violation. A cancellation is written as a reversing entry (kind 'cancellation': the village's
-- shop account pays the points back to the member account), a restock row giving the items back
-- to the shelf, and the closure row with its reason. Nothing is updated or deleted.

ALTER TABLE points_entries DROP CONSTRAINT points_entries_kind_check;
ALTER TABLE points_entries ADD CONSTRAINT points_entries_kind_check CHECK (kind IN ('rule', 'adjustment', 'redemption', 'cancellation'));
ALTER TABLE points_entries ADD CONSTRAINT points_entries_cancellation_check
  CHECK (kind <> 'cancellation' OR (redemption_id IS NOT NULL AND reason IS NOT NULL AND length(btrim(reason)) >= 2));
-- One reversal per redemption, whatever happens above.
CREATE UNIQUE INDEX points_entries_cancellation ON points_entries (redemption_id) WHERE kind = 'cancellation';

CREATE TABLE points_redemption_closures (
  redemption_id  uuid PRIMARY KEY REFERENCES points_redemptions(id),
  path           ltree NOT NULL,                                   -- the redemption's (the member account's) path
  kind           text NOT NULL CHECK (kind IN ('handover', 'cancel')),
  reason         text CHECK (reason IS NULL OR length(reason) <= 200),
  created_by     uuid,
  actor_name     text NOT NULL,
  created_at     timestamptz NOT NULL,
  CHECK (kind <> 'cancel' OR (reason IS NOT NULL AND length(btrim(reason)) >= 2))
);
CREATE INDEX points_redemption_closures_path ON points_redemption_closures USING gist (path);
-- Listing a village's redemptions waiting for hand-over reads redemptions by path and time.
CREATE INDEX points_redemptions_path ON points_redemptions USING gist (path);

ALTER TABLE points_redemption_closures ENABLE ROW LEVEL SECURITY;
ALTER TABLE points_redemption_closures FORCE ROW LEVEL SECURITY;
CREATE POLICY points_redemption_closures_read ON points_redemption_closures FOR SELECT
  USING (app_is_system() OR (app_may_read_points() AND app_in_scope(path)));
CREATE POLICY points_redemption_closures_insert ON points_redemption_closures FOR INSERT
  WITH CHECK (app_may_edit_points() AND app_in_scope(path));
CREATE POLICY app_context_sealed ON points_redemption_closures AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT ON points_redemption_closures TO gongzhi_app;
CREATE TRIGGER points_redemption_closures_append_only BEFORE UPDATE OR DELETE ON points_redemption_closures
  FOR EACH ROW EXECUTE FUNCTION points_append_only();
