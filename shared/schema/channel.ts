// Channels: where customers write from. Secrets in a config are accepted, encrypted at rest, never returned.
import { z } from 'zod'
import { channelKindSchema, idSchema, isoTimeSchema } from './common.ts'

/** Settings every channel takes (automatic messages and business hours come with their issues). */
const commonConfig = {
  welcomeMessage: z.string().max(2000).optional(),
  awayMessage: z.string().max(2000).optional(),
  calendarId: idSchema.optional(),
}

const secret = z.string().min(1).max(4096)

/**
 * The websites a chat channel's widget may run on, as origins (`https://shop.example`, no path). Unset:
 * any site (the widget carries no cookie, and a visitor's token stays in their own site's storage).
 */
export const allowedOriginsSchema = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/, 'an origin: http(s)://host[:port], no path'),
  )
  .max(100)

export const channelConfigSchemas = {
  messenger: z.object({ ...commonConfig, pageId: z.string().min(1).max(64), pageAccessToken: secret }),
  instagram: z.object({
    ...commonConfig,
    igUserId: z.string().min(1).max(64),
    pageId: z.string().min(1).max(64),
    accessToken: secret,
  }),
  whatsapp: z.object({
    ...commonConfig,
    phoneNumberId: z.string().min(1).max(64),
    businessAccountId: z.string().min(1).max(64),
    accessToken: secret,
    displayPhoneNumber: z.string().min(1).max(32),
  }),
  email: z.object({
    ...commonConfig,
    address: z.string().trim().toLowerCase().pipe(z.email()),
    fromName: z.string().max(200).optional(),
    /** Bearer secret for POST /webhooks/email/:channelId (mail forwarded over HTTP by a provider). */
    inboundSecret: z.string().min(16).max(200).optional(),
  }),
  chat: z.object({ ...commonConfig, allowedOrigins: allowedOriginsSchema.optional() }),
  form: z.object(commonConfig),
} as const

/** Config keys that are secrets: split off, encrypted, never sent back. */
export const secretConfigKeys: readonly string[] = ['pageAccessToken', 'accessToken', 'inboundSecret']

export const createChannelSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('messenger'), name: z.string().trim().min(1).max(100), config: channelConfigSchemas.messenger }),
  z.object({ kind: z.literal('instagram'), name: z.string().trim().min(1).max(100), config: channelConfigSchemas.instagram }),
  z.object({ kind: z.literal('whatsapp'), name: z.string().trim().min(1).max(100), config: channelConfigSchemas.whatsapp }),
  z.object({ kind: z.literal('email'), name: z.string().trim().min(1).max(100), config: channelConfigSchemas.email }),
  z.object({ kind: z.literal('chat'), name: z.string().trim().min(1).max(100), config: channelConfigSchemas.chat }),
  z.object({ kind: z.literal('form'), name: z.string().trim().min(1).max(100), config: channelConfigSchemas.form }),
])
export type CreateChannel = z.infer<typeof createChannelSchema>

/** What an admin changes on a channel later: its name and the settings every channel takes (null clears). */
export const updateChannelSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    welcomeMessage: z.string().max(2000).nullable().optional(),
    awayMessage: z.string().max(2000).nullable().optional(),
    calendarId: idSchema.nullable().optional(),
    /** Chat channels only: the websites the widget may run on (null: any site). */
    allowedOrigins: allowedOriginsSchema.nullable().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change.')
export type UpdateChannel = z.infer<typeof updateChannelSchema>

export const channelSchema = z.object({
  id: idSchema,
  kind: channelKindSchema,
  name: z.string(),
  /** The config without its secrets. */
  config: z.record(z.string(), z.unknown()),
  /** Names of the secret keys that are set (their values are never returned). */
  secretsSet: z.array(z.string()),
  /** Where the channel's provider delivers to, when it is a URL of ours. */
  webhookUrl: z.string().nullable(),
  /** Chat channels: the script tag a website adds to show the widget. */
  widgetSnippet: z.string().nullable(),
  createdAt: isoTimeSchema,
})
export type Channel = z.infer<typeof channelSchema>

export const channelResponseSchema = z.object({ channel: channelSchema })
export const channelListSchema = z.object({ items: z.array(channelSchema) })
