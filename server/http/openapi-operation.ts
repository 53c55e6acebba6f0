// One operation of the served OpenAPI document: its path, the zod schemas of what it takes and answers.
import type { z } from 'zod'

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete'
  path: string
  summary: string
  body?: z.ZodType
  query?: z.ZodObject
  response: z.ZodType
  status?: number
  public?: boolean
}
