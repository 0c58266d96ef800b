-- Totals of the hour ledger (tables in 0002_ledger_totals), kept exact by the database itself.
--   pending  = minutes of entries (not reversals) without a review yet
--   approved = minutes of entries with an approved review, reversals included (negative minutes);
--              approved_entries counts them +1, reversals -1: approved entries not reversed.
-- Statement-level triggers with transition tables: one upsert per distinct key per statement, so a
-- bulk INSERT … SELECT of a million entries costs a few thousand upserts, and each statement takes
-- its totals rows in one order (table by table, keys sorted), so two single-statement writers
-- cannot deadlock on them. The hot rows (a busy team, community or street) stay locked from the
-- upsert until commit: concurrent approvals touching the same row wait for each other.
--
-- Plans: PL/pgSQL keeps one plan per statement for the session, made for the first transition
-- table it saw. Lookups in the ledger and in communities are written as LATERAL … OFFSET 0, so
-- they are index lookups per row whatever that first statement was (a plan made for a bulk load
-- would otherwise scan the whole ledger for every later single approval).
--
-- Everything below runs in the migration's transaction: the triggers exist (and the ledger is
-- locked against writes) before the backfill reads the existing rows, so no entry is missed.
LOCK TABLE "hour_entries", "hour_entry_reviews", "communities" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
-- What one review changes, and where (used inside the review trigger).
CREATE TYPE hour_totals_delta AS (
  volunteer_id uuid,
  organisation_id uuid,
  community_id uuid,
  month date,
  approved_minutes bigint,
  pending_minutes bigint,
  approved_entries integer,
  pending_entries integer
);
--> statement-breakpoint
CREATE FUNCTION hour_totals_entries_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A new entry is pending; a reversal is never pending (its approval comes with it).
  IF NOT EXISTS (SELECT 1 FROM new_entries WHERE kind <> 'reversal') THEN
    RETURN NULL;
  END IF;
  -- Hold the communities' street until commit: a community changing street waits for this
  -- transaction, and this statement for it (the street is read below, after the lock).
  PERFORM 1 FROM communities WHERE id = ANY (ARRAY(SELECT DISTINCT community_id FROM new_entries)) ORDER BY id FOR SHARE;
  INSERT INTO hour_totals_by_volunteer AS t (volunteer_id, pending_minutes, pending_entries)
    SELECT volunteer_id, sum(minutes), count(*) FROM new_entries WHERE kind <> 'reversal'
    GROUP BY volunteer_id ORDER BY volunteer_id
    ON CONFLICT (volunteer_id) DO UPDATE SET
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      pending_entries = t.pending_entries + excluded.pending_entries;
  INSERT INTO hour_totals_by_organisation AS t (organisation_id, pending_minutes, pending_entries)
    SELECT organisation_id, sum(minutes), count(*) FROM new_entries WHERE kind <> 'reversal' AND organisation_id IS NOT NULL
    GROUP BY organisation_id ORDER BY organisation_id
    ON CONFLICT (organisation_id) DO UPDATE SET
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      pending_entries = t.pending_entries + excluded.pending_entries;
  INSERT INTO hour_totals_by_community AS t (community_id, pending_minutes, pending_entries)
    SELECT community_id, sum(minutes), count(*) FROM new_entries WHERE kind <> 'reversal'
    GROUP BY community_id ORDER BY community_id
    ON CONFLICT (community_id) DO UPDATE SET
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      pending_entries = t.pending_entries + excluded.pending_entries;
  INSERT INTO hour_totals_by_street AS t (street_id, pending_minutes, pending_entries)
    SELECT c.street_id, sum(x.minutes), sum(x.entries)
    FROM (SELECT community_id, sum(minutes) AS minutes, count(*) AS entries FROM new_entries WHERE kind <> 'reversal'
          GROUP BY community_id) x
    CROSS JOIN LATERAL (SELECT street_id FROM communities WHERE id = x.community_id OFFSET 0) c
    GROUP BY c.street_id ORDER BY c.street_id
    ON CONFLICT (street_id) DO UPDATE SET
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      pending_entries = t.pending_entries + excluded.pending_entries;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hour_totals_entries_inserted AFTER INSERT ON "hour_entries"
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION hour_totals_entries_inserted();
--> statement-breakpoint
CREATE FUNCTION hour_totals_reviews_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d hour_totals_delta[];
BEGIN
  -- One line per review: what it changes, and where.
  SELECT array_agg(ROW(
      e.volunteer_id, e.organisation_id, e.community_id,
      date_trunc('month', e.starts_at AT TIME ZONE 'Asia/Shanghai')::date,
      CASE WHEN r.decision = 'approved' THEN e.minutes ELSE 0 END,
      CASE WHEN e.kind = 'reversal' THEN 0 ELSE -e.minutes END,
      CASE WHEN r.decision <> 'approved' THEN 0 WHEN e.kind = 'reversal' THEN -1 ELSE 1 END,
      CASE WHEN e.kind = 'reversal' THEN 0 ELSE -1 END
    )::hour_totals_delta)
    INTO d
    FROM new_reviews r
    CROSS JOIN LATERAL (SELECT * FROM hour_entries WHERE id = r.hour_entry_id OFFSET 0) e;
  IF d IS NULL THEN
    RETURN NULL;
  END IF;
  -- Hold the communities' street until commit: a community changing street waits for this
  -- transaction, and this statement for it (the street is read below, after the lock).
  PERFORM 1 FROM communities WHERE id = ANY (ARRAY(SELECT DISTINCT community_id FROM unnest(d))) ORDER BY id FOR SHARE;
  INSERT INTO hour_totals_by_volunteer AS t (volunteer_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
    SELECT volunteer_id, sum(approved_minutes), sum(pending_minutes), sum(approved_entries), sum(pending_entries)
    FROM unnest(d) GROUP BY volunteer_id ORDER BY volunteer_id
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
    FROM unnest(d) GROUP BY community_id ORDER BY community_id
    ON CONFLICT (community_id) DO UPDATE SET
      approved_minutes = t.approved_minutes + excluded.approved_minutes,
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      approved_entries = t.approved_entries + excluded.approved_entries,
      pending_entries = t.pending_entries + excluded.pending_entries;
  INSERT INTO hour_totals_by_street AS t (street_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
    SELECT c.street_id, sum(x.approved_minutes), sum(x.pending_minutes), sum(x.approved_entries), sum(x.pending_entries)
    FROM (SELECT community_id, sum(approved_minutes) AS approved_minutes, sum(pending_minutes) AS pending_minutes,
            sum(approved_entries) AS approved_entries, sum(pending_entries) AS pending_entries
          FROM unnest(d) GROUP BY community_id) x
    CROSS JOIN LATERAL (SELECT street_id FROM communities WHERE id = x.community_id OFFSET 0) c
    GROUP BY c.street_id ORDER BY c.street_id
    ON CONFLICT (street_id) DO UPDATE SET
      approved_minutes = t.approved_minutes + excluded.approved_minutes,
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      approved_entries = t.approved_entries + excluded.approved_entries,
      pending_entries = t.pending_entries + excluded.pending_entries;
  -- Approved minutes by month of the work; a reversal lands in the month of what it reverses.
  INSERT INTO hour_totals_by_community_month AS t (community_id, month, approved_minutes, approved_entries)
    SELECT community_id, month, sum(approved_minutes), sum(approved_entries)
    FROM unnest(d) WHERE approved_entries <> 0 GROUP BY community_id, month ORDER BY community_id, month
    ON CONFLICT (community_id, month) DO UPDATE SET
      approved_minutes = t.approved_minutes + excluded.approved_minutes,
      approved_entries = t.approved_entries + excluded.approved_entries;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hour_totals_reviews_inserted AFTER INSERT ON "hour_entry_reviews"
  REFERENCING NEW TABLE AS new_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION hour_totals_reviews_inserted();
--> statement-breakpoint
-- A community moving to another street takes its totals along. Its row lock (taken by the UPDATE)
-- waits for transactions still adding to the community, which hold it FOR SHARE.
CREATE FUNCTION hour_totals_community_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved hour_totals_by_community%ROWTYPE;
BEGIN
  SELECT * INTO moved FROM hour_totals_by_community WHERE community_id = NEW.id;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  INSERT INTO hour_totals_by_street AS t (street_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
    SELECT * FROM (VALUES
        (OLD.street_id, -moved.approved_minutes, -moved.pending_minutes, -moved.approved_entries, -moved.pending_entries),
        (NEW.street_id, moved.approved_minutes, moved.pending_minutes, moved.approved_entries, moved.pending_entries)
      ) v (street_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
    ORDER BY street_id
    ON CONFLICT (street_id) DO UPDATE SET
      approved_minutes = t.approved_minutes + excluded.approved_minutes,
      pending_minutes = t.pending_minutes + excluded.pending_minutes,
      approved_entries = t.approved_entries + excluded.approved_entries,
      pending_entries = t.pending_entries + excluded.pending_entries;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hour_totals_community_moved AFTER UPDATE OF "street_id" ON "communities"
  FOR EACH ROW WHEN (OLD.street_id IS DISTINCT FROM NEW.street_id) EXECUTE FUNCTION hour_totals_community_moved();
--> statement-breakpoint
-- The totals of the rows already in the ledger.
INSERT INTO hour_totals_by_volunteer (volunteer_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
  SELECT e.volunteer_id,
    coalesce(sum(e.minutes) FILTER (WHERE r.decision = 'approved'), 0),
    coalesce(sum(e.minutes) FILTER (WHERE r.hour_entry_id IS NULL AND e.kind <> 'reversal'), 0),
    count(*) FILTER (WHERE r.decision = 'approved' AND e.kind <> 'reversal') - count(*) FILTER (WHERE r.decision = 'approved' AND e.kind = 'reversal'),
    count(*) FILTER (WHERE r.hour_entry_id IS NULL AND e.kind <> 'reversal')
  FROM hour_entries e LEFT JOIN hour_entry_reviews r ON r.hour_entry_id = e.id
  GROUP BY e.volunteer_id;
--> statement-breakpoint
INSERT INTO hour_totals_by_organisation (organisation_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
  SELECT e.organisation_id,
    coalesce(sum(e.minutes) FILTER (WHERE r.decision = 'approved'), 0),
    coalesce(sum(e.minutes) FILTER (WHERE r.hour_entry_id IS NULL AND e.kind <> 'reversal'), 0),
    count(*) FILTER (WHERE r.decision = 'approved' AND e.kind <> 'reversal') - count(*) FILTER (WHERE r.decision = 'approved' AND e.kind = 'reversal'),
    count(*) FILTER (WHERE r.hour_entry_id IS NULL AND e.kind <> 'reversal')
  FROM hour_entries e LEFT JOIN hour_entry_reviews r ON r.hour_entry_id = e.id
  WHERE e.organisation_id IS NOT NULL
  GROUP BY e.organisation_id;
--> statement-breakpoint
INSERT INTO hour_totals_by_community (community_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
  SELECT e.community_id,
    coalesce(sum(e.minutes) FILTER (WHERE r.decision = 'approved'), 0),
    coalesce(sum(e.minutes) FILTER (WHERE r.hour_entry_id IS NULL AND e.kind <> 'reversal'), 0),
    count(*) FILTER (WHERE r.decision = 'approved' AND e.kind <> 'reversal') - count(*) FILTER (WHERE r.decision = 'approved' AND e.kind = 'reversal'),
    count(*) FILTER (WHERE r.hour_entry_id IS NULL AND e.kind <> 'reversal')
  FROM hour_entries e LEFT JOIN hour_entry_reviews r ON r.hour_entry_id = e.id
  GROUP BY e.community_id;
--> statement-breakpoint
INSERT INTO hour_totals_by_street (street_id, approved_minutes, pending_minutes, approved_entries, pending_entries)
  SELECT c.street_id,
    coalesce(sum(e.minutes) FILTER (WHERE r.decision = 'approved'), 0),
    coalesce(sum(e.minutes) FILTER (WHERE r.hour_entry_id IS NULL AND e.kind <> 'reversal'), 0),
    count(*) FILTER (WHERE r.decision = 'approved' AND e.kind <> 'reversal') - count(*) FILTER (WHERE r.decision = 'approved' AND e.kind = 'reversal'),
    count(*) FILTER (WHERE r.hour_entry_id IS NULL AND e.kind <> 'reversal')
  FROM hour_entries e JOIN communities c ON c.id = e.community_id LEFT JOIN hour_entry_reviews r ON r.hour_entry_id = e.id
  GROUP BY c.street_id;
--> statement-breakpoint
INSERT INTO hour_totals_by_community_month (community_id, month, approved_minutes, approved_entries)
  SELECT e.community_id, date_trunc('month', e.starts_at AT TIME ZONE 'Asia/Shanghai')::date,
    sum(e.minutes),
    count(*) FILTER (WHERE e.kind <> 'reversal') - count(*) FILTER (WHERE e.kind = 'reversal')
  FROM hour_entries e JOIN hour_entry_reviews r ON r.hour_entry_id = e.id AND r.decision = 'approved'
  GROUP BY 1, 2;
