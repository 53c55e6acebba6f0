ALTER TABLE "tickets" ADD COLUMN "reply_failed_at" timestamp with time zone;--> statement-breakpoint
-- A ticket whose newest failed agent reply has no later reply that went through still waits on us: every
-- writer of a message's status (the dispatcher, a start-up's recovery, the channels' delivery reports)
-- keeps the flag right without knowing of it. Only status changes of agents' outbound messages count.
CREATE FUNCTION "messages_keep_reply_failed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets t SET reply_failed_at = s.failed_at
  FROM (
    SELECT c.ticket_id, (
      SELECT max(f.created_at) FROM messages f
      WHERE f.ticket_id = c.ticket_id AND f.direction = 'outbound' AND f.author_type = 'agent' AND f.status = 'failed'
        AND NOT EXISTS (
          SELECT 1 FROM messages ok
          WHERE ok.ticket_id = c.ticket_id AND ok.direction = 'outbound' AND ok.author_type = 'agent'
            AND ok.status IN ('sent', 'delivered', 'read') AND ok.created_at > f.created_at)
    ) AS failed_at
    FROM (
      SELECT DISTINCT n.ticket_id FROM changed_after n JOIN changed_before o ON o.id = n.id
      WHERE n.direction = 'outbound' AND n.author_type = 'agent' AND n.status IS DISTINCT FROM o.status
    ) c
  ) s
  WHERE t.id = s.ticket_id AND t.reply_failed_at IS DISTINCT FROM s.failed_at;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_reply_failed" AFTER UPDATE ON "messages" REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION "messages_keep_reply_failed"();
