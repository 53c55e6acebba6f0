// Properties of what the edge lets through to the database: cleaned text holds nothing PostgreSQL
// refuses, an accepted time is one PostgreSQL reads alike, a cursor is either exactly what was encoded
// or a 400, and no JSON deeper than the bound survives.
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { decodeCursor, encodeCursor } from '../../../../server/db/keyset-cursor.ts'
import { storable } from '../../../../server/db/storable-text.ts'
import { earliestTime, isStorableTime, latestTime, parseTimestamp } from '../../../../server/db/timestamp.ts'
import { cutDeepJson } from '../../../../server/http/json-depth.ts'
import { AppError } from '../../../../shared/errors.ts'

/** Text with what breaks databases mixed in: NULs, lone surrogates of either half, and whole pairs. */
const hostileText = fc
  .array(fc.oneof(fc.string(), fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00', '\ufffd')), { maxLength: 8 })
  .map((parts) => parts.join(''))
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is looked for
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const uuid = fc.uuid()

test('cleaned text holds no NUL and no lone surrogate, anywhere in a value, keys included', () => {
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      hostileText,
      fc.integer(),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(hostileText, tie('node'), { maxKeys: 4 }),
    ),
  })).node
  fc.assert(
    fc.property(value, (input) => {
      const cleaned = storable(input)
      const strings: string[] = []
      JSON.stringify(cleaned, (key, v) => {
        strings.push(key)
        if (typeof v === 'string') strings.push(v)
        return v
      })
      expect(strings.filter((s) => unstorable.test(s))).toEqual([])
      expect(storable(cleaned)).toEqual(cleaned)
    }),
  )
})

test('text without NUL or lone surrogates is left as it is', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      expect(storable(text)).toBe(text.replaceAll('\u0000', '\ufffd'))
    }),
  )
})

test('every time JavaScript can hold with a four-digit year is accepted in ISO form, and nothing else is', () => {
  fc.assert(
    fc.property(fc.integer({ min: earliestTime, max: latestTime }), (ms) => {
      expect(isStorableTime(ms)).toBe(true)
      expect(parseTimestamp(new Date(ms).toISOString())).toBe(new Date(ms).toISOString())
    }),
  )
  fc.assert(
    fc.property(
      fc.oneof(fc.integer({ min: -8.64e15, max: earliestTime - 1 }), fc.integer({ min: latestTime + 1, max: 8.64e15 })),
      (ms) => {
        expect(isStorableTime(ms)).toBe(false)
      },
    ),
  )
})

test('an accepted time text is ISO-8601 UTC with a year from 1 to 9999 that JavaScript reads as the same day', () => {
  const timeLike = fc.oneof(
    fc.string(),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc
      .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T23:59:59.123456Z`,
      ),
  )
  fc.assert(
    fc.property(timeLike, (text) => {
      const accepted = parseTimestamp(text)
      if (accepted === null) return
      expect(accepted).toMatch(/^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/)
      expect(new Date(accepted).toISOString().slice(0, 10)).toBe(accepted.slice(0, 10))
    }),
  )
})

test('a cursor decodes to exactly what was encoded', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date(earliestTime), max: new Date(latestTime), noInvalidDate: true }),
      uuid,
      fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-1e38), max: Math.fround(1e38) }),
      (at, id, score) => {
        const real = Math.abs(score) < 1.2e-38 ? 0 : score
        expect(decodeCursor(encodeCursor([at.toISOString(), id, real]), ['time', 'id', 'real'])).toEqual([
          at.toISOString(),
          id,
          real,
        ])
      },
    ),
  )
})

test('any other cursor is invalid input, never another error', () => {
  const crafted = fc.oneof(
    fc.string(),
    fc.string().map((text) => Buffer.from(text).toString('base64url')),
    fc.tuple(fc.string(), fc.string()).map(([a, b]) => Buffer.from(`${a}|${b}`).toString('base64url')),
    fc.tuple(hostileText, uuid).map(([a, id]) => Buffer.from(`${a}|${id}`).toString('base64url')),
  )
  fc.assert(
    fc.property(crafted, (cursor) => {
      for (const parts of [
        ['time', 'id'],
        ['real', 'id'],
      ] as const) {
        try {
          const [first, id] = decodeCursor(cursor, parts)
          expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
          if (parts[0] === 'time') expect(parseTimestamp(first as string)).toBe(first)
          else expect(Number.isFinite(first)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(AppError)
          expect((error as AppError).code).toBe('invalid_input')
        }
      }
    }),
  )
})

test('JSON cut to a depth parses to the same value when it was shallow enough, and is never deeper', () => {
  const depthOf = (value: unknown): number =>
    value && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 1, max: 8 }), (value, maxDepth) => {
      const text = JSON.stringify(value)
      const { text: cut, cut: count } = cutDeepJson(text, maxDepth)
      const parsed = JSON.parse(cut)
      expect(depthOf(parsed)).toBeLessThanOrEqual(maxDepth)
      if (depthOf(value) <= maxDepth) {
        expect(count).toBe(0)
        expect(cut).toBe(text)
      } else expect(count).toBeGreaterThan(0)
    }),
  )
})
