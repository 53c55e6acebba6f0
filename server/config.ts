// Reads the server's configuration from the environment (the table in README.md's configuration section).
import { z } from 'zod'
import { signInLimitsSchema } from './auth/login-throttle.ts'
import { priorityWeightsSchema } from './priority/priority-score.ts'

/** A variable holding JSON that must match `schema`. */
function json<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' })
        return z.NEVER
      }
    })
    .pipe(schema)
}

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  PUBLIC_URL: z.string().optional(),
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  SECRET_KEY: z.string().min(16).optional(),
  META_APP_SECRET: z.string().min(1).optional(),
  META_VERIFY_TOKEN: z.string().min(1).optional(),
  META_GRAPH_URL: z.url().default('https://graph.facebook.com'),
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default('v21.0'),
  /** Inbound mail for the email channels; 0 disables the listener. */
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SMTP_HOST: z.string().default('127.0.0.1'),
  /** Largest inbound mail (SMTP and the email webhook), in bytes; 25 MiB by default. */
  SMTP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  SMTP_MAX_RECIPIENTS: z.coerce.number().int().min(1).max(10_000).default(100),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
    .optional(),
  /** Weights of the priority score's factors, as JSON (server/priority/priority-score.ts). */
  PRIORITY_WEIGHTS: json(priorityWeightsSchema).default(priorityWeightsSchema.parse({})),
  /** How many failed sign-ins each limit allows in its window (server/auth/login-throttle.ts), as JSON. */
  SIGN_IN_LIMITS: json(signInLimitsSchema).default(signInLimitsSchema.parse({})),
  /** How often SLA warnings, breaches and time-based rules are looked for. */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** Tests only: the server's clock can be moved (POST /api/test/clock). Refused with NODE_ENV=production. */
  TEST_CLOCK: z.enum(['0', '1']).default('0'),
  NODE_ENV: z.string().optional(),
  REOPEN_WINDOW_DAYS: z.coerce.number().min(0).max(365).default(7),
  /** A ticket's shared document nobody has open leaves memory after this long. */
  DOCUMENT_UNLOAD_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /** How often the chat and collaboration sockets are pinged; a socket that missed the last ping is closed. */
  SOCKET_HEARTBEAT_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /**
   * How many proxies in front of the server append to X-Forwarded-For (0: none, the connection's address
   * is the client's). Read only when set: otherwise any client could name itself anyone.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
})

export type Config = z.infer<typeof configSchema> & { publicUrl: string }

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')))
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid configuration: ${problems.join('; ')}`)
  }
  const config = parsed.data
  if (config.TEST_CLOCK === '1' && config.NODE_ENV === 'production') {
    throw new Error('Invalid configuration: TEST_CLOCK lets anyone signed in as admin move the clock; never in production')
  }
  return { ...config, publicUrl: config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}` }
}
