-- Rows written before this migration hold transaction 0: older than any sync cursor's snapshot (a constant
-- default is recorded once, not written into every row).
ALTER TABLE "messages" ADD COLUMN "changed_xid" "xid8" DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "changed_xid" SET DEFAULT pg_current_xact_id();--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "changed_xid" "xid8" DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "changed_xid" SET DEFAULT pg_current_xact_id();--> statement-breakpoint
CREATE INDEX "messages_changed_xid_idx" ON "messages" USING btree ("changed_xid");--> statement-breakpoint
CREATE INDEX "tickets_changed_xid_idx" ON "tickets" USING btree ("changed_xid","id");--> statement-breakpoint
-- A changed ticket carries the id of the transaction that changed it: the sync reads changes by commit
-- (a transaction that commits late is still after a cursor taken before it committed), not by clock.
CREATE OR REPLACE FUNCTION "tickets_touch_changed_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_at := now();
  NEW.changed_xid := pg_current_xact_id();
  RETURN NEW;
END $$;--> statement-breakpoint
-- A message changed in place changes its ticket for the browser too; a ticket this transaction changed
-- already is not written twice (the transaction id says so exactly, where two transactions may share a now()).
CREATE OR REPLACE FUNCTION "messages_touch_ticket"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets SET changed_at = now()
  WHERE id IN (SELECT DISTINCT ticket_id FROM changed_messages) AND changed_xid <> pg_current_xact_id();
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "messages_touch_changed_xid"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_xid := pg_current_xact_id();
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_changed_xid" BEFORE UPDATE ON "messages" FOR EACH ROW EXECUTE FUNCTION "messages_touch_changed_xid"();--> statement-breakpoint
-- Every transaction that writes tickets or messages says so, with its id, to the server processes
-- listening (the live push, server/sync/sync-push.ts). NOTIFY is delivered after the commit, in commit
-- order, and once per transaction: PostgreSQL folds the same payload sent again in one transaction.
CREATE FUNCTION "notify_sync_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('helpdesk_sync', pg_current_xact_id()::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "tickets_notify_sync" AFTER INSERT OR UPDATE ON "tickets" FOR EACH STATEMENT EXECUTE FUNCTION "notify_sync_change"();--> statement-breakpoint
CREATE TRIGGER "messages_notify_sync" AFTER INSERT OR UPDATE ON "messages" FOR EACH STATEMENT EXECUTE FUNCTION "notify_sync_change"();
