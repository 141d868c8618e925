CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"task_id" text,
	"external_task_id" text NOT NULL,
	"model" text NOT NULL,
	"prompt" text DEFAULT '' NOT NULL,
	"request" json NOT NULL,
	"response" json,
	"error" jsonb,
	"status_message" text,
	"video" jsonb,
	"refreshed_at" timestamp with time zone,
	"idempotency_key" text,
	"request_hash" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_external_task_id_key" ON "submissions" USING btree ("external_task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_idempotency_key_key" ON "submissions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "submissions_created_at_id_idx" ON "submissions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "submissions_status_created_at_id_idx" ON "submissions" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "submissions_task_id_idx" ON "submissions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "submissions_prompt_trgm_idx" ON "submissions" USING gin ("prompt" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "submissions_task_id_trgm_idx" ON "submissions" USING gin ("task_id" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "submissions_external_task_id_trgm_idx" ON "submissions" USING gin ("external_task_id" gin_trgm_ops);