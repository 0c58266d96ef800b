ALTER TYPE "public"."message_channel" ADD VALUE 'wecom';--> statement-breakpoint
ALTER TYPE "public"."message_status" ADD VALUE 'suppressed';--> statement-breakpoint
CREATE TABLE "family_contacts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT linli_now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid,
	"organisation_id" uuid,
	"url" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT linli_now() NOT NULL,
	CONSTRAINT "group_webhooks_community_id_unique" UNIQUE("community_id"),
	CONSTRAINT "group_webhooks_organisation_id_unique" UNIQUE("organisation_id"),
	CONSTRAINT "group_webhooks_one_owner" CHECK (num_nonnulls("group_webhooks"."community_id", "group_webhooks"."organisation_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "login_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT linli_now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_consents" (
	"user_id" uuid NOT NULL,
	"channel" "message_channel" NOT NULL,
	"opted_in" boolean NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT linli_now() NOT NULL,
	CONSTRAINT "message_consents_user_id_channel_pk" PRIMARY KEY("user_id","channel")
);
--> statement-breakpoint
CREATE TABLE "message_fires" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"recipient" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone DEFAULT linli_now() NOT NULL,
	CONSTRAINT "message_fires_once" UNIQUE("kind","subject_id","recipient","due_at")
);
--> statement-breakpoint
DROP INDEX "messages_pending_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT linli_now() NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "provider_message_id" text;--> statement-breakpoint
ALTER TABLE "family_contacts" ADD CONSTRAINT "family_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_webhooks" ADD CONSTRAINT "group_webhooks_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_webhooks" ADD CONSTRAINT "group_webhooks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_codes" ADD CONSTRAINT "login_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_consents" ADD CONSTRAINT "message_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_codes_user_idx" ON "login_codes" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_pending_idx" ON "messages" USING btree ("next_attempt_at","id") WHERE "messages"."status" = 'pending';--> statement-breakpoint
-- Each statement that queues messages wakes the message relay with NOTIFY (delivered on commit; the
-- relay also runs every minute, so a missed notification only delays).
CREATE FUNCTION messages_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('messages', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_notify AFTER INSERT ON messages
  FOR EACH STATEMENT EXECUTE FUNCTION messages_notify();
