-- A household vote's electorate is its households as they were when the vote opened — and now
-- also who was in each: the adult members at the snapshot. A person who moves into a household
-- after the vote opened cannot cast that household's ballot (later moves do not change the
-- electorate). Electors of votes opened before this migration have no list ('{}'): for them any
-- adult member now in the household may cast the ballot, as before.

ALTER TABLE cocreation_electors ADD COLUMN member_ids uuid[] NOT NULL DEFAULT '{}';

CREATE OR REPLACE FUNCTION cocreation_electors_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
     OR NEW.resident_id IS DISTINCT FROM OLD.resident_id OR NEW.name <> OLD.name OR NEW.path <> OLD.path
     OR NEW.member_ids <> OLD.member_ids THEN
    RAISE EXCEPTION 'an elector is recorded once, when they vote' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
