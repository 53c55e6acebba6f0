// An agent's own signature per channel (GET /api/me/signatures, PUT /api/me/signatures/:channelId).
import { z } from 'zod'
import { idSchema } from './common.ts'

export const signatureSchema = z.object({ channelId: idSchema, body: z.string() })
export type Signature = z.infer<typeof signatureSchema>

/** An empty body removes the signature. */
export const setSignatureSchema = z.object({ body: z.string().trim().max(2000) })
export const signatureListSchema = z.object({ items: z.array(signatureSchema) })
export const signatureResponseSchema = z.object({ signature: signatureSchema })

/** The reply as it goes out: the draft, then the signature below a blank line (none when empty). */
export function withSignature(body: string, signature: string | undefined): string {
  return signature?.trim() ? `${body}\n\n${signature.trim()}` : body
}
