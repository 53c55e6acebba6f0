// Agents (the people who answer customers), their roles, and the sign-in payloads.
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'

export const roles = ['admin', 'supervisor', 'agent'] as const
export const roleSchema = z.enum(roles)
export type Role = z.infer<typeof roleSchema>

export const agentSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  teamIds: z.array(idSchema),
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

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
})

export const agentResponseSchema = z.object({ agent: agentSchema })
export const agentListSchema = z.object({ items: z.array(agentSchema) })

export const createTokenSchema = z.object({ name: z.string().trim().min(1).max(100) })
export const tokenResponseSchema = z.object({ token: z.string(), id: idSchema, name: z.string() })
