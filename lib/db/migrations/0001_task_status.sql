CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callback_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"submission_id" text,
	"received_at" timestamp with time zone NOT NULL,
	"task_status" text,
	"outcome" text NOT NULL,
	"body" json
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "next_poll_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "poll_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "upstream_updated_at" bigint;--> statement-breakpoint
CREATE INDEX "callback_deliveries_submission_id_idx" ON "callback_deliveries" USING btree ("submission_id","received_at");--> statement-breakpoint
CREATE INDEX "submissions_next_poll_at_idx" ON "submissions" USING btree ("next_poll_at");--> statement-breakpoint
-- Submissions made before status following existed are followed from now on.
UPDATE "submissions" SET "next_poll_at" = now() WHERE "status" IN ('pending', 'submitted', 'processing');
