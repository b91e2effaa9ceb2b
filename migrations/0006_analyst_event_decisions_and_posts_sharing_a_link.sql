CREATE TABLE "event_decision_articles" (
	"decision_id" bigint NOT NULL,
	"article_id" bigint NOT NULL,
	"from_event_id" bigint,
	CONSTRAINT "event_decision_articles_article_id_decision_id_pk" PRIMARY KEY("article_id","decision_id")
);
--> statement-breakpoint
CREATE TABLE "event_decisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"event_id" bigint NOT NULL,
	"merged_event_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"new_event_id" bigint,
	"article_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reviewer" text NOT NULL,
	"reason" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_decisions_kind_known" CHECK ("event_decisions"."kind" in ('merge', 'split'))
);
--> statement-breakpoint
ALTER TABLE "articles" DROP CONSTRAINT "articles_canonical_url_unique";--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "link_post" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_decision_articles" ADD CONSTRAINT "event_decision_articles_decision_id_event_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."event_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_decision_articles" ADD CONSTRAINT "event_decision_articles_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_decision_articles" ADD CONSTRAINT "event_decision_articles_from_event_id_events_id_fk" FOREIGN KEY ("from_event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_decisions" ADD CONSTRAINT "event_decisions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_decisions" ADD CONSTRAINT "event_decisions_new_event_id_events_id_fk" FOREIGN KEY ("new_event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_decision_articles_from" ON "event_decision_articles" USING btree ("from_event_id");--> statement-breakpoint
CREATE INDEX "event_decisions_event" ON "event_decisions" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_canonical_url_post" UNIQUE("canonical_url","link_post");