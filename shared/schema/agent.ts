// Agents (the people who answer customers), their roles, and the sign-in payloads.
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'

export const roles = ['admin', 'supervisor', 'agent'] as const
export const roleSchema = z.enum(roles)
export type Role = z.infer<typeof roleSchema>

export const availabilities = ['online', 'away', 'offline'] as const
export const availabilitySchema = z.enum(availabilities)
export type Availability = z.infer<typeof availabilitySchema>

export const agentSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  teamIds: z.array(idSchema),
  /** Languages and product areas (lower case), matched by routing rules' `skill`. */
  skills: z.array(z.string()),
  /** How many open tickets the agent takes at once. */
  capacity: z.number().int(),
  availability: availabilitySchema,
  /** Open and pending tickets assigned to the agent now. */
  openTickets: z.number().int(),
  /** The agent's shift: a calendar; they are set online when it opens and offline when it closes. */
  shiftCalendarId: idSchema.nullable(),
  createdAt: isoTimeSchema,
})
export type Agent = z.infer<typeof agentSchema>

const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254))

export const createAgentSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  role: roleSchema.default('agent'),
  password: z.string().min(8).max(200),
})
export type CreateAgent = z.infer<typeof createAgentSchema>

export const updateAgentSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: roleSchema.optional(),
    skills: z.array(z.string().trim().toLowerCase().min(1).max(50)).max(50).optional(),
    capacity: z.number().int().min(0).max(1000).optional(),
    teamIds: z.array(idSchema).max(100).optional(),
    shiftCalendarId: idSchema.nullable().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change.')
export type UpdateAgent = z.infer<typeof updateAgentSchema>

export const setAvailabilitySchema = z.object({ status: availabilitySchema }).strict()

/** An agent going off shift hands their open tickets to a teammate or back to a team's queue. */
export const handoffSchema = z
  .object({
    toAgentId: idSchema.optional(),
    toTeamId: idSchema.optional(),
    note: z.string().trim().min(1).max(5000),
    /** Set the agent offline too (default true: a handoff is how a shift ends). */
    goOffline: z.boolean().default(true),
  })
  .strict()
  .refine((h) => (h.toAgentId ? 1 : 0) + (h.toTeamId ? 1 : 0) === 1, 'Name one toAgentId or one toTeamId.')
export type Handoff = z.infer<typeof handoffSchema>
export const handoffResultSchema = z.object({ ticketIds: z.array(idSchema) })

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
  /** The availability to start with (the app signs in `online`); absent, it stays as it was. */
  availability: availabilitySchema.optional(),
})

export const agentResponseSchema = z.object({ agent: agentSchema })
export const agentListSchema = z.object({ items: z.array(agentSchema) })

export const createTokenSchema = z.object({ name: z.string().trim().min(1).max(100) })
export const tokenResponseSchema = z.object({ token: z.string(), id: idSchema, name: z.string() })
