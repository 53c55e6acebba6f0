// Macros: one named action an agent runs on a ticket or a selection, inserting a saved reply into the draft
// and setting tags, status, priority, team, assignee or a snooze. The actions are the rules' ticket-changing
// actions (shared/schema/rule.ts) plus a snooze; nothing a macro does sends a message by itself.
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'
import {
  addTagActionSchema,
  assignAgentActionSchema,
  assignTeamActionSchema,
  removeTagActionSchema,
  setPriorityActionSchema,
  setStatusActionSchema,
} from './rule.ts'

export const macroActionSchema = z.discriminatedUnion('type', [
  assignTeamActionSchema,
  assignAgentActionSchema,
  setPriorityActionSchema,
  addTagActionSchema,
  removeTagActionSchema,
  setStatusActionSchema,
  /** Snoozes for so many minutes from the run (up to a year). */
  z.object({ type: z.literal('snooze'), minutes: z.number().int().min(1).max(525_600) }).strict(),
])
export type MacroAction = z.infer<typeof macroActionSchema>

const name = z.string().trim().min(1).max(100)
const actions = z.array(macroActionSchema).max(20)

export const createMacroSchema = z
  .object({ name, savedReplyId: idSchema.nullable().optional(), actions: actions.default([]) })
  .strict()
  .refine((m) => m.actions.length > 0 || m.savedReplyId, 'A macro needs a saved reply or at least one action.')
export type CreateMacro = z.infer<typeof createMacroSchema>

export const updateMacroSchema = z
  .object({ name: name.optional(), savedReplyId: idSchema.nullable().optional(), actions: actions.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change.')
export type UpdateMacro = z.infer<typeof updateMacroSchema>

export const macroSchema = z.object({
  id: idSchema,
  name: z.string(),
  savedReplyId: idSchema.nullable(),
  actions: z.array(macroActionSchema),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
})
export type Macro = z.infer<typeof macroSchema>

export const macroResponseSchema = z.object({ macro: macroSchema })
export const macroListSchema = z.object({ items: z.array(macroSchema) })

export const runMacroSchema = z.object({ ticketIds: z.array(idSchema).min(1).max(200) }).strict()
export type RunMacro = z.infer<typeof runMacroSchema>

/** A step of the macro left out on one ticket (its tag or team is gone, its reply no longer there): a notice, not a failure. */
export const skippedStepSchema = z.object({
  action: z.union([macroActionSchema, z.object({ type: z.literal('insert_reply'), savedReplyId: idSchema })]),
  reason: z.string(),
})
export type SkippedStep = z.infer<typeof skippedStepSchema>

export const macroRunResultSchema = z.object({
  ticketId: idSchema,
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  skipped: z.array(skippedStepSchema).optional(),
  /** The macro's saved reply filled in for the ticket, when it ran on one ticket: the client puts it in the draft. */
  reply: z.object({ body: z.string(), unresolved: z.array(z.string()) }).optional(),
})
export type MacroRunResult = z.infer<typeof macroRunResultSchema>
export const macroRunResponseSchema = z.object({ results: z.array(macroRunResultSchema) })
