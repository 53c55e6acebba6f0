// Which email channel a recipient address belongs to: the channel whose address it is, matched
// case-insensitively, a plus-address (support+123@…) belonging to its base address. One query per
// lookup, so a channel added a moment ago receives mail at once.
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/create-db.ts'
import { channels } from '../../db/schema/channels.ts'
import { baseAddress, canonicalAddress } from './email-address.ts'
import type { EmailChannel } from './normalise-email.ts'

export async function findEmailChannelByAddress(db: Db, address: string): Promise<EmailChannel | null> {
  const exact = canonicalAddress(address)
  if (!exact) return null
  const candidates = [...new Set([exact, baseAddress(exact)])]
  const found = await db
    .select({ id: channels.id, workspaceId: channels.workspaceId, address: sql<string>`${channels.config} ->> 'address'` })
    .from(channels)
    .where(and(eq(channels.kind, 'email'), inArray(sql`${channels.config} ->> 'address'`, candidates)))
  // An address configured with a plus in it wins over the base address it would otherwise fall to.
  return found.find((c) => c.address === exact) ?? found[0] ?? null
}
