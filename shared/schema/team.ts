// Teams group agents; a ticket can belong to one team.
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'

export const teamSchema = z.object({
  id: idSchema,
  name: z.string(),
  agentIds: z.array(idSchema),
  createdAt: isoTimeSchema,
})
export type Team = z.infer<typeof teamSchema>

export const createTeamSchema = z.object({
  name: z.string().trim().min(1).max(100),
  agentIds: z.array(idSchema).max(1000).default([]),
})

export const teamResponseSchema = z.object({ team: teamSchema })
export const teamListSchema = z.object({ items: z.array(teamSchema) })
