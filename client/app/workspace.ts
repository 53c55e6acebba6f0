// Everything a signed-in agent's screens read from: the local database (opening in its worker), its sync
// and outbox, and the directory (agents, teams, channels), the tag list and the reply guidelines, all kept
// in localStorage so a start, even offline, names people and teams and colours tags at once. Made synchronously: no screen waits for the database to open.
import { type Accessor, createMemo, createSignal } from 'solid-js'
import { z } from 'zod'
import { type Agent, agentListSchema, agentSchema } from '../../shared/schema/agent.ts'
import { channelListSchema, channelSchema } from '../../shared/schema/channel.ts'
import { type Guidelines, guidelinesSchema } from '../../shared/schema/guidelines.ts'
import { type Tag, tagListSchema, tagSchema } from '../../shared/schema/tag.ts'
import { type Team, teamListSchema, teamSchema } from '../../shared/schema/team.ts'
import { pullReads } from './inbox/read-marks.ts'
import { api } from './net/http.ts'
import { cachedValue } from './offline/cached-value.ts'
import { deviceKey } from './offline/device-data.ts'
import { type LocalDb, openLocalDb } from './offline/local-db.ts'
import { createOutbox, type Outbox } from './offline/outbox.ts'
import { createSyncClient, type SyncClient } from './offline/sync-client.ts'
import { afterFirstPaint } from './ui/after-first-paint.ts'
import { afterFirstRows } from './ui/after-first-rows.ts'

export type Channel = z.infer<typeof channelSchema>

export interface Workspace {
  me: Agent
  /** Usable at once; its queries resolve once the database has opened in its worker. */
  db: LocalDb
  sync: SyncClient
  outbox: Outbox
  agents: Accessor<Agent[]>
  teams: Accessor<Team[]>
  channels: Accessor<Channel[]>
  /** The workspace's tags, read again whenever the server says the list changed. */
  tags: Accessor<Tag[]>
  /** A tag's colour, whatever the case of the name; undefined for a tag the list does not hold. */
  tagColor(name: string): string | undefined
  /** The local database could not be opened and was built anew: writes that waited there are gone. */
  rebuilt: Accessor<boolean>
  /** Reads agents, teams and channels again (after a change to them). */
  refreshDirectory(): Promise<void>
  /** Reads the tag list again (after a change to it). */
  refreshTags(): Promise<void>
  /** The reply guidelines of the workspace and of each channel that has its own. */
  guidelines: Accessor<Guidelines>
  refreshGuidelines(): Promise<void>
  close(): Promise<void>
}

const directorySchema = z.object({ agents: z.array(agentSchema), teams: z.array(teamSchema), channels: z.array(channelSchema) })

export function openWorkspace(me: Agent): Workspace {
  const local = openLocalDb(me.id)
  const { db } = local
  const cached = directorySchema.safeParse(JSON.parse(localStorage.getItem(deviceKey(me.id, 'directory')) ?? 'null'))
  const [agents, setAgents] = createSignal<Agent[]>(cached.success ? cached.data.agents : [])
  const [teams, setTeams] = createSignal<Team[]>(cached.success ? cached.data.teams : [])
  const [channels, setChannels] = createSignal<Channel[]>(cached.success ? cached.data.channels : [])
  const tagList = cachedValue(
    me.id,
    'tags',
    z.array(tagSchema),
    [],
    async () => (await api(tagListSchema, 'GET', '/api/tags')).items,
  )
  const tags = tagList.value
  const guidelineText = cachedValue(me.id, 'guidelines', guidelinesSchema, { workspace: '', channels: {} }, () =>
    api(guidelinesSchema, 'GET', '/api/guidelines'),
  )
  const colors = createMemo(() => new Map(tags().map((tag) => [tag.name.toLowerCase(), tag.color])))
  const [rebuilt, setRebuilt] = createSignal(false)
  void local.rebuilt().then(setRebuilt, () => undefined)

  const loadDirectory = async () => {
    const [a, t, c] = await Promise.all([
      api(agentListSchema, 'GET', '/api/agents'),
      api(teamListSchema, 'GET', '/api/teams'),
      api(channelListSchema, 'GET', '/api/channels'),
    ])
    setAgents(a.items)
    setTeams(t.items)
    setChannels(c.items)
    localStorage.setItem(deviceKey(me.id, 'directory'), JSON.stringify({ agents: a.items, teams: t.items, channels: c.items }))
    // The sync stream carries no deletions; a removed channel (the sample ones) takes its tickets along.
    const removed = await db.query(
      `with gone as (delete from tickets where data->>'channelId' not in (select jsonb_array_elements_text($1::jsonb)) returning id)
       delete from messages where ticket_id in (select id from gone)`,
      [JSON.stringify(c.items.map((channel) => channel.id))],
    )
    if (removed.affectedRows) sync.touch()
  }

  const loadTags = tagList.load
  // Created before the sync client so that coming back online flushes what waited.
  let outbox: Outbox | null = null
  const sync = createSyncClient(db, local.ready, () => {
    void outbox?.flush()
    void loadDirectory().catch(() => undefined)
    void loadTags().catch(() => undefined)
    void guidelineText.load().catch(() => undefined)
  })
  outbox = createOutbox(
    db,
    () => void sync.pull(),
    (ids) => sync.touch(ids),
  )
  sync.onReads(() => void local.ready.then(() => pullReads(db, sync)).catch(() => undefined))
  // Renamed and recoloured tags show at once; the tickets they were renamed on come through the sync.
  sync.onTags(() => void loadTags().catch(() => undefined))
  // The directory, tags and guidelines show from their kept copies and are read again once the first
  // screen is up; the database boots once the inbox has its first rows.
  afterFirstPaint(() => {
    afterFirstRows(local.start)
    void loadDirectory().catch(() => undefined)
    void loadTags().catch(() => undefined)
    void guidelineText.load().catch(() => undefined)
  })

  return {
    me,
    db,
    sync,
    outbox,
    agents,
    teams,
    channels,
    tags,
    tagColor: (name) => colors().get(name.toLowerCase()),
    rebuilt,
    refreshDirectory: loadDirectory,
    refreshTags: loadTags,
    guidelines: guidelineText.value,
    refreshGuidelines: guidelineText.load,
    async close() {
      sync.close()
      await local.close()
    },
  }
}
