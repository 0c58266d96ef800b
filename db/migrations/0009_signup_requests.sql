CREATE TABLE "signup_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"address" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"phone" text,
	"password_hash" text,
	"community_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"phone_code_hash" text,
	"email_code_hash" text,
	"taken" boolean DEFAULT false NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT linli_now() NOT NULL,
	CONSTRAINT "signup_requests_attempts" CHECK ("signup_requests"."failed_attempts" between 0 and 5),
	CONSTRAINT "signup_requests_login" CHECK ("signup_requests"."email" is not null or "signup_requests"."phone" is not null)
);
--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signup_requests_address_idx" ON "signup_requests" USING btree ("address","created_at");--> statement-breakpoint
CREATE INDEX "signup_requests_phone_idx" ON "signup_requests" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "signup_requests_email_idx" ON "signup_requests" USING btree ("email","created_at");