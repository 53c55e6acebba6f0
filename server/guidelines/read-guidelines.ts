// GET /api/guidelines: the workspace's reply guidelines and each channel's own (kept in the channel's
// config beside its welcome and away messages). Everyone reads them: the composer shows them.
import { eq } from 'drizzle-orm'
import type { Guidelines } from '../../shared/schema/guidelines.ts'
import type { Db } from '../db/create-db.ts'
import { channels } from '../db/schema/channels.ts'
import { workspaces } from '../db/schema/workspaces.ts'

export async function readGuidelines(db: Db, workspaceId: string): Promise<Guidelines> {
  const [workspace] = await db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId))
  const found = await db
    .select({ id: channels.id, config: channels.config })
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId))
  return {
    workspace: workspace?.settings.guidelines ?? '',
    channels: Object.fromEntries(
      found.flatMap((c) => (typeof c.config.guidelines === 'string' && c.config.guidelines ? [[c.id, c.config.guidelines]] : [])),
    ),
  }
}
