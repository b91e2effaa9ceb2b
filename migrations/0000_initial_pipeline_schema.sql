CREATE TABLE "fetch_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fetch_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"outcome" text NOT NULL,
	"http_status" integer,
	"error_class" text,
	"message" text,
	"items_found" integer DEFAULT 0 NOT NULL,
	"items_new" integer DEFAULT 0 NOT NULL,
	"items_updated" integer DEFAULT 0 NOT NULL,
	"bytes" integer,
	CONSTRAINT "fetch_log_outcome_known" CHECK ("fetch_log"."outcome" in ('ok', 'not_modified', 'failure'))
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"trust" integer NOT NULL,
	"category" text NOT NULL,
	"owner" text NOT NULL,
	"interval_seconds" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_fetched_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_class" text,
	"last_error_message" text,
	"last_http_status" integer,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_trust_range" CHECK ("sources"."trust" between 0 and 100),
	CONSTRAINT "sources_kind_known" CHECK ("sources"."kind" in ('rss', 'html', 'federal-register')),
	CONSTRAINT "sources_category_known" CHECK ("sources"."category" in ('news', 'wire', 'regulator', 'company', 'analysis', 'blog', 'aggregator'))
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "articles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" text NOT NULL,
	"guid" text NOT NULL,
	"url" text NOT NULL,
	"canonical_url" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"content_html" text,
	"content_text" text,
	"author" text,
	"published_at" timestamp with time zone,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"origin" text,
	"duplicate_of" bigint,
	"event_id" bigint,
	"shingles" jsonb,
	"claim_candidates" jsonb,
	"extra" jsonb,
	"extracted_at" timestamp with time zone,
	"clustered_at" timestamp with time zone,
	CONSTRAINT "articles_canonical_url_unique" UNIQUE("canonical_url"),
	CONSTRAINT "articles_source_guid" UNIQUE("source_id","guid")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"titles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search" "tsvector",
	"entity_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"article_count" integer DEFAULT 0 NOT NULL,
	"origin_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'unverified' NOT NULL,
	"confidence" real DEFAULT 0 NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"verified_revision" integer DEFAULT 0 NOT NULL,
	"verified_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_status_known" CHECK (status in ('unverified', 'single_origin', 'corroborated', 'confirmed', 'disputed', 'refuted')),
	CONSTRAINT "events_confidence_range" CHECK ("events"."confidence" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "article_entities" (
	"article_id" bigint NOT NULL,
	"entity_id" bigint NOT NULL,
	"mentions" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "article_entities_article_id_entity_id_pk" PRIMARY KEY("article_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"aliases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"parent_id" bigint,
	CONSTRAINT "entities_key_unique" UNIQUE("key"),
	CONSTRAINT "entities_kind_known" CHECK (kind in ('company', 'model', 'agency', 'person', 'outlet', 'country', 'other'))
);
--> statement-breakpoint
CREATE TABLE "claim_evidence" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claim_evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"claim_id" bigint NOT NULL,
	"article_id" bigint NOT NULL,
	"sentence" text NOT NULL,
	"stance" text NOT NULL,
	"hedged" boolean NOT NULL,
	"origin" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	CONSTRAINT "claim_evidence_claim_article" UNIQUE("claim_id","article_id"),
	CONSTRAINT "claim_evidence_stance_known" CHECK ("claim_evidence"."stance" in ('supports', 'denies'))
);
--> statement-breakpoint
CREATE TABLE "claim_reviews" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claim_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"claim_id" bigint NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"reviewer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_reviews_status_known" CHECK (status in ('unverified', 'single_origin', 'corroborated', 'confirmed', 'disputed', 'refuted'))
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claims_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" bigint NOT NULL,
	"claim_key" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'unverified' NOT NULL,
	"confidence" real DEFAULT 0 NOT NULL,
	"origins" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"explanation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"entity_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_event_key" UNIQUE("event_id","claim_key"),
	CONSTRAINT "claims_status_known" CHECK (status in ('unverified', 'single_origin', 'corroborated', 'confirmed', 'disputed', 'refuted')),
	CONSTRAINT "claims_confidence_range" CHECK ("claims"."confidence" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subscription_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"status" text DEFAULT 'matched' NOT NULL,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "deliveries_subscription_event" UNIQUE("subscription_id","event_id"),
	CONSTRAINT "deliveries_status_known" CHECK ("deliveries"."status" in ('matched', 'sent', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"kind" text DEFAULT 'digest' NOT NULL,
	"frequency" text DEFAULT 'daily' NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unsubscribe_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unsubscribed_at" timestamp with time zone,
	"last_sent_at" timestamp with time zone,
	CONSTRAINT "subscriptions_unsubscribe_token_unique" UNIQUE("unsubscribe_token"),
	CONSTRAINT "subscriptions_kind_known" CHECK ("subscriptions"."kind" in ('digest', 'alert')),
	CONSTRAINT "subscriptions_frequency_known" CHECK ("subscriptions"."frequency" in ('immediate', 'hourly', 'daily', 'weekly'))
);
--> statement-breakpoint
ALTER TABLE "fetch_log" ADD CONSTRAINT "fetch_log_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_duplicate_of_articles_id_fk" FOREIGN KEY ("duplicate_of") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_entities" ADD CONSTRAINT "article_entities_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_entities" ADD CONSTRAINT "article_entities_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_parent_id_entities_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_evidence" ADD CONSTRAINT "claim_evidence_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_evidence" ADD CONSTRAINT "claim_evidence_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_reviews" ADD CONSTRAINT "claim_reviews_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fetch_log_source_started" ON "fetch_log" USING btree ("source_id","started_at");--> statement-breakpoint
CREATE INDEX "articles_event" ON "articles" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "articles_published" ON "articles" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "articles_fetched" ON "articles" USING btree ("fetched_at");--> statement-breakpoint
CREATE INDEX "events_last_seen" ON "events" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "events_search" ON "events" USING gin ("search");--> statement-breakpoint
CREATE INDEX "article_entities_entity" ON "article_entities" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "entities_name" ON "entities" USING btree ("name");--> statement-breakpoint
CREATE INDEX "claim_evidence_article" ON "claim_evidence" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "claim_reviews_claim" ON "claim_reviews" USING btree ("claim_id","created_at");