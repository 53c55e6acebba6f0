// Contacts: one customer profile across channels, joined by identities (email, phone, social ids).
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'

export const identityKinds = ['email', 'phone', 'messenger', 'instagram', 'whatsapp', 'chat'] as const
export const identityKindSchema = z.enum(identityKinds)
export type IdentityKind = z.infer<typeof identityKindSchema>

export const identitySchema = z.object({ kind: identityKindSchema, value: z.string() })
export type Identity = z.infer<typeof identitySchema>

/** An identity as a profile lists it: with the id DELETE /api/contacts/:id/identities/:identityId takes. */
export const contactIdentitySchema = identitySchema.extend({ id: idSchema })

export const contactSchema = z.object({
  id: idSchema,
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  /** When the customer opted out of marketing messages (WhatsApp); null while they have not. */
  marketingOptOutAt: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
})
export type Contact = z.infer<typeof contactSchema>

export const contactListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})

export const mergeContactSchema = z.object({ sourceId: idSchema })
export const contactResponseSchema = z.object({ contact: contactSchema })

export const addIdentitySchema = identitySchema.extend({ value: z.string().trim().min(1).max(320) })
export const identityResponseSchema = z.object({ identity: identitySchema })
