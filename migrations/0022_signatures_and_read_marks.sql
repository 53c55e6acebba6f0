CREATE TABLE "agent_signatures" (
	"agent_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agent_signatures_agent_id_channel_id_pk" PRIMARY KEY("agent_id","channel_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_reads" (
	"agent_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"seen_at" timestamp with time zone,
	CONSTRAINT "ticket_reads_agent_id_ticket_id_pk" PRIMARY KEY("agent_id","ticket_id")
);
--> statement-breakpoint
ALTER TABLE "agent_signatures" ADD CONSTRAINT "agent_signatures_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_signatures" ADD CONSTRAINT "agent_signatures_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_reads" ADD CONSTRAINT "ticket_reads_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_reads" ADD CONSTRAINT "ticket_reads_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;