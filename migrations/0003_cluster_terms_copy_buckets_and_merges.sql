CREATE TABLE "article_bands" (
	"band" smallint NOT NULL,
	"bucket" integer NOT NULL,
	"article_id" bigint NOT NULL,
	CONSTRAINT "article_bands_band_bucket_article_id_pk" PRIMARY KEY("band","bucket","article_id")
);
--> statement-breakpoint
CREATE TABLE "cluster_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"df" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "cluster_reason" jsonb;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "terms" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "source_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "merged_into" bigint;--> statement-breakpoint
ALTER TABLE "article_bands" ADD CONSTRAINT "article_bands_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_bands_article" ON "article_bands" USING btree ("article_id");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_merged_into_events_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;