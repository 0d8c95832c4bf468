-- Deliberation meetings (议事): once a meeting is marked held, its attendance and resolutions are
-- final, and a resolution can only be recorded on a held meeting whose quorum was met. The service
-- refuses first with a message naming the field; these triggers make it hold for anything that
-- reaches the tables. A resolution's later links (the vote it led to, the project built from it)
-- may be filled in once each, by the votes and projects parts.

CREATE FUNCTION cocreation_attendees_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM cocreation_meetings m WHERE m.id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.meeting_id ELSE NEW.meeting_id END)
             AND m.status <> 'planned') THEN
    RAISE EXCEPTION 'attendance of a held meeting is final' USING ERRCODE = 'P0001';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER cocreation_attendees_final BEFORE INSERT OR UPDATE OR DELETE ON cocreation_attendees
  FOR EACH ROW EXECUTE FUNCTION cocreation_attendees_final();

CREATE FUNCTION cocreation_resolutions_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM cocreation_meetings m WHERE m.id = NEW.meeting_id AND m.status = 'held' AND m.quorum_met) THEN
      RAISE EXCEPTION 'a resolution needs a held meeting whose quorum was met' USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE'
     OR (NEW.id, NEW.meeting_id, NEW.path, NEW.seq, NEW.text, NEW.proposal_id, NEW.created_by, NEW.created_at)
        IS DISTINCT FROM (OLD.id, OLD.meeting_id, OLD.path, OLD.seq, OLD.text, OLD.proposal_id, OLD.created_by, OLD.created_at)
     OR (OLD.vote_id IS NOT NULL AND NEW.vote_id IS DISTINCT FROM OLD.vote_id)
     OR (OLD.project_id IS NOT NULL AND NEW.project_id IS DISTINCT FROM OLD.project_id) THEN
    RAISE EXCEPTION 'a resolution is final' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cocreation_resolutions_final BEFORE INSERT OR UPDATE OR DELETE ON cocreation_resolutions
  FOR EACH ROW EXECUTE FUNCTION cocreation_resolutions_final();
