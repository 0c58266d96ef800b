-- The app's clock in the database (app/lib/clock.server.ts): the server's now() moved by the offset the
-- app's pool passes as the connection setting linli.clock_offset_ms (zero or unset in real use).
CREATE OR REPLACE FUNCTION linli_now() RETURNS timestamptz LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT now() + coalesce(nullif(current_setting('linli.clock_offset_ms', true), '')::bigint, 0) * interval '1 millisecond'
$$;--> statement-breakpoint
ALTER TABLE "communities" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "districts" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "streets" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "invitations" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "login_failures" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "memberships" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "agreements" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "offers" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "offers" ALTER COLUMN "updated_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "organisations" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "organisations" ALTER COLUMN "updated_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "claims" ALTER COLUMN "claimed_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "need_items" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "needs" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "needs" ALTER COLUMN "updated_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "activities" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "activity_signups" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "attendances" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "hour_correction_requests" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "hour_entries" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "hour_entry_reviews" ALTER COLUMN "reviewed_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "created_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "search_outbox" ALTER COLUMN "available_at" SET DEFAULT linli_now();--> statement-breakpoint
ALTER TABLE "search_outbox" ALTER COLUMN "created_at" SET DEFAULT linli_now();