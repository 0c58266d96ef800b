-- Rules drizzle's schema language cannot express. Custom SQLSTATEs (class LL) are mapped to
-- domain errors in app/lib/db-errors.server.ts.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "hour_entries" ADD CONSTRAINT "hour_entries_reverses_fk" FOREIGN KEY ("reverses_id") REFERENCES "hour_entries"("id");
--> statement-breakpoint
ALTER TABLE "hour_correction_requests" ADD CONSTRAINT "hour_correction_requests_entry_fk" FOREIGN KEY ("hour_entry_id") REFERENCES "hour_entries"("id");
--> statement-breakpoint
-- No two approved, unreversed entries of one volunteer overlap in time.
ALTER TABLE "approved_hour_periods" ADD CONSTRAINT "approved_hour_periods_no_overlap"
  EXCLUDE USING gist ("volunteer_id" WITH =, "period" WITH &&);
--> statement-breakpoint
-- The hour ledger is append-only: corrections are new (reversing) entries.
CREATE FUNCTION hour_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the hour ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'LL001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hour_entries_append_only BEFORE UPDATE OR DELETE ON "hour_entries"
  FOR EACH ROW EXECUTE FUNCTION hour_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER hour_entries_no_truncate BEFORE TRUNCATE ON "hour_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION hour_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER hour_entry_reviews_append_only BEFORE UPDATE OR DELETE ON "hour_entry_reviews"
  FOR EACH ROW EXECUTE FUNCTION hour_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER hour_entry_reviews_no_truncate BEFORE TRUNCATE ON "hour_entry_reviews"
  FOR EACH STATEMENT EXECUTE FUNCTION hour_ledger_refuse_change();
--> statement-breakpoint
-- Before an entry is written: take place and team from the activity, refuse an entry longer
-- than its activity, and accept a reversal only of an approved entry, mirrored exactly.
CREATE FUNCTION hour_entries_check_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  act record;
  original record;
BEGIN
  SELECT starts_at, ends_at, community_id, organisation_id INTO act FROM activities WHERE id = NEW.activity_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'activity % does not exist', NEW.activity_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.community_id := act.community_id;
  NEW.organisation_id := act.organisation_id;
  IF NEW.kind = 'reversal' THEN
    SELECT e.* INTO original FROM hour_entries e
      JOIN hour_entry_reviews r ON r.hour_entry_id = e.id AND r.decision = 'approved'
      WHERE e.id = NEW.reverses_id AND e.kind <> 'reversal';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'only an approved entry can be reversed' USING ERRCODE = 'LL003';
    END IF;
    IF original.volunteer_id <> NEW.volunteer_id OR original.activity_id <> NEW.activity_id
       OR NEW.minutes <> -original.minutes OR NEW.starts_at <> original.starts_at OR NEW.ends_at <> original.ends_at THEN
      RAISE EXCEPTION 'a reversal must mirror the entry it reverses' USING ERRCODE = 'LL003';
    END IF;
  ELSIF NEW.ends_at - NEW.starts_at > act.ends_at - act.starts_at THEN
    RAISE EXCEPTION 'an entry of % is longer than its activity (%)', NEW.ends_at - NEW.starts_at, act.ends_at - act.starts_at
      USING ERRCODE = 'LL002';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hour_entries_check_insert BEFORE INSERT ON "hour_entries"
  FOR EACH ROW EXECUTE FUNCTION hour_entries_check_insert();
--> statement-breakpoint
-- A reversal counts at once (recorded as approved) and frees the time the reversed entry held.
CREATE FUNCTION hour_entries_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'reversal' THEN
    DELETE FROM approved_hour_periods WHERE hour_entry_id = NEW.reverses_id;
    INSERT INTO hour_entry_reviews (hour_entry_id, decision, reviewed_by_user_id, reviewed_at)
      VALUES (NEW.id, 'approved', NEW.recorded_by_user_id, NEW.created_at);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hour_entries_after_insert AFTER INSERT ON "hour_entries"
  FOR EACH ROW EXECUTE FUNCTION hour_entries_after_insert();
--> statement-breakpoint
-- Approving an entry claims its time for the volunteer; the exclusion constraint refuses overlaps.
CREATE FUNCTION hour_entry_reviews_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry record;
BEGIN
  SELECT * INTO entry FROM hour_entries WHERE id = NEW.hour_entry_id;
  IF NEW.decision = 'approved' AND entry.kind <> 'reversal' THEN
    INSERT INTO approved_hour_periods (hour_entry_id, volunteer_id, period)
      VALUES (entry.id, entry.volunteer_id, tstzrange(entry.starts_at, entry.ends_at, '[)'));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hour_entry_reviews_after_insert AFTER INSERT ON "hour_entry_reviews"
  FOR EACH ROW EXECUTE FUNCTION hour_entry_reviews_after_insert();
