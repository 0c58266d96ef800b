-- The search outbox, completed in the database: activities and project items write their outbox
-- rows by trigger (in the writing transaction, like every other change), an organisation's new
-- name reaches its offers, and each statement that fills the outbox wakes the relay with NOTIFY
-- (delivered on commit; the relay also polls, so a missed notification only delays).
CREATE FUNCTION search_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('search_outbox', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_outbox_notify AFTER INSERT ON search_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_notify();
--> statement-breakpoint
CREATE FUNCTION search_outbox_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_outbox (entity, entity_id)
    SELECT 'activity'::outbox_entity, id FROM changed_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_outbox_activity_insert AFTER INSERT ON activities
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_activity();
--> statement-breakpoint
CREATE TRIGGER search_outbox_activity_update AFTER UPDATE ON activities
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_activity();
--> statement-breakpoint
CREATE TRIGGER search_outbox_activity_delete AFTER DELETE ON activities
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_activity();
--> statement-breakpoint
CREATE FUNCTION search_outbox_need_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_outbox (entity, entity_id)
    SELECT DISTINCT 'need'::outbox_entity, need_id FROM changed_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_outbox_need_item_insert AFTER INSERT ON need_items
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_need_item();
--> statement-breakpoint
CREATE TRIGGER search_outbox_need_item_update AFTER UPDATE ON need_items
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_need_item();
--> statement-breakpoint
CREATE FUNCTION search_outbox_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_outbox (entity, entity_id)
    SELECT 'offer'::outbox_entity, o.id FROM offers o
    JOIN new_rows n ON n.id = o.organisation_id
    JOIN old_rows p ON p.id = n.id
    WHERE n.name IS DISTINCT FROM p.name OR n.type IS DISTINCT FROM p.type;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_outbox_organisation_update AFTER UPDATE ON organisations
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_organisation();
