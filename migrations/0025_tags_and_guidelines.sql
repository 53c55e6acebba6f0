-- The tag list becomes managed: each tag has an id (for the audit log), a colour and a description, and a
-- name unique whatever its case. Rows that differ only in case keep the oldest spelling; every tag already
-- used on a ticket gets a row (the spelling most tickets carry), with the default colour.
ALTER TABLE "tags" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "color" text DEFAULT 'gray' NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
DELETE FROM "tags" t WHERE EXISTS (
  SELECT 1 FROM "tags" o
  WHERE o.workspace_id = t.workspace_id AND lower(o.name) = lower(t.name) AND o.name <> t.name
    AND (o.created_at, o.name) < (t.created_at, t.name)
);--> statement-breakpoint
CREATE UNIQUE INDEX "tags_id_key" ON "tags" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_key" ON "tags" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
INSERT INTO "tags" ("workspace_id", "name")
SELECT DISTINCT ON (u.workspace_id, lower(u.name)) u.workspace_id, u.name
FROM (
  SELECT t.workspace_id, tag AS name, count(*) AS uses
  FROM "tickets" t, unnest(t.tags) AS tag
  GROUP BY t.workspace_id, tag
) u
WHERE NOT EXISTS (SELECT 1 FROM "tags" c WHERE c.workspace_id = u.workspace_id AND lower(c.name) = lower(u.name))
ORDER BY u.workspace_id, lower(u.name), u.uses DESC, u.name;--> statement-breakpoint
-- What admins set for the whole workspace (the reply guidelines); a channel's own are in its config.
ALTER TABLE "workspaces" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;
