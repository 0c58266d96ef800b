CREATE TABLE "hour_totals_by_community" (
	"community_id" uuid PRIMARY KEY NOT NULL,
	"approved_minutes" bigint DEFAULT 0 NOT NULL,
	"pending_minutes" bigint DEFAULT 0 NOT NULL,
	"approved_entries" integer DEFAULT 0 NOT NULL,
	"pending_entries" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hour_totals_by_community_month" (
	"community_id" uuid NOT NULL,
	"month" date NOT NULL,
	"approved_minutes" bigint DEFAULT 0 NOT NULL,
	"approved_entries" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "hour_totals_by_community_month_community_id_month_pk" PRIMARY KEY("community_id","month"),
	CONSTRAINT "hour_totals_by_community_month_first_day" CHECK (extract(day from "hour_totals_by_community_month"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "hour_totals_by_organisation" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"approved_minutes" bigint DEFAULT 0 NOT NULL,
	"pending_minutes" bigint DEFAULT 0 NOT NULL,
	"approved_entries" integer DEFAULT 0 NOT NULL,
	"pending_entries" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hour_totals_by_street" (
	"street_id" uuid PRIMARY KEY NOT NULL,
	"approved_minutes" bigint DEFAULT 0 NOT NULL,
	"pending_minutes" bigint DEFAULT 0 NOT NULL,
	"approved_entries" integer DEFAULT 0 NOT NULL,
	"pending_entries" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hour_totals_by_volunteer" (
	"volunteer_id" uuid PRIMARY KEY NOT NULL,
	"approved_minutes" bigint DEFAULT 0 NOT NULL,
	"pending_minutes" bigint DEFAULT 0 NOT NULL,
	"approved_entries" integer DEFAULT 0 NOT NULL,
	"pending_entries" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hour_totals_by_community" ADD CONSTRAINT "hour_totals_by_community_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_totals_by_community_month" ADD CONSTRAINT "hour_totals_by_community_month_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_totals_by_organisation" ADD CONSTRAINT "hour_totals_by_organisation_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_totals_by_street" ADD CONSTRAINT "hour_totals_by_street_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_totals_by_volunteer" ADD CONSTRAINT "hour_totals_by_volunteer_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;