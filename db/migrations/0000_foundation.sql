CREATE TYPE "public"."activity_status" AS ENUM('scheduled', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."agreement_status" AS ENUM('proposed', 'active', 'expired', 'ended');--> statement-breakpoint
CREATE TYPE "public"."category" AS ENUM('elderly_care', 'child_care', 'health', 'repair', 'legal', 'finance', 'environment', 'infrastructure', 'safety', 'culture', 'mental_health', 'daily_life', 'disability');--> statement-breakpoint
CREATE TYPE "public"."claim_status" AS ENUM('active', 'fulfilled', 'completed', 'released', 'expired');--> statement-breakpoint
CREATE TYPE "public"."correction_status" AS ENUM('open', 'accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."hour_decision" AS ENUM('approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."hour_entry_kind" AS ENUM('attendance', 'proxy', 'correction', 'reversal');--> statement-breakpoint
CREATE TYPE "public"."need_item_status" AS ENUM('open', 'claimed', 'fulfilled', 'completed');--> statement-breakpoint
CREATE TYPE "public"."need_kind" AS ENUM('micro_wish', 'need', 'project');--> statement-breakpoint
CREATE TYPE "public"."need_status" AS ENUM('draft', 'pending_review', 'published', 'claimed', 'fulfilled', 'completed', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."org_type" AS ENUM('bank', 'hospital', 'school', 'company', 'property', 'government', 'social_org', 'volunteer_team');--> statement-breakpoint
CREATE TYPE "public"."outbox_entity" AS ENUM('offer', 'need', 'activity');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('resident', 'volunteer', 'org_member', 'org_admin', 'community_staff', 'street_admin', 'platform_admin');--> statement-breakpoint
CREATE TYPE "public"."signup_status" AS ENUM('signed_up', 'cancelled');--> statement-breakpoint
CREATE TABLE "communities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"street_id" uuid NOT NULL,
	"name" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communities_street_name" UNIQUE("street_id","name"),
	CONSTRAINT "communities_lat_range" CHECK ("communities"."lat" between -90 and 90),
	CONSTRAINT "communities_lng_range" CHECK ("communities"."lng" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "districts_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "streets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"name" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "streets_district_name" UNIQUE("district_id","name"),
	CONSTRAINT "streets_lat_range" CHECK ("streets"."lat" between -90 and 90),
	CONSTRAINT "streets_lng_range" CHECK ("streets"."lng" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"community_id" uuid,
	"street_id" uuid,
	"organisation_id" uuid,
	"email" text,
	"phone" text,
	"invited_by_user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by_user_id" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invitations_accept_pair" CHECK (("invitations"."accepted_at" is null) = ("invitations"."accepted_by_user_id" is null))
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"login" text NOT NULL,
	"address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"community_id" uuid,
	"street_id" uuid,
	"organisation_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_scope_fits_role" CHECK (case "memberships"."role"
        when 'platform_admin' then "memberships"."community_id" is null and "memberships"."street_id" is null and "memberships"."organisation_id" is null
        when 'street_admin' then "memberships"."street_id" is not null and "memberships"."community_id" is null and "memberships"."organisation_id" is null
        when 'community_staff' then "memberships"."community_id" is not null and "memberships"."street_id" is null and "memberships"."organisation_id" is null
        when 'resident' then "memberships"."community_id" is not null and "memberships"."street_id" is null and "memberships"."organisation_id" is null
        when 'volunteer' then "memberships"."street_id" is null and "memberships"."organisation_id" is null
        else "memberships"."organisation_id" is not null and "memberships"."community_id" is null and "memberships"."street_id" is null
      end)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"full_name" text,
	"email" text,
	"phone" text,
	"password_hash" text,
	"home_community_id" uuid,
	"address" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"show_on_leaderboard" boolean DEFAULT false NOT NULL,
	"created_by_user_id" uuid,
	"consent_recorded_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "users_email_shape" CHECK ("users"."email" is null or "users"."email" ~ '^[^@\s]+@[^@\s]+$'),
	CONSTRAINT "users_phone_shape" CHECK ("users"."phone" is null or "users"."phone" ~ '^\+?[0-9]{5,20}$'),
	CONSTRAINT "users_proxy_consent" CHECK ("users"."created_by_user_id" is null or "users"."consent_recorded_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"community_id" uuid,
	"street_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"categories" "category"[] DEFAULT '{}' NOT NULL,
	"status" "agreement_status" DEFAULT 'proposed' NOT NULL,
	"proposed_by_user_id" uuid NOT NULL,
	"accepted_by_user_id" uuid,
	"accepted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_one_place" CHECK (num_nonnulls("agreements"."community_id", "agreements"."street_id") = 1),
	CONSTRAINT "agreements_period" CHECK ("agreements"."ends_on" >= "agreements"."starts_on"),
	CONSTRAINT "agreements_active_accepted" CHECK ("agreements"."status" <> 'active' or "agreements"."accepted_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" "category" NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"community_id" uuid,
	"street_id" uuid,
	"lat" double precision,
	"lng" double precision,
	"capacity_per_month" integer NOT NULL,
	"weekdays" smallint[] DEFAULT '{1,2,3,4,5}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_one_area" CHECK (num_nonnulls("offers"."community_id", "offers"."street_id") = 1),
	CONSTRAINT "offers_capacity_positive" CHECK ("offers"."capacity_per_month" > 0),
	CONSTRAINT "offers_weekdays_valid" CHECK ("offers"."weekdays" <@ '{1,2,3,4,5,6,7}'::smallint[]),
	CONSTRAINT "offers_title_nonempty" CHECK (length(trim("offers"."title")) > 0),
	CONSTRAINT "offers_location_pair" CHECK (("offers"."lat" is null) = ("offers"."lng" is null))
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" "org_type" NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"street_id" uuid,
	"service_area" text DEFAULT '' NOT NULL,
	"logo_path" text,
	"public_contact" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_name_nonempty" CHECK (length(trim("organisations"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid,
	"claim_id" uuid,
	"organisation_id" uuid,
	"storage_path" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"uploaded_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_storage_path_unique" UNIQUE("storage_path"),
	CONSTRAINT "attachments_one_owner" CHECK (num_nonnulls("attachments"."need_id", "attachments"."claim_id", "attachments"."organisation_id") = 1),
	CONSTRAINT "attachments_image_types" CHECK ("attachments"."mime_type" in ('image/jpeg', 'image/png', 'image/webp')),
	CONSTRAINT "attachments_size" CHECK ("attachments"."bytes" between 1 and 5242880)
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"item_id" uuid,
	"organisation_id" uuid NOT NULL,
	"claimed_by_user_id" uuid NOT NULL,
	"status" "claim_status" DEFAULT 'active' NOT NULL,
	"idempotency_key" text,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"fulfilment_note" text,
	"completed_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "claims_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "claims_due_after_claim" CHECK ("claims"."due_at" > "claims"."claimed_at"),
	CONSTRAINT "claims_fulfilled_at" CHECK ("claims"."status" not in ('fulfilled', 'completed') or "claims"."fulfilled_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "need_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" "category",
	"status" "need_item_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_items_title_nonempty" CHECK (length(trim("need_items"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "need_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" "category",
	"community_id" uuid NOT NULL,
	"status" "need_status" NOT NULL,
	"posted_by_user_id" uuid NOT NULL,
	"beneficiary_user_id" uuid,
	"beneficiary_name" text,
	"contact_phone" text,
	"address" text,
	"consent_recorded_at" timestamp with time zone,
	"reject_reason" text,
	"thanks" text,
	"rating" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "needs_title_nonempty" CHECK (length(trim("needs"."title")) > 0),
	CONSTRAINT "needs_rating_range" CHECK ("needs"."rating" is null or "needs"."rating" between 1 and 5),
	CONSTRAINT "needs_rejected_has_reason" CHECK ("needs"."status" <> 'rejected' or "needs"."reject_reason" is not null),
	CONSTRAINT "needs_proxy_consent" CHECK ("needs"."beneficiary_name" is null or "needs"."consent_recorded_at" is not null),
	CONSTRAINT "needs_completed_at" CHECK (("needs"."status" = 'completed') = ("needs"."completed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"community_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" "category" NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"status" "activity_status" DEFAULT 'scheduled' NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_period" CHECK ("activities"."ends_at" > "activities"."starts_at"),
	CONSTRAINT "activities_capacity_positive" CHECK ("activities"."capacity" > 0),
	CONSTRAINT "activities_title_nonempty" CHECK (length(trim("activities"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "activity_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" "signup_status" DEFAULT 'signed_up' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "attendances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"check_in_at" timestamp with time zone NOT NULL,
	"check_out_at" timestamp with time zone,
	"source" text NOT NULL,
	"flagged_for_organiser" boolean DEFAULT false NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendances_order" CHECK ("attendances"."check_out_at" is null or "attendances"."check_out_at" > "attendances"."check_in_at"),
	CONSTRAINT "attendances_source" CHECK ("attendances"."source" in ('organiser', 'qr', 'auto_closed', 'proxy'))
);
--> statement-breakpoint
CREATE TABLE "approved_hour_periods" (
	"hour_entry_id" uuid,
	"volunteer_id" uuid NOT NULL,
	"period" "tstzrange" NOT NULL,
	CONSTRAINT "approved_hour_periods_hour_entry_id_pk" PRIMARY KEY("hour_entry_id")
);
--> statement-breakpoint
CREATE TABLE "hour_correction_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"hour_entry_id" uuid,
	"reason" text NOT NULL,
	"requested_starts_at" timestamp with time zone,
	"requested_ends_at" timestamp with time zone,
	"status" "correction_status" DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by_user_id" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hour_correction_reason" CHECK (length(trim("hour_correction_requests"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "hour_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"organisation_id" uuid,
	"community_id" uuid NOT NULL,
	"kind" "hour_entry_kind" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"reverses_id" uuid,
	"attendance_id" uuid,
	"correction_request_id" uuid,
	"note" text,
	"recorded_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hour_entries_period" CHECK ("hour_entries"."ends_at" > "hour_entries"."starts_at"),
	CONSTRAINT "hour_entries_reversal_shape" CHECK (("hour_entries"."kind" = 'reversal') = ("hour_entries"."reverses_id" is not null) and ("hour_entries"."kind" = 'reversal') = ("hour_entries"."minutes" < 0)),
	CONSTRAINT "hour_entries_minutes_fit_period" CHECK (abs("hour_entries"."minutes") <= ceil(extract(epoch from ("hour_entries"."ends_at" - "hour_entries"."starts_at")) / 60) and "hour_entries"."minutes" <> 0)
);
--> statement-breakpoint
CREATE TABLE "hour_entry_reviews" (
	"hour_entry_id" uuid PRIMARY KEY NOT NULL,
	"decision" "hour_decision" NOT NULL,
	"reason" text,
	"reviewed_by_user_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hour_entry_reviews_reject_reason" CHECK ("hour_entry_reviews"."decision" = 'approved' or "hour_entry_reviews"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity" "outbox_entity" NOT NULL,
	"entity_id" uuid NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streets" ADD CONSTRAINT "streets_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_user_id_users_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_home_community_id_communities_id_fk" FOREIGN KEY ("home_community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_proposed_by_user_id_users_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_item_id_need_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."need_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_claimed_by_user_id_users_id_fk" FOREIGN KEY ("claimed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_items" ADD CONSTRAINT "need_items_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_posted_by_user_id_users_id_fk" FOREIGN KEY ("posted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_beneficiary_user_id_users_id_fk" FOREIGN KEY ("beneficiary_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_signups" ADD CONSTRAINT "activity_signups_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_signups" ADD CONSTRAINT "activity_signups_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approved_hour_periods" ADD CONSTRAINT "approved_hour_periods_hour_entry_id_hour_entries_id_fk" FOREIGN KEY ("hour_entry_id") REFERENCES "public"."hour_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_correction_requests" ADD CONSTRAINT "hour_correction_requests_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_correction_requests" ADD CONSTRAINT "hour_correction_requests_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_correction_requests" ADD CONSTRAINT "hour_correction_requests_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_entries" ADD CONSTRAINT "hour_entries_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_entries" ADD CONSTRAINT "hour_entries_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_entries" ADD CONSTRAINT "hour_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_entries" ADD CONSTRAINT "hour_entries_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_entries" ADD CONSTRAINT "hour_entries_attendance_id_attendances_id_fk" FOREIGN KEY ("attendance_id") REFERENCES "public"."attendances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_entries" ADD CONSTRAINT "hour_entries_correction_request_id_hour_correction_requests_id_fk" FOREIGN KEY ("correction_request_id") REFERENCES "public"."hour_correction_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_entries" ADD CONSTRAINT "hour_entries_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_entry_reviews" ADD CONSTRAINT "hour_entry_reviews_hour_entry_id_hour_entries_id_fk" FOREIGN KEY ("hour_entry_id") REFERENCES "public"."hour_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_entry_reviews" ADD CONSTRAINT "hour_entry_reviews_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communities_street_idx" ON "communities" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "streets_district_idx" ON "streets" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "login_failures_login_address_idx" ON "login_failures" USING btree ("login","address","created_at");--> statement-breakpoint
CREATE INDEX "login_failures_address_idx" ON "login_failures" USING btree ("address","created_at");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "memberships_org_idx" ON "memberships" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "memberships_community_idx" ON "memberships" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_unique_scope" ON "memberships" USING btree ("user_id","role",coalesce("community_id", '00000000-0000-0000-0000-000000000000'),coalesce("street_id", '00000000-0000-0000-0000-000000000000'),coalesce("organisation_id", '00000000-0000-0000-0000-000000000000'));--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_unique" ON "users" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "agreements_org_idx" ON "agreements" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "agreements_community_idx" ON "agreements" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "agreements_street_idx" ON "agreements" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "offers_org_idx" ON "offers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "offers_community_idx" ON "offers" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "offers_street_idx" ON "offers" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "organisations_street_idx" ON "organisations" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "claims_need_idx" ON "claims" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "claims_org_status_idx" ON "claims" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "claims_active_due_idx" ON "claims" USING btree ("due_at") WHERE "claims"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "claims_one_holder" ON "claims" USING btree ("need_id",coalesce("item_id", '00000000-0000-0000-0000-000000000000')) WHERE "claims"."status" in ('active', 'fulfilled', 'completed');--> statement-breakpoint
CREATE UNIQUE INDEX "need_items_position" ON "need_items" USING btree ("need_id","position");--> statement-breakpoint
CREATE INDEX "needs_status_created_idx" ON "needs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "needs_community_status_idx" ON "needs" USING btree ("community_id","status");--> statement-breakpoint
CREATE INDEX "needs_posted_by_idx" ON "needs" USING btree ("posted_by_user_id");--> statement-breakpoint
CREATE INDEX "activities_community_starts_idx" ON "activities" USING btree ("community_id","starts_at");--> statement-breakpoint
CREATE INDEX "activities_org_idx" ON "activities" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "activities_starts_idx" ON "activities" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_signups_one_per_volunteer" ON "activity_signups" USING btree ("activity_id","volunteer_id") WHERE "activity_signups"."status" = 'signed_up';--> statement-breakpoint
CREATE INDEX "activity_signups_volunteer_idx" ON "activity_signups" USING btree ("volunteer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendances_one_open" ON "attendances" USING btree ("activity_id","volunteer_id") WHERE "attendances"."check_out_at" is null;--> statement-breakpoint
CREATE INDEX "hour_entries_volunteer_idx" ON "hour_entries" USING btree ("volunteer_id","starts_at");--> statement-breakpoint
CREATE INDEX "hour_entries_activity_idx" ON "hour_entries" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "hour_entries_community_idx" ON "hour_entries" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "hour_entries_org_idx" ON "hour_entries" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hour_entries_reversed_once" ON "hour_entries" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_type","subject_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id","read","created_at");--> statement-breakpoint
CREATE INDEX "search_outbox_available_idx" ON "search_outbox" USING btree ("available_at","id");