CREATE TYPE "public"."dispatch_status" AS ENUM('pending', 'accepted', 'declined', 'withdrawn');--> statement-breakpoint
ALTER TYPE "public"."need_kind" ADD VALUE 'problem';--> statement-breakpoint
ALTER TYPE "public"."need_status" ADD VALUE 'dispatched';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'grid_worker';--> statement-breakpoint
CREATE TABLE "dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"dispatched_by_user_id" uuid NOT NULL,
	"status" "dispatch_status" DEFAULT 'pending' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT linli_now() NOT NULL,
	"acknowledge_due_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"claim_id" uuid,
	CONSTRAINT "dispatches_declined_has_reason" CHECK ("dispatches"."status" <> 'declined' or length(trim("dispatches"."decline_reason")) > 0),
	CONSTRAINT "dispatches_decided" CHECK (("dispatches"."status" = 'pending') = ("dispatches"."decided_at" is null)),
	CONSTRAINT "dispatches_accepted_claim" CHECK (("dispatches"."status" = 'accepted') = ("dispatches"."claim_id" is not null)),
	CONSTRAINT "dispatches_due_after" CHECK ("dispatches"."due_at" > "dispatches"."created_at" and "dispatches"."acknowledge_due_at" > "dispatches"."created_at")
);
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_scope_fits_role";--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "showcase" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "problem_type" text;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "location" text;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "resolve_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_dispatched_by_user_id_users_id_fk" FOREIGN KEY ("dispatched_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispatches_need_idx" ON "dispatches" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "dispatches_org_status_idx" ON "dispatches" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "dispatches_one_pending" ON "dispatches" USING btree ("need_id") WHERE "dispatches"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "needs_resolve_due_idx" ON "needs" USING btree ("resolve_due_at");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_scope_fits_role" CHECK (case "memberships"."role"::text
        when 'platform_admin' then "memberships"."community_id" is null and "memberships"."street_id" is null and "memberships"."organisation_id" is null
        when 'street_admin' then "memberships"."street_id" is not null and "memberships"."community_id" is null and "memberships"."organisation_id" is null
        when 'community_staff' then "memberships"."community_id" is not null and "memberships"."street_id" is null and "memberships"."organisation_id" is null
        when 'resident' then "memberships"."community_id" is not null and "memberships"."street_id" is null and "memberships"."organisation_id" is null
        when 'grid_worker' then "memberships"."community_id" is not null and "memberships"."street_id" is null and "memberships"."organisation_id" is null
        when 'volunteer' then "memberships"."street_id" is null and "memberships"."organisation_id" is null
        else "memberships"."organisation_id" is not null and "memberships"."community_id" is null and "memberships"."street_id" is null
      end);--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_point_pair" CHECK (("needs"."latitude" is null) = ("needs"."longitude" is null));--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_point_range" CHECK ("needs"."latitude" is null or ("needs"."latitude" between -90 and 90 and "needs"."longitude" between -180 and 180));--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_problem_type_only_problems" CHECK ("needs"."problem_type" is null or "needs"."kind"::text = 'problem');