// A value checked against its zod schema, or the one invalid_input error that says what is wrong and where.
// Used at every edge (REST bodies and queries, stored settings re-checked after a patch).
import type { z } from 'zod'
import { AppError } from './errors.ts'

export function validate<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }))
  const first = details[0]
  const where = first?.path ? ` (${first.path})` : ''
  throw new AppError('invalid_input', `${first?.message ?? 'Invalid input'}${where}.`, details)
}
