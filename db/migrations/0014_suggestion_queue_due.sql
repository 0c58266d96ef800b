-- The relay claims the next due entry in this order (app/modules/suggestions/suggestions.server.ts,
-- processSuggestionQueue). Without an index on it every claim sorted the whole queue: after a bulk
-- load (~100,000 entries) each claim spilled a sort to disk and kept PostgreSQL busy for the whole catch-up.
CREATE INDEX "suggestion_queue_due_idx" ON "suggestion_queue" USING btree ((case subject_type when 'offer' then 0 when 'need' then 1 else 2 end), "available_at");
