ALTER TABLE "inbound_events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "inbound_events_due_idx" ON "inbound_events" USING btree ("next_attempt_at") WHERE "inbound_events"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbound_events_unprocessed_idx" ON "inbound_events" USING btree ("workspace_id","created_at") WHERE "inbound_events"."status" <> 'processed';--> statement-breakpoint
-- Events kept as failed before retries existed were never retried: they are retried now.
UPDATE "inbound_events" SET "status" = 'pending', "next_attempt_at" = now() WHERE "status" = 'failed';