ALTER TABLE "articles" ADD COLUMN "article_type" text;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "own_sourcing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "subject" jsonb;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "predicate" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "objects" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "amounts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "dates" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "polarity" text DEFAULT 'affirmed' NOT NULL;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_type_known" CHECK (article_type is null or article_type in ('report', 'analysis', 'explainer', 'press_release', 'official_document', 'aggregator_summary'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_predicate_known" CHECK (predicate is null or predicate in ('acquired', 'announced', 'approved', 'awarded', 'banned', 'charged', 'cut access', 'cut jobs', 'delayed', 'denied', 'discovered', 'fined', 'hired', 'invested', 'investigated', 'launched', 'lobbied', 'met', 'partnered', 'proposed', 'raised funds', 'released', 'reported results', 'resigned', 'restricted', 'ruled', 'settled', 'sold', 'sued', 'suspended', 'withdrew'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_polarity_known" CHECK (polarity in ('affirmed', 'denied'));