CREATE TABLE "suggestion_queue" (
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone DEFAULT linli_now() NOT NULL,
	CONSTRAINT "suggestion_queue_subject_type_subject_id_pk" PRIMARY KEY("subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "suggestions" (
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT linli_now() NOT NULL,
	CONSTRAINT "suggestions_subject_type_subject_id_pk" PRIMARY KEY("subject_type","subject_id")
);
--> statement-breakpoint
-- A need or an offer sent to search is queued for its suggestions (recomputed once the index has it).
CREATE FUNCTION suggestion_queue_from_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO suggestion_queue (subject_type, subject_id)
    SELECT DISTINCT entity::text, entity_id FROM changed_rows WHERE entity IN ('need', 'offer')
  ON CONFLICT (subject_type, subject_id) DO UPDATE SET available_at = least(suggestion_queue.available_at, linli_now()), attempts = 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER suggestion_queue_from_outbox AFTER INSERT ON search_outbox
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION suggestion_queue_from_outbox();
