-- Village compacts: the vote of step 8 on the whole text or article by article (逐条表决). Each is a
-- co-creation vote (yes / no / abstain); a compact's votes for the version being voted on are the
-- rows here with that version. `article_key` NULL: the whole text. See docs/COMPACTS.md.

CREATE TABLE compact_votes (
  id           uuid PRIMARY KEY,
  compact_id   uuid NOT NULL REFERENCES compacts(id),
  path         ltree NOT NULL,
  version_id   uuid NOT NULL REFERENCES compact_versions(id),
  article_key  uuid,
  vote_id      uuid NOT NULL UNIQUE REFERENCES cocreation_votes(id),
  created_at   timestamptz NOT NULL
);
-- One vote per article of a version, and a whole-text vote excludes article votes (the service
-- checks the latter; the indexes hold each kind to one).
CREATE UNIQUE INDEX compact_votes_article ON compact_votes (version_id, article_key) WHERE article_key IS NOT NULL;
CREATE UNIQUE INDEX compact_votes_whole ON compact_votes (version_id) WHERE article_key IS NULL;
CREATE INDEX compact_votes_compact ON compact_votes (compact_id);

INSERT INTO compact_votes (id, compact_id, path, version_id, article_key, vote_id, created_at)
  SELECT gen_random_uuid(), id, path, vote_version_id, NULL, vote_id, updated_at FROM compacts
  WHERE vote_id IS NOT NULL AND vote_version_id IS NOT NULL;
ALTER TABLE compacts DROP COLUMN vote_id;

ALTER TABLE compact_votes ENABLE ROW LEVEL SECURITY;
ALTER TABLE compact_votes FORCE ROW LEVEL SECURITY;
CREATE POLICY compact_votes_read ON compact_votes FOR SELECT USING (app_is_system() OR (app_may_read_compacts() AND app_in_scope(path)));
CREATE POLICY compact_votes_insert ON compact_votes FOR INSERT WITH CHECK (app_may_edit_compacts() AND app_in_scope(path));
CREATE POLICY app_context_sealed ON compact_votes AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT ON compact_votes TO gongzhi_app;
