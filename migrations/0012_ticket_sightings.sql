CREATE TABLE "ticket_sightings" (
	"agent_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "ticket_sightings_agent_id_ticket_id_pk" PRIMARY KEY("agent_id","ticket_id")
);
--> statement-breakpoint
ALTER TABLE "ticket_sightings" ADD CONSTRAINT "ticket_sightings_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sightings" ADD CONSTRAINT "ticket_sightings_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;