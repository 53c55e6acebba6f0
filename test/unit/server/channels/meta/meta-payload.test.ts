import { expect, test } from 'vitest'
import { metaIdSchema, metaTimeSchema } from '../../../../../server/channels/meta/meta-payload.ts'

test('times in epoch ms, epoch seconds, numeric strings and ISO strings all become epoch ms', () => {
  const ms = Date.parse('2023-11-14T22:13:20Z')
  expect(metaTimeSchema.parse(1700000000000)).toBe(ms)
  expect(metaTimeSchema.parse(1700000000)).toBe(ms)
  expect(metaTimeSchema.parse('1700000000')).toBe(ms)
  expect(metaTimeSchema.parse('1700000000000')).toBe(ms)
  expect(metaTimeSchema.parse('2023-11-14T22:13:20+0000')).toBe(ms)
})

test('a value that is no time is refused', () => {
  expect(metaTimeSchema.safeParse('soon').success).toBe(false)
  expect(metaTimeSchema.safeParse(null).success).toBe(false)
  expect(metaTimeSchema.safeParse(1e20).success).toBe(false)
})

test('ids given as numbers become strings, and an empty id is refused', () => {
  expect(metaIdSchema.parse(12334)).toBe('12334')
  expect(metaIdSchema.parse('0')).toBe('0')
  expect(metaIdSchema.safeParse('').success).toBe(false)
})
