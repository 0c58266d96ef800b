CREATE TYPE "public"."message_channel" AS ENUM('sms', 'email');--> statement-breakpoint
CREATE TYPE "public"."message_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TABLE "password_reset_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"issued_by_user_id" uuid,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT linli_now() NOT NULL,
	CONSTRAINT "password_reset_codes_attempts" CHECK ("password_reset_codes"."failed_attempts" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" "message_channel" NOT NULL,
	"to" text NOT NULL,
	"template" text NOT NULL,
	"text" text NOT NULL,
	"status" "message_status" DEFAULT 'pending' NOT NULL,
	"idempotency_key" text NOT NULL,
	"user_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sink" text,
	"created_at" timestamp with time zone DEFAULT linli_now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "messages_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "messages_sent_at" CHECK (("messages"."status" = 'sent') = ("messages"."sent_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "password_reset_codes" ADD CONSTRAINT "password_reset_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset_codes" ADD CONSTRAINT "password_reset_codes_issued_by_user_id_users_id_fk" FOREIGN KEY ("issued_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "password_reset_codes_user_idx" ON "password_reset_codes" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_pending_idx" ON "messages" USING btree ("id") WHERE "messages"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "messages_to_idx" ON "messages" USING btree ("to","created_at");--> statement-breakpoint
-- One organisation has at most one standing (proposed or active) agreement with one place at a time:
-- a second overlapping one is refused here (mapped to 409 by its name in app/modules/agreements).
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_no_overlap"
  EXCLUDE USING gist (
    "organisation_id" WITH =,
    (coalesce("community_id", "street_id")) WITH =,
    daterange("starts_on", "ends_on", '[]') WITH &&
  ) WHERE ("status" IN ('proposed', 'active'));
