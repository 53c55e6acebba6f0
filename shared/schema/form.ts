// The web-form channel's submission (POST /webhooks/form/:channelId), JSON or form-encoded.
import { z } from 'zod'

/** Bots fill every field they see; people never see this one. */
export const honeypotField = 'website'

export const formSubmissionSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  phone: z.string().trim().max(40).optional(),
  subject: z.string().trim().max(300).optional(),
  message: z.string().trim().min(1).max(50_000),
  [honeypotField]: z.string().max(2000).optional(),
})
export type FormSubmission = z.infer<typeof formSubmissionSchema>

export const formAcceptedSchema = z.object({ ok: z.literal(true), ticketNumber: z.number().int().nullable() })
