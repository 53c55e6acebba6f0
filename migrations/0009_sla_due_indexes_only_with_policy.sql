DROP INDEX "tickets_first_reply_due_idx";--> statement-breakpoint
DROP INDEX "tickets_next_reply_due_idx";--> statement-breakpoint
DROP INDEX "tickets_resolution_due_idx";--> statement-breakpoint
CREATE INDEX "tickets_first_reply_due_idx" ON "tickets" USING btree ("first_reply_due_at") WHERE "tickets"."first_reply_due_at" is not null and "tickets"."first_response_at" is null and "tickets"."status" in ('open', 'pending');--> statement-breakpoint
CREATE INDEX "tickets_next_reply_due_idx" ON "tickets" USING btree ("next_reply_due_at") WHERE "tickets"."next_reply_due_at" is not null and "tickets"."status" in ('open', 'pending');--> statement-breakpoint
CREATE INDEX "tickets_resolution_due_idx" ON "tickets" USING btree ("resolution_due_at") WHERE "tickets"."resolution_due_at" is not null and "tickets"."status" in ('open', 'pending');