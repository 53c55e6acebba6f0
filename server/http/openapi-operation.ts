// One operation of the served OpenAPI document: its path, the zod schemas of what it takes and answers.
import type { z } from 'zod'

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete'
  path: string
  summary: string
  body?: z.ZodType
  /** The body's media type when it is not JSON (a raw mail). */
  bodyType?: string
  query?: z.ZodObject
  response: z.ZodType
  /** The answer's media type when it is not JSON (a file's bytes, a plain-text challenge). */
  responseType?: string
  status?: number
  public?: boolean
}
