// A workspace for the rules bench, written straight into a fresh database: a WhatsApp channel, agents
// with languages and capacity, 200 active rules of every kind of condition (most of which do not match a
// given message, as in a real rule set), and an SLA policy.
import { sql } from 'drizzle-orm'
import type { Db } from '../../server/db/create-db.ts'
import { insertJsonRecords } from '../../server/db/json-records.ts'
import { newId } from '../../server/db/new-id.ts'
import type { CreateRule } from '../../shared/schema/rule.ts'
import { createRuleSchema } from '../../shared/schema/rule.ts'

export interface RulesWorkspace {
  workspaceId: string
  channelId: string
}

const languages = ['ja', 'en', 'es', 'fr', 'de', 'pt', 'zh', 'ko', 'th']
const words = [
  'refund',
  'broken',
  'invoice',
  'password',
  'shipping',
  '返品',
  '請求書',
  '退款',
  'factura',
  'livraison',
  'rechnung',
  'senha',
  '배송',
  'จัดส่ง',
]

/** The i-th of the bench's rules: a spread of events, conditions and actions. */
export function benchRule(i: number, teamId: string): CreateRule {
  const word = words[i % words.length]!
  const language = languages[i % languages.length]!
  const kinds: CreateRule[] = [
    {
      name: `words ${i}`,
      event: 'message_received',
      conditions: {
        any: [
          { field: 'text', op: 'contains', value: `${word}${i}` },
          { field: 'text', op: 'contains', value: word },
        ],
      },
      actions: [{ type: 'add_tag', tag: `topic-${i % 20}` }],
      stop: false,
      enabled: true,
    },
    {
      name: `language ${i}`,
      event: 'ticket_created',
      conditions: {
        all: [
          { field: 'language', op: 'eq', value: language },
          { field: 'channelKind', op: 'eq', value: 'whatsapp' },
        ],
      },
      actions: [{ type: 'assign_least_loaded', skill: language, teamId }],
      stop: false,
      enabled: true,
    },
    {
      name: `vip ${i}`,
      event: 'message_received',
      conditions: {
        all: [
          { field: 'tag', op: 'contains', value: 'vip' },
          { field: 'sentiment', op: 'lt', value: -0.2 },
        ],
      },
      actions: [{ type: 'set_priority', priority: 'urgent' }],
      stop: false,
      enabled: true,
    },
    {
      name: `hours ${i}`,
      event: 'ticket_created',
      conditions: {
        all: [
          { field: 'withinBusinessHours', op: 'eq', value: false },
          { field: 'priority', op: 'in', value: ['high', 'urgent'] },
        ],
      },
      actions: [{ type: 'add_note', body: 'Arrived out of hours.' }],
      stop: false,
      enabled: true,
    },
  ]
  return createRuleSchema.parse(kinds[i % kinds.length])
}

export async function seedRulesWorkspace(db: Db, ruleCount: number): Promise<RulesWorkspace> {
  const workspaceId = newId()
  const channelId = newId()
  const teamId = newId()
  await db.execute(sql`insert into workspaces (id, name) values (${workspaceId}, 'Bench')`)
  await db.execute(
    sql`insert into channels (id, workspace_id, kind, name, config) values (${channelId}, ${workspaceId}, 'whatsapp', 'Bench', '{}'::jsonb)`,
  )
  await db.execute(sql`insert into teams (id, workspace_id, name) values (${teamId}, ${workspaceId}, 'Support')`)
  const agents = Array.from({ length: 30 }, (_, i) => ({
    id: newId(),
    workspaceId,
    email: `bench-agent-${i}-${workspaceId.slice(0, 8)}@example.com`,
    name: `Agent ${i}`,
    role: 'agent',
    passwordHash: 'x',
    availability: i % 3 === 0 ? 'offline' : 'online',
    skills: JSON.stringify([languages[i % languages.length], languages[(i + 1) % languages.length]]),
    capacity: 1_000_000,
  }))
  await db.execute(
    insertJsonRecords('agents', agents, {
      id: 'uuid',
      workspaceId: 'uuid',
      email: 'text',
      name: 'text',
      role: 'text',
      passwordHash: 'text',
      availability: 'text',
      capacity: 'integer',
    }),
  )
  await db.execute(sql`update agents a set skills = array(select jsonb_array_elements_text(v.skills))
    from jsonb_to_recordset(${JSON.stringify(agents.map((a) => ({ id: a.id, skills: JSON.parse(a.skills) })))}::jsonb) as v(id uuid, skills jsonb)
    where a.id = v.id`)
  await db.execute(
    sql`insert into team_members (workspace_id, team_id, agent_id) select ${workspaceId}::uuid, ${teamId}::uuid, id from agents where workspace_id = ${workspaceId}`,
  )
  const rules = Array.from({ length: ruleCount }, (_, i) => {
    const rule = benchRule(i, teamId)
    return { id: newId(), workspaceId, name: rule.name, event: rule.event, conditions: rule.conditions, actions: rule.actions }
  })
  if (rules.length) {
    await db.execute(
      insertJsonRecords('rules', rules, {
        id: 'uuid',
        workspaceId: 'uuid',
        name: 'text',
        event: 'text',
        conditions: 'jsonb',
        actions: 'jsonb',
      }),
    )
  }
  await db.execute(
    sql`insert into sla_policies (id, workspace_id, name, targets) values (${newId()}, ${workspaceId}, 'Bench', '{"firstReplyMinutes":60,"nextReplyMinutes":120,"resolutionMinutes":2880}'::jsonb)`,
  )
  return { workspaceId, channelId }
}
