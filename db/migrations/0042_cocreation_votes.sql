-- Votes (表决 / 豆选), completing 0039: what the service refuses also holds for anything that
-- reaches the tables directly.
--  * The options are fixed once a vote opens (a label changed after the tally would change what
--    the tally means); while it is a draft they may be replaced, so DELETE is granted here.
--  * The electorate is the snapshot taken when the vote opens: electors are inserted only while
--    the vote is still a draft (the opening transaction inserts them before it flips the status).
--  * An elector who has voted stays voted, and nothing of a closed vote's electors changes.
--  * A ballot is accepted only while its vote is open.

GRANT DELETE ON cocreation_vote_options TO gongzhi_app;

CREATE FUNCTION cocreation_vote_status(v uuid) RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT status FROM cocreation_votes WHERE id = v $$;

CREATE FUNCTION cocreation_vote_options_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF cocreation_vote_status(CASE WHEN TG_OP = 'DELETE' THEN OLD.vote_id ELSE NEW.vote_id END) IS DISTINCT FROM 'draft'
     OR (TG_OP = 'UPDATE' AND cocreation_vote_status(OLD.vote_id) IS DISTINCT FROM 'draft') THEN
    RAISE EXCEPTION 'the options of a vote that has opened cannot change' USING ERRCODE = 'P0001';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER cocreation_vote_options_draft BEFORE INSERT OR UPDATE OR DELETE ON cocreation_vote_options
  FOR EACH ROW EXECUTE FUNCTION cocreation_vote_options_draft();

CREATE FUNCTION cocreation_electors_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF cocreation_vote_status(NEW.vote_id) IS DISTINCT FROM 'draft' THEN
      RAISE EXCEPTION 'the electorate is fixed when the vote opens' USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
  END IF;
  IF cocreation_vote_status(OLD.vote_id) IS DISTINCT FROM 'open' THEN
    RAISE EXCEPTION 'electors change only while the vote is open' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.voted_at IS NOT NULL OR NEW.vote_id <> OLD.vote_id OR NEW.household_id <> OLD.household_id
     OR NEW.resident_id IS DISTINCT FROM OLD.resident_id OR NEW.name <> OLD.name OR NEW.path <> OLD.path THEN
    RAISE EXCEPTION 'an elector is recorded once, when they vote' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cocreation_electors_guard BEFORE INSERT OR UPDATE ON cocreation_electors
  FOR EACH ROW EXECUTE FUNCTION cocreation_electors_guard();

CREATE FUNCTION cocreation_ballots_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF cocreation_vote_status(NEW.vote_id) IS DISTINCT FROM 'open' THEN
    RAISE EXCEPTION 'a ballot is accepted only while its vote is open' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cocreation_ballots_open BEFORE INSERT ON cocreation_ballots
  FOR EACH ROW EXECUTE FUNCTION cocreation_ballots_open();
