CREATE TABLE "entity_candidates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entity_candidates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"normalized" text NOT NULL,
	"mention_count" integer DEFAULT 0 NOT NULL,
	"examples" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"article_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"entity_id" bigint,
	CONSTRAINT "entity_candidates_kind_known" CHECK (kind in ('person', 'organization')),
	CONSTRAINT "entity_candidates_status_known" CHECK (status in ('pending', 'accepted', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "source" text DEFAULT 'registry' NOT NULL;--> statement-breakpoint
ALTER TABLE "entity_candidates" ADD CONSTRAINT "entity_candidates_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entity_candidates_kind_name" ON "entity_candidates" USING btree ("kind","normalized");--> statement-breakpoint
CREATE INDEX "entity_candidates_status_seen" ON "entity_candidates" USING btree ("status","last_seen_at");--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_source_known" CHECK (source in ('registry', 'candidate'));