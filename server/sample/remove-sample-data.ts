// Removes every sample conversation in one transaction: the sample channels and all that hangs off them
// (tickets, messages, files, outbox rows, document updates, SLA and rule records, raw events), and the
// contacts left with no ticket. The audit log keeps its lines: it is append-only by design.
import { sql } from 'drizzle-orm'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { rows } from '../db/rows.ts'

export async function removeSampleData(db: Db, actor: Actor): Promise<{ tickets: number }> {
  return db.transaction(async (tx) => {
    const sampleChannels = sql`(select id from channels where workspace_id = ${actor.workspaceId}::uuid and config ->> 'sample' = 'true')`
    const sampleTickets = sql`(select id from tickets where channel_id in ${sampleChannels})`
    const sampleMessages = sql`(select id from messages where ticket_id in ${sampleTickets})`
    const found = await rows<{ id: string; contact_id: string }>(
      tx,
      sql`select id, contact_id from tickets where channel_id in ${sampleChannels}`,
    )
    await tx.execute(sql`delete from outbox where message_id in ${sampleMessages} or channel_id in ${sampleChannels}`)
    await tx.execute(sql`delete from attachments where message_id in ${sampleMessages}`)
    await tx.execute(sql`delete from messages where ticket_id in ${sampleTickets}`)
    await tx.execute(sql`delete from collab_updates where ticket_id in ${sampleTickets}`)
    await tx.execute(sql`delete from sla_events where ticket_id in ${sampleTickets}`)
    await tx.execute(sql`delete from rule_firings where ticket_id in ${sampleTickets}`)
    await tx.execute(sql`delete from notifications where ticket_id in ${sampleTickets}`)
    await tx.execute(sql`delete from inbound_events where channel_id in ${sampleChannels}`)
    await tx.execute(sql`delete from tickets where channel_id in ${sampleChannels}`)
    await tx.execute(sql`delete from templates where channel_id in ${sampleChannels}`)
    await tx.execute(sql`delete from channels where id in ${sampleChannels}`)
    const ids = [...new Set(found.map((row) => row.contact_id))]
    if (ids.length) {
      const orphans = sql`(select c.id from contacts c where c.id in (select (value #>> '{}')::uuid from jsonb_array_elements(${JSON.stringify(ids)}::jsonb))
        and not exists (select 1 from tickets t where t.contact_id = c.id) and not exists (select 1 from contacts m where m.merged_into_id = c.id))`
      await tx.execute(sql`delete from contact_identities where contact_id in ${orphans}`)
      await tx.execute(sql`delete from contacts where id in ${orphans}`)
    }
    return { tickets: found.length }
  })
}
