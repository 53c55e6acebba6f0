DROP INDEX "tickets_sync_idx";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "tickets_changed_idx" ON "tickets" USING btree ("changed_at","id");--> statement-breakpoint
UPDATE "tickets" SET "changed_at" = "updated_at";--> statement-breakpoint
-- Any change to a ticket row is a change the browser must fetch.
CREATE FUNCTION "tickets_touch_changed_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_at := now();
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "tickets_changed_at" BEFORE UPDATE ON "tickets" FOR EACH ROW EXECUTE FUNCTION "tickets_touch_changed_at"();--> statement-breakpoint
-- A message changed in place (a delivery status, a fetched attachment, an unsend, an edited note) changes
-- its ticket for the browser too: once per statement, for every ticket the statement touched.
CREATE FUNCTION "messages_touch_ticket"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A ticket this transaction changed already is not written twice.
  UPDATE tickets SET changed_at = now() WHERE id IN (SELECT DISTINCT ticket_id FROM changed_messages) AND changed_at < now();
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_changed" AFTER UPDATE ON "messages" REFERENCING NEW TABLE AS changed_messages FOR EACH STATEMENT EXECUTE FUNCTION "messages_touch_ticket"();
