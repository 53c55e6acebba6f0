-- A reply whose delivery failed is not a reply: the customer still waits from their message, and the first
-- response is the first agent reply that did not fail. When an agent's outbound message fails (or a failure
-- is taken back), the ticket's reply times are read again from the replies that did not fail; the SLA due
-- times that follow from them are written by the server right after (settle-ingested-tickets.ts).
CREATE FUNCTION "messages_replies_without_failed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets t SET last_agent_reply_at = s.replied_at, first_response_at = s.first_replied_at
  FROM (
    SELECT c.ticket_id,
      (SELECT max(r.created_at) FROM messages r
       WHERE r.ticket_id = c.ticket_id AND r.direction = 'outbound' AND r.author_type = 'agent'
         AND r.status IS DISTINCT FROM 'failed') AS replied_at,
      (SELECT min(r.created_at) FROM messages r
       WHERE r.ticket_id = c.ticket_id AND r.direction = 'outbound' AND r.author_type = 'agent'
         AND r.status IS DISTINCT FROM 'failed') AS first_replied_at
    FROM (
      SELECT DISTINCT n.ticket_id FROM changed_after n JOIN changed_before o ON o.id = n.id
      WHERE n.direction = 'outbound' AND n.author_type = 'agent' AND n.status IS DISTINCT FROM o.status
        AND (n.status = 'failed' OR o.status = 'failed')
    ) c
  ) s
  WHERE t.id = s.ticket_id
    AND (t.last_agent_reply_at IS DISTINCT FROM s.replied_at OR t.first_response_at IS DISTINCT FROM s.first_replied_at);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_replies_without_failed" AFTER UPDATE ON "messages" REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION "messages_replies_without_failed"();
