// Everything a signed-in agent's screens read from: the local database, its sync and outbox, and the
// directory (agents, teams, channels), the last kept in the local database too for offline starts.
import { type Accessor, createSignal } from 'solid-js'
import type { z } from 'zod'
import { type Agent, agentListSchema } from '../../shared/schema/agent.ts'
import { channelListSchema, type channelSchema } from '../../shared/schema/channel.ts'
import { type Team, teamListSchema } from '../../shared/schema/team.ts'
import { api } from './net/http.ts'
import { type LocalDb, openLocalDb, readMeta, writeMeta } from './offline/local-db.ts'
import { createOutbox, type Outbox } from './offline/outbox.ts'
import { createSyncClient, type SyncClient } from './offline/sync-client.ts'

export type Channel = z.infer<typeof channelSchema>

export interface Workspace {
  me: Agent
  db: LocalDb
  sync: SyncClient
  outbox: Outbox
  agents: Accessor<Agent[]>
  teams: Accessor<Team[]>
  channels: Accessor<Channel[]>
  /** The local database could not be opened and was built anew: writes that waited there are gone. */
  rebuilt: boolean
  /** Another tab of this agent owns the stored local database; this one works from memory. */
  inMemory: boolean
  /** Reads agents, teams and channels again (after a change to them). */
  refreshDirectory(): Promise<void>
  close(): Promise<void>
}

export async function openWorkspace(me: Agent): Promise<Workspace> {
  const local = await openLocalDb(me.id)
  const { db, rebuilt, inMemory } = local
  const [agents, setAgents] = createSignal<Agent[]>([])
  const [teams, setTeams] = createSignal<Team[]>([])
  const [channels, setChannels] = createSignal<Channel[]>([])
  const cached = JSON.parse((await readMeta(db, 'directory')) ?? 'null') as {
    agents: Agent[]
    teams: Team[]
    channels: Channel[]
  } | null
  if (cached) {
    setAgents(cached.agents)
    setTeams(cached.teams)
    setChannels(cached.channels)
  }
  const loadDirectory = async () => {
    const [a, t, c] = await Promise.all([
      api(agentListSchema, 'GET', '/api/agents'),
      api(teamListSchema, 'GET', '/api/teams'),
      api(channelListSchema, 'GET', '/api/channels'),
    ])
    setAgents(a.items)
    setTeams(t.items)
    setChannels(c.items)
    await writeMeta(db, 'directory', JSON.stringify({ agents: a.items, teams: t.items, channels: c.items }))
    // The sync stream carries no deletions; a removed channel (the sample ones) takes its tickets along.
    const removed = await db.query(
      `with gone as (delete from tickets where not (data->>'channelId' = any($1::text[])) returning id)
       delete from messages where ticket_id in (select id from gone)`,
      [c.items.map((channel) => channel.id)],
    )
    if (removed.affectedRows) sync.touch()
  }

  // Created before the sync client so that coming back online flushes what waited.
  let outbox: Outbox | null = null
  const sync = createSyncClient(db, () => {
    void outbox?.flush()
    void loadDirectory().catch(() => undefined)
  })
  outbox = createOutbox(db, () => void sync.pull())
  void loadDirectory().catch(() => undefined)
  void sync.pull()

  return {
    me,
    db,
    sync,
    outbox,
    agents,
    teams,
    channels,
    rebuilt,
    inMemory,
    refreshDirectory: loadDirectory,
    async close() {
      sync.close()
      await local.close()
    },
  }
}
