-- The totals of the hour ledger (tables in 0002_ledger_totals, triggers first in
-- 0003_ledger_totals_triggers) kept by ONE function: every change to the totals is a set of deltas
-- (hour_totals_delta), and hour_totals_apply(deltas) adds them to every totals table. The three
-- triggers only say what changes:
--   hour_totals_entries_inserted  a new entry adds to pending (a reversal never is pending);
--   hour_totals_reviews_inserted  a review moves an entry out of pending, and an approval (or a
--                                 reversal, approved with it) into approved;
--   hour_totals_community_moved   a community changing street takes its totals from the old street
--                                 to the new one (a delta of a street alone).
-- Same rules as 0003: one upsert per table and statement, keys sorted, so two single-statement
-- writers take their totals rows in one order; communities are held FOR SHARE until commit, so a
-- community changing street waits for the writers still adding to it; street lookups are per row
-- (a correlated subquery: an index lookup whatever plan PL/pgSQL kept).
--
-- Writers wait while the functions are replaced (the delta type gains a column first).
LOCK TABLE "hour_entries", "hour_entry_reviews", "communities" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
-- A delta names its street directly only when it has no community (a community moving street).
ALTER TYPE hour_totals_delta ADD ATTRIBUTE street_id uuid;
--> statement-breakpoint
CREATE FUNCTION hour_totals_apply(d hour_totals_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(d), 0) = 0 THEN
    RETURN;
  END IF;
  -- Hold the communities' street until commit: a community changing street waits for this
  -- transaction, and this statement for it (the street is read below, after the lock).
  PERFORM 1 FROM communities WHERE id = ANY (ARRAY(SELECT DISTINCT community_id FROM unnest(d) WHERE community_id IS NOT NULL))
    ORDER BY id FOR SHARE;
  INSERT INTO hour_totals_by_volunteer AS t (volunteer_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
    SELECT volunteer_id, sum(approved_minutes), sum(pending_minutes), sum(approved_entries), sum(pending_entries)
    FROM unnest(d) WHERE volunteer_id IS NOT NULL GROUP BY volunteer_id ORDER BY volunteer_id
    ON CONFLICT (volunteer_id) DO UPDATE SET
      approved_minutes = t.approved_minutes + excluded.approved_minutes,
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      approved_entries = t.approved_entries + excluded.approved_entries,
      pending_entries = t.pending_entries + excluded.pending_entries;
  INSERT INTO hour_totals_by_organisation AS t (organisation_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
    SELECT organisation_id, sum(approved_minutes), sum(pending_minutes), sum(approved_entries), sum(pending_entries)
    FROM unnest(d) WHERE organisation_id IS NOT NULL GROUP BY organisation_id ORDER BY organisation_id
    ON CONFLICT (organisation_id) DO UPDATE SET
      approved_minutes = t.approved_minutes + excluded.approved_minutes,
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      approved_entries = t.approved_entries + excluded.approved_entries,
      pending_entries = t.pending_entries + excluded.pending_entries;
  INSERT INTO hour_totals_by_community AS t (community_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
    SELECT community_id, sum(approved_minutes), sum(pending_minutes), sum(approved_entries), sum(pending_entries)
    FROM unnest(d) WHERE community_id IS NOT NULL GROUP BY community_id ORDER BY community_id
    ON CONFLICT (community_id) DO UPDATE SET
      approved_minutes = t.approved_minutes + excluded.approved_minutes,
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      approved_entries = t.approved_entries + excluded.approved_entries,
      pending_entries = t.pending_entries + excluded.pending_entries;
  INSERT INTO hour_totals_by_street AS t (street_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
    SELECT s.street_id, sum(x.approved_minutes), sum(x.pending_minutes), sum(x.approved_entries), sum(x.pending_entries)
    FROM (SELECT community_id, street_id, sum(approved_minutes) AS approved_minutes, sum(pending_minutes) AS pending_minutes,
            sum(approved_entries) AS approved_entries, sum(pending_entries) AS pending_entries
          FROM unnest(d) WHERE community_id IS NOT NULL OR street_id IS NOT NULL GROUP BY community_id, street_id) x
    CROSS JOIN LATERAL (
      SELECT coalesce(x.street_id, (SELECT c.street_id FROM communities c WHERE c.id = x.community_id)) AS street_id OFFSET 0
    ) s
    GROUP BY s.street_id ORDER BY s.street_id
    ON CONFLICT (street_id) DO UPDATE SET
      approved_minutes = t.approved_minutes + excluded.approved_minutes,
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      approved_entries = t.approved_entries + excluded.approved_entries,
      pending_entries = t.pending_entries + excluded.pending_entries;
  -- Approved minutes by month of the work; a reversal lands in the month of what it reverses.
  INSERT INTO hour_totals_by_community_month AS t (community_id, month, approved_minutes, approved_entries)
    SELECT community_id, month, sum(approved_minutes), sum(approved_entries)
    FROM unnest(d) WHERE approved_entries <> 0 AND community_id IS NOT NULL AND month IS NOT NULL
    GROUP BY community_id, month ORDER BY community_id, month
    ON CONFLICT (community_id, month) DO UPDATE SET
      approved_minutes = t.approved_minutes + excluded.approved_minutes,
      approved_entries = t.approved_entries + excluded.approved_entries;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hour_totals_entries_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A new entry is pending; a reversal is never pending (its approval comes with it). One delta per
  -- volunteer, per team and per community (the other keys NULL): a bulk load of a million entries
  -- makes thousands of deltas, not a million.
  PERFORM hour_totals_apply(ARRAY(
    SELECT ROW(volunteer_id, organisation_id, community_id, NULL, 0, sum(minutes), 0, count(*)::integer, NULL)::hour_totals_delta
    FROM new_entries WHERE kind <> 'reversal'
    GROUP BY GROUPING SETS ((volunteer_id), (organisation_id), (community_id))));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hour_totals_reviews_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One delta per review: what it changes, and where.
  PERFORM hour_totals_apply(ARRAY(
    SELECT ROW(
        e.volunteer_id, e.organisation_id, e.community_id,
        date_trunc('month', e.starts_at AT TIME ZONE 'Asia/Shanghai')::date,
        CASE WHEN r.decision = 'approved' THEN e.minutes ELSE 0 END,
        CASE WHEN e.kind = 'reversal' THEN 0 ELSE -e.minutes END,
        CASE WHEN r.decision <> 'approved' THEN 0 WHEN e.kind = 'reversal' THEN -1 ELSE 1 END,
        CASE WHEN e.kind = 'reversal' THEN 0 ELSE -1 END,
        NULL
      )::hour_totals_delta
    FROM new_reviews r
    CROSS JOIN LATERAL (SELECT * FROM hour_entries WHERE id = r.hour_entry_id OFFSET 0) e));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A community moving to another street takes its totals along. Its row lock (taken by the UPDATE)
-- waits for transactions still adding to the community, which hold it FOR SHARE.
CREATE OR REPLACE FUNCTION hour_totals_community_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved hour_totals_by_community%ROWTYPE;
BEGIN
  SELECT * INTO moved FROM hour_totals_by_community WHERE community_id = NEW.id;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  PERFORM hour_totals_apply(ARRAY[
    ROW(NULL, NULL, NULL, NULL, -moved.approved_minutes, -moved.pending_minutes, -moved.approved_entries, -moved.pending_entries,
        OLD.street_id)::hour_totals_delta,
    ROW(NULL, NULL, NULL, NULL, moved.approved_minutes, moved.pending_minutes, moved.approved_entries, moved.pending_entries,
        NEW.street_id)::hour_totals_delta
  ]);
  RETURN NULL;
END;
$$;
