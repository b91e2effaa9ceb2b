-- Serves the API's list cache (src/api/list-cache.ts): a statement that changes what an event list
-- shows signals 'crosscheck_changes' with the table's name. Statement level, so a bulk insert
-- signals once, and Postgres folds the identical signals of one transaction into one, sent at
-- commit. Updates signal only when they touch a column the list query reads (src/db/queries/
-- events.ts, entities.ts resolveEntityIds): fetch bookkeeping on sources, stage timestamps on
-- articles and an event's clustering profile change nothing a list shows and must not empty it.
CREATE FUNCTION crosscheck_signal_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('crosscheck_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_signal_change AFTER INSERT OR DELETE OR TRUNCATE
  OR UPDATE OF id, title, first_seen_at, last_seen_at, article_count, origin_count, status, confidence, verified_at, entity_keys, merged_into ON events
  FOR EACH STATEMENT EXECUTE FUNCTION crosscheck_signal_change();
--> statement-breakpoint
CREATE TRIGGER articles_signal_change AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF id, event_id, source_id, title ON articles
  FOR EACH STATEMENT EXECUTE FUNCTION crosscheck_signal_change();
--> statement-breakpoint
CREATE TRIGGER article_entities_signal_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_entities
  FOR EACH STATEMENT EXECUTE FUNCTION crosscheck_signal_change();
--> statement-breakpoint
CREATE TRIGGER entities_signal_change AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF id, key, name, kind, aliases ON entities
  FOR EACH STATEMENT EXECUTE FUNCTION crosscheck_signal_change();
--> statement-breakpoint
CREATE TRIGGER sources_signal_change AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF id, name, trust ON sources
  FOR EACH STATEMENT EXECUTE FUNCTION crosscheck_signal_change();
