DROP INDEX "events_last_seen";--> statement-breakpoint
CREATE INDEX "events_last_seen_id" ON "events" USING btree ("last_seen_at","id");