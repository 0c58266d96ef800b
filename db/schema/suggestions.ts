import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The suggestions the pages show, computed in the background by the matcher (app/modules/suggestions):
 * a need's partners (subject_type 'need': offers) and an organisation's "needs that fit us"
 * (subject_type 'organisation': needs). Items hold ids, scores and explanations; pages join the current rows.
 */
export const suggestions = pgTable(
  "suggestions",
  {
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    items: jsonb("items").notNull().default([]),
    computedAt: timestamp("computed_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId] })],
);

/**
 * What to recompute: filled from the search outbox (a trigger) and by the recomputation itself.
 * Migration 0014 adds suggestion_queue_due_idx on the relay's claim order (an expression drizzle-kit
 * cannot describe): the next due entry is read off it instead of sorting the whole queue each time.
 */
export const suggestionQueue = pgTable(
  "suggestion_queue",
  {
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    attempts: integer("attempts").notNull().default(0),
    availableAt: timestamp("available_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId] })],
);
