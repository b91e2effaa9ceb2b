CREATE TABLE "status_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "status_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" bigint NOT NULL,
	"claim_id" bigint,
	"subject" text NOT NULL,
	"previous_status" text,
	"status" text NOT NULL,
	"previous_confidence" real,
	"confidence" real NOT NULL,
	"actor" text NOT NULL,
	"reason" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_changes_subject_known" CHECK ("status_changes"."subject" in ('event', 'claim')),
	CONSTRAINT "status_changes_status_known" CHECK (status in ('unverified', 'single_origin', 'corroborated', 'confirmed', 'disputed', 'refuted'))
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subscription_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"email" jsonb,
	"webhook_body" text,
	"event_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_subscription_key" UNIQUE("subscription_id","key"),
	CONSTRAINT "outbox_kind_known" CHECK ("outbox"."kind" in ('confirmation', 'digest', 'alert', 'webhook')),
	CONSTRAINT "outbox_status_known" CHECK ("outbox"."status" in ('pending', 'sent', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "subscription_changes" (
	"subscription_id" uuid NOT NULL,
	"change_id" bigint NOT NULL,
	"outbox_id" bigint,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_changes_subscription_id_change_id_pk" PRIMARY KEY("subscription_id","change_id")
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "webhook_url" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "webhook_secret" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "state" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "confirm_token" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "timezone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "send_at" text DEFAULT '07:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "last_digest_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "consecutive_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "last_failure_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "last_success_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_change_id_status_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."status_changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_changes_event" ON "status_changes" USING btree ("event_id","id");--> statement-breakpoint
CREATE INDEX "status_changes_claim" ON "status_changes" USING btree ("claim_id","id");--> statement-breakpoint
CREATE INDEX "status_changes_changed_at" ON "status_changes" USING btree ("changed_at");--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "subscription_changes_waiting" ON "subscription_changes" USING btree ("subscription_id","outbox_id");--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_confirm_token_unique" UNIQUE("confirm_token");--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_state_known" CHECK ("subscriptions"."state" in ('pending', 'active', 'paused'));--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_one_target" CHECK (("subscriptions"."email" is null) <> ("subscriptions"."webhook_url" is null));