// Automation rules: on an event, when the conditions hold, the
// actions run in order. Unknown fields, operators and action types are refused here, at the edge.
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'
import { prioritySchema, ticketStatusSchema } from './ticket.ts'

export const ruleEvents = ['ticket_created', 'message_received', 'ticket_updated', 'time_elapsed'] as const
export const ruleEventSchema = z.enum(ruleEvents)
export type RuleEvent = z.infer<typeof ruleEventSchema>

export const conditionFields = [
  'channelKind',
  'channelId',
  'text',
  'language',
  'tag',
  'priority',
  'status',
  'withinBusinessHours',
  'sentiment',
  'minutesSinceCustomerMessage',
  'minutesSinceUpdate',
  // Contact attributes: e.g. contactEmail contains "@bigcorp.com".
  'contactName',
  'contactEmail',
  'contactPhone',
] as const
export const conditionOps = ['eq', 'neq', 'in', 'contains', 'gt', 'lt'] as const

const scalar = z.union([z.string().max(200), z.number(), z.boolean()])
export const conditionSchema = z
  .object({
    field: z.enum(conditionFields),
    op: z.enum(conditionOps),
    value: z.union([scalar, z.array(scalar).max(200)]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const numeric = c.field === 'minutesSinceCustomerMessage' || c.field === 'minutesSinceUpdate' || c.field === 'sentiment'
    if (c.op === 'in' && !Array.isArray(c.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: '"in" takes a list' })
    if (c.op !== 'in' && Array.isArray(c.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: `"${c.op}" takes one value, not a list` })
    if ((c.op === 'gt' || c.op === 'lt') && (!numeric || typeof c.value !== 'number'))
      ctx.addIssue({ code: 'custom', path: ['op'], message: `"${c.op}" compares numbers (minutes, sentiment)` })
    if (c.op === 'contains' && c.field !== 'text' && c.field !== 'tag' && !c.field.startsWith('contact'))
      ctx.addIssue({ code: 'custom', path: ['op'], message: '"contains" applies to text, tag and the contact fields' })
    if (c.field === 'withinBusinessHours' && typeof c.value !== 'boolean')
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'withinBusinessHours is true or false' })
  })
export type Condition = z.infer<typeof conditionSchema>

export const ruleConditionsSchema = z
  .object({ all: z.array(conditionSchema).max(50).optional(), any: z.array(conditionSchema).max(50).optional() })
  .strict()
export type RuleConditions = z.infer<typeof ruleConditionsSchema>

const body = z.string().trim().min(1).max(5000)
const skill = z.string().trim().toLowerCase().min(1).max(50)
const tag = z.string().trim().min(1).max(50)
// The actions that change a ticket's fields; macros (shared/schema/macro.ts) take these too.
export const assignTeamActionSchema = z.object({ type: z.literal('assign_team'), teamId: idSchema }).strict()
export const assignAgentActionSchema = z.object({ type: z.literal('assign_agent'), agentId: idSchema }).strict()
export const setPriorityActionSchema = z.object({ type: z.literal('set_priority'), priority: prioritySchema }).strict()
export const addTagActionSchema = z.object({ type: z.literal('add_tag'), tag }).strict()
export const removeTagActionSchema = z.object({ type: z.literal('remove_tag'), tag }).strict()
export const setStatusActionSchema = z.object({ type: z.literal('set_status'), status: ticketStatusSchema }).strict()

export const ruleActionSchema = z.discriminatedUnion('type', [
  assignTeamActionSchema,
  assignAgentActionSchema,
  z.object({ type: z.literal('assign_round_robin'), teamId: idSchema.optional(), skill: skill.optional() }).strict(),
  z.object({ type: z.literal('assign_least_loaded'), teamId: idSchema.optional(), skill: skill.optional() }).strict(),
  setPriorityActionSchema,
  addTagActionSchema,
  removeTagActionSchema,
  setStatusActionSchema,
  z.object({ type: z.literal('send_reply'), body }).strict(),
  z.object({ type: z.literal('add_note'), body }).strict(),
  z
    .object({ type: z.literal('notify'), agentId: idSchema.optional(), teamId: idSchema.optional() })
    .strict()
    .refine((a) => (a.agentId ? 1 : 0) + (a.teamId ? 1 : 0) === 1, 'notify names one agentId or one teamId'),
])
export type RuleAction = z.infer<typeof ruleActionSchema>

export const createRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    event: ruleEventSchema,
    conditions: ruleConditionsSchema.default({}),
    actions: z.array(ruleActionSchema).min(1).max(20),
    stop: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const timed = [...(rule.conditions.all ?? []), ...(rule.conditions.any ?? [])].some(
      (c) => (c.field === 'minutesSinceCustomerMessage' || c.field === 'minutesSinceUpdate') && c.op === 'gt',
    )
    // The scheduler looks for the tickets that cross such a threshold; it fires the rule at that moment.
    if (rule.event === 'time_elapsed' && !timed)
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'A time_elapsed rule needs a minutesSinceCustomerMessage or minutesSinceUpdate condition with "gt"',
      })
  })
export type CreateRule = z.infer<typeof createRuleSchema>

export const updateRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    event: ruleEventSchema.optional(),
    conditions: ruleConditionsSchema.optional(),
    actions: z.array(ruleActionSchema).min(1).max(20).optional(),
    stop: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change.')
export type UpdateRule = z.infer<typeof updateRuleSchema>

export const ruleSchema = z.object({
  id: idSchema,
  name: z.string(),
  event: ruleEventSchema,
  conditions: ruleConditionsSchema,
  actions: z.array(ruleActionSchema),
  stop: z.boolean(),
  enabled: z.boolean(),
  createdAt: isoTimeSchema,
})
export type Rule = z.infer<typeof ruleSchema>

export const ruleResponseSchema = z.object({ rule: ruleSchema })
export const ruleListSchema = z.object({ items: z.array(ruleSchema) })
