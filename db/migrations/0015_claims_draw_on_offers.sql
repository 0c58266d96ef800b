ALTER TABLE "claims" ADD COLUMN "offer_id" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claims_offer_idx" ON "claims" USING btree ("offer_id","claimed_at");--> statement-breakpoint
-- Claims made before this column drew on the claiming organisation's offer of the case's category (the rule
-- capacity was counted by until now); its oldest such offer, so this month's counts stay as they were.
UPDATE "claims" c SET "offer_id" = (
  SELECT f."id" FROM "offers" f
  JOIN "needs" n ON n."id" = c."need_id"
  LEFT JOIN "need_items" i ON i."id" = c."item_id"
  WHERE f."organisation_id" = c."organisation_id" AND f."category" = coalesce(i."category", n."category")
  ORDER BY f."created_at", f."id" LIMIT 1
) WHERE c."offer_id" IS NULL;
