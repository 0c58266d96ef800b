CREATE TABLE "hour_entry_first_approvals" (
	"hour_entry_id" uuid PRIMARY KEY NOT NULL,
	"reviewed_by_user_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT linli_now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hour_entry_first_approvals" ADD CONSTRAINT "hour_entry_first_approvals_hour_entry_id_hour_entries_id_fk" FOREIGN KEY ("hour_entry_id") REFERENCES "public"."hour_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_entry_first_approvals" ADD CONSTRAINT "hour_entry_first_approvals_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- NOT VALID: checked for every new or changed row; a database that already holds longer activities
-- (from before this rule) still migrates, and those rows stay readable and reversible.
ALTER TABLE "activities" ADD CONSTRAINT "activities_at_most_a_day" CHECK ("activities"."ends_at" - "activities"."starts_at" <= interval '24 hours') NOT VALID;
--> statement-breakpoint
-- Bounds on hours (issue 14, "forged hours"). Errors carry a constraint name that
-- app/lib/db-errors.server.ts maps to a domain error; SQLSTATE LL004 is "not this organiser's place",
-- LL005 "a second approver is needed".
--
-- The second approval is append-only like the rest of the ledger.
CREATE TRIGGER hour_entry_first_approvals_append_only BEFORE UPDATE OR DELETE ON "hour_entry_first_approvals"
  FOR EACH ROW EXECUTE FUNCTION hour_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER hour_entry_first_approvals_no_truncate BEFORE TRUNCATE ON "hour_entry_first_approvals"
  FOR EACH STATEMENT EXECUTE FUNCTION hour_ledger_refuse_change();
--> statement-breakpoint
-- An activity is dated within a year of today (the app's clock, linli_now()) when it is created or its
-- times change, and a volunteer team runs it only where the team serves: its own street, or a place
-- (community or street) it has an active agreement with that covers the activity's day (Tianjin date).
CREATE FUNCTION activities_check_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  team record;
  place_street uuid;
  activity_day date;
BEGIN
  IF TG_OP = 'INSERT' OR NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.ends_at IS DISTINCT FROM OLD.ends_at THEN
    IF NEW.starts_at < linli_now() - interval '1 year' OR NEW.starts_at > linli_now() + interval '1 year' THEN
      RAISE EXCEPTION 'an activity starts within a year of today, not at %', NEW.starts_at
        USING ERRCODE = 'check_violation', CONSTRAINT = 'activities_within_a_year';
    END IF;
  END IF;
  IF NEW.organisation_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
      OR NEW.community_id IS DISTINCT FROM OLD.community_id OR NEW.starts_at IS DISTINCT FROM OLD.starts_at) THEN
    SELECT type, street_id INTO team FROM organisations WHERE id = NEW.organisation_id;
    IF NOT FOUND OR team.type <> 'volunteer_team' THEN
      RAISE EXCEPTION 'activities are run by volunteer teams'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'activities_run_by_team';
    END IF;
    SELECT street_id INTO place_street FROM communities WHERE id = NEW.community_id;
    activity_day := (NEW.starts_at AT TIME ZONE 'Asia/Shanghai')::date;
    IF team.street_id IS DISTINCT FROM place_street AND NOT EXISTS (
        SELECT 1 FROM agreements a
        WHERE a.organisation_id = NEW.organisation_id AND a.status = 'active'
          AND activity_day BETWEEN a.starts_on AND a.ends_on
          AND (a.community_id = NEW.community_id OR a.street_id = place_street)) THEN
      RAISE EXCEPTION 'the team does not serve this community'
        USING ERRCODE = 'LL004', CONSTRAINT = 'activities_team_serves_place';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER activities_check_bounds BEFORE INSERT OR UPDATE OF starts_at, ends_at, organisation_id, community_id ON "activities"
  FOR EACH ROW EXECUTE FUNCTION activities_check_bounds();
--> statement-breakpoint
-- Attendance lies within its activity, with 2 hours' slack either side: a check-in from 2 hours before
-- the start until (not at) 2 hours after the end, a check-out no later than 2 hours after the end.
CREATE FUNCTION attendances_check_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  act record;
BEGIN
  SELECT starts_at, ends_at INTO act FROM activities WHERE id = NEW.activity_id;
  IF NEW.check_in_at < act.starts_at - interval '2 hours' OR NEW.check_in_at >= act.ends_at + interval '2 hours'
     OR NEW.check_out_at > act.ends_at + interval '2 hours' THEN
    RAISE EXCEPTION 'attendance % – % lies outside its activity (% – %, 2 hours either side)',
        NEW.check_in_at, NEW.check_out_at, act.starts_at, act.ends_at
      USING ERRCODE = 'check_violation', CONSTRAINT = 'attendances_within_activity';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER attendances_check_bounds BEFORE INSERT OR UPDATE OF check_in_at, check_out_at, activity_id ON "attendances"
  FOR EACH ROW EXECUTE FUNCTION attendances_check_bounds();
--> statement-breakpoint
-- The same for every hour entry but reversals (which mirror an entry already written, and must stay
-- possible for entries from before these rules).
CREATE FUNCTION hour_entries_check_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  act record;
BEGIN
  IF NEW.kind = 'reversal' THEN
    RETURN NEW;
  END IF;
  SELECT starts_at, ends_at INTO act FROM activities WHERE id = NEW.activity_id;
  IF NEW.starts_at < act.starts_at - interval '2 hours' OR NEW.ends_at > act.ends_at + interval '2 hours' THEN
    RAISE EXCEPTION 'an entry % – % lies outside its activity (% – %, 2 hours either side)',
        NEW.starts_at, NEW.ends_at, act.starts_at, act.ends_at
      USING ERRCODE = 'check_violation', CONSTRAINT = 'hour_entries_within_activity';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hour_entries_check_bounds BEFORE INSERT ON "hour_entries"
  FOR EACH ROW EXECUTE FUNCTION hour_entries_check_bounds();
--> statement-breakpoint
-- Seconds of a volunteer's approved, unreversed service (approved_hour_periods) on the fullest
-- Tianjin calendar day that `p_period` touches; `p_add` counts `p_period` itself too (for an entry
-- not approved yet). Periods cannot overlap, so a day holds at most 24 hours. A period longer than
-- two days covers some day whole: that day is full.
CREATE FUNCTION hours_fullest_day_seconds(p_volunteer uuid, p_period tstzrange, p_add boolean) RETURNS numeric
  LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN upper(p_period) - lower(p_period) > interval '48 hours' THEN 86400::numeric ELSE (
    SELECT coalesce(max(
        coalesce((SELECT sum(extract(epoch FROM upper(a.period * d.span) - lower(a.period * d.span)))
                  FROM approved_hour_periods a
                  WHERE a.volunteer_id = p_volunteer AND a.period && d.span), 0)
        + CASE WHEN p_add AND NOT isempty(p_period * d.span)
            THEN extract(epoch FROM upper(p_period * d.span) - lower(p_period * d.span)) ELSE 0 END), 0)
    FROM (
      SELECT tstzrange(g.day AT TIME ZONE 'Asia/Shanghai', (g.day + interval '1 day') AT TIME ZONE 'Asia/Shanghai', '[)') AS span
      FROM generate_series((lower(p_period) AT TIME ZONE 'Asia/Shanghai')::date::timestamp,
                           ((upper(p_period) - interval '1 microsecond') AT TIME ZONE 'Asia/Shanghai')::date::timestamp,
                           interval '1 day') AS g(day)
    ) d) END
$$;
--> statement-breakpoint
-- After a statement's approvals have claimed their time (hour_entry_reviews_after_insert, a row
-- trigger, has run for each): a volunteer's approved service on one Tianjin calendar day is at most
-- 12 hours, and an approval that takes the day over 8 hours needs a first approval by another
-- organiser (hour_entry_first_approvals). The approvals of one volunteer are serialised by an advisory
-- lock, taken for the statement's volunteers in sorted order (so concurrent statements cannot
-- deadlock on them), before the day is summed: two concurrent approvals cannot both pass on one day.
-- Its name sorts before hour_totals_reviews_inserted: it runs first, and a refusal undoes the statement.
CREATE FUNCTION hour_entry_reviews_day_limits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  volunteer uuid;
  fullest numeric;
  needs_second boolean;
BEGIN
  FOR volunteer IN
    SELECT DISTINCT e.volunteer_id FROM new_reviews r JOIN hour_entries e ON e.id = r.hour_entry_id
    WHERE r.decision = 'approved' AND e.kind <> 'reversal' ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('linli.hour_day:' || volunteer::text, 0));
  END LOOP;
  -- An entry longer than two days (only from before these rules) fills a day whole.
  IF EXISTS (SELECT 1 FROM new_reviews r JOIN hour_entries e ON e.id = r.hour_entry_id
             WHERE r.decision = 'approved' AND e.kind <> 'reversal' AND e.ends_at - e.starts_at > interval '48 hours') THEN
    RAISE EXCEPTION 'approving an entry of more than two days takes a day over 12 hours'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'hours_day_at_most_12h';
  END IF;
  -- Each Tianjin day each approved entry touches, with the volunteer's approved seconds on it (this
  -- statement's included: their periods were claimed by the row trigger). One set-based query: the
  -- sums are index lookups in approved_hour_periods (its exclusion constraint's gist index).
  SELECT max(x.seconds),
         coalesce(bool_or(x.seconds > 8 * 3600 AND NOT EXISTS (
           SELECT 1 FROM hour_entry_first_approvals f
           WHERE f.hour_entry_id = x.entry_id AND f.reviewed_by_user_id <> x.reviewed_by)), false)
    INTO fullest, needs_second
    FROM (
      SELECT d.entry_id, d.reviewed_by,
        (SELECT coalesce(sum(extract(epoch FROM upper(p.period * d.span) - lower(p.period * d.span))), 0)
           FROM approved_hour_periods p WHERE p.volunteer_id = d.volunteer_id AND p.period && d.span) AS seconds
      FROM (
        SELECT e.id AS entry_id, e.volunteer_id, r.reviewed_by_user_id AS reviewed_by,
          tstzrange(g.day AT TIME ZONE 'Asia/Shanghai', (g.day + interval '1 day') AT TIME ZONE 'Asia/Shanghai', '[)') AS span
        FROM new_reviews r
        JOIN hour_entries e ON e.id = r.hour_entry_id
        CROSS JOIN LATERAL generate_series((e.starts_at AT TIME ZONE 'Asia/Shanghai')::date::timestamp,
                                           ((e.ends_at - interval '1 microsecond') AT TIME ZONE 'Asia/Shanghai')::date::timestamp,
                                           interval '1 day') AS g(day)
        WHERE r.decision = 'approved' AND e.kind <> 'reversal'
      ) d
    ) x;
  IF fullest > 12 * 3600 THEN
    RAISE EXCEPTION 'an approval takes the volunteer''s day to % hours (at most 12)', round(fullest / 3600, 2)
      USING ERRCODE = 'check_violation', CONSTRAINT = 'hours_day_at_most_12h';
  END IF;
  IF needs_second THEN
    RAISE EXCEPTION 'an approval takes the volunteer''s day over 8 hours: a second, different organiser must approve it'
      USING ERRCODE = 'LL005', CONSTRAINT = 'hours_day_over_8h_second_approver';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hour_entry_reviews_day_limits AFTER INSERT ON "hour_entry_reviews"
  REFERENCING NEW TABLE AS new_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION hour_entry_reviews_day_limits();
