CREATE TABLE "saved_replies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"shortcut" text,
	"body" text NOT NULL,
	"language" text,
	"scope" text NOT NULL,
	"team_id" uuid,
	"owner_id" uuid,
	"scope_key" text NOT NULL,
	"folder" text,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"search" "tsvector",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "saved_replies" ADD CONSTRAINT "saved_replies_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_replies" ADD CONSTRAINT "saved_replies_owner_id_agents_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_replies_shortcut_key" ON "saved_replies" USING btree ("workspace_id","scope_key","shortcut",coalesce("language", '')) WHERE "saved_replies"."shortcut" is not null;--> statement-breakpoint
CREATE INDEX "saved_replies_workspace_idx" ON "saved_replies" USING btree ("workspace_id","scope");--> statement-breakpoint
CREATE INDEX "saved_replies_search_idx" ON "saved_replies" USING gin ("search");