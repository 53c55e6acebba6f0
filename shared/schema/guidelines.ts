// Reply guidelines: a short tone-and-style guide for the workspace and, optionally, for each channel,
// shown beside the reply composer (GET /api/guidelines; PUT /api/guidelines, admins).
import { z } from 'zod'
import { idSchema } from './common.ts'

export const maxGuidelinesLength = 5000

const guidelinesText = z.string().trim().max(maxGuidelinesLength, `At most ${maxGuidelinesLength} characters`)

/** The workspace's stored settings (workspaces.settings). */
export const workspaceSettingsSchema = z.object({ guidelines: z.string().optional() })
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>

/** The workspace's guidelines ('' when none) and each channel's that has its own. */
export const guidelinesSchema = z.object({
  workspace: z.string(),
  channels: z.record(idSchema, z.string()),
})
export type Guidelines = z.infer<typeof guidelinesSchema>

/** Either part, or both; '' clears. A channel left out keeps its guidelines. */
export const updateGuidelinesSchema = z
  .object({
    workspace: guidelinesText.optional(),
    channels: z
      .record(idSchema, guidelinesText)
      .refine((channels) => Object.keys(channels).length <= 500, 'At most 500 channels at once')
      .optional(),
  })
  .strict()
  .refine((input) => input.workspace !== undefined || input.channels !== undefined, 'Give workspace, channels, or both.')
export type UpdateGuidelines = z.infer<typeof updateGuidelinesSchema>
