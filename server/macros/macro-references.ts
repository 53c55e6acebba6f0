// What a macro names (tags, teams, agents) and whether each still exists: refused when a macro is saved,
// skipped with a notice when it runs (server/macros/run-macro.ts), since a tag or team can go in between.
import { and, eq } from 'drizzle-orm'
import type { MacroAction } from '../../shared/schema/macro.ts'
import type { Db } from '../db/create-db.ts'
import { agents, teams } from '../db/schema/agents.ts'
import { tagExists } from '../tags/find-tag.ts'

/** Why the action cannot be done any more, or null when what it names exists. */
export async function missingReference(db: Db, workspaceId: string, action: MacroAction): Promise<string | null> {
  switch (action.type) {
    case 'add_tag':
    case 'remove_tag':
      return (await tagExists(db, workspaceId, action.tag)) ? null : `The tag “${action.tag}” is not in the tag list.`
    case 'assign_team': {
      const [team] = await db
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.id, action.teamId), eq(teams.workspaceId, workspaceId)))
      return team ? null : `No team ${action.teamId}.`
    }
    case 'assign_agent': {
      const [agent] = await db
        .select({ id: agents.id })
        .from(agents)
        .where(and(eq(agents.id, action.agentId), eq(agents.workspaceId, workspaceId)))
      return agent ? null : `No agent ${action.agentId}.`
    }
    default:
      return null
  }
}
