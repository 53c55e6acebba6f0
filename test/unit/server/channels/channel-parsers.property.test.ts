// Every channel parser at the edge, fed recorded payloads with one part replaced by anything (hostile
// text, strange times, wrong types, nesting) and plain garbage: it never throws, and what it hands the
// ingest, once made storable as the ingest does, passes the event schema with text PostgreSQL holds and
// times PostgreSQL reads.
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { type ChannelEvent, channelEventSchema } from '../../../../server/channels/channel-event.ts'
import { parseVisitorFrame } from '../../../../server/channels/chat/visitor-frame.ts'
import { readEmail } from '../../../../server/channels/email/read-email.ts'
import { normaliseMetaDelivery } from '../../../../server/channels/meta/normalise-meta-delivery.ts'
import { storable } from '../../../../server/db/storable-text.ts'
import { parseTimestamp } from '../../../../server/db/timestamp.ts'

const fixtures = (kind: string) => new URL(`../../../fixtures/${kind}/`, import.meta.url)
const metaSeeds = readdirSync(fixtures('meta')).map((name) => JSON.parse(readFileSync(new URL(name, fixtures('meta')), 'utf8')))
const mailSeeds = readdirSync(fixtures('email')).map((name) => readFileSync(new URL(name, fixtures('email'))))
const receivedAt = new Date('2026-03-01T12:00:00Z')
/** NUL or a lone surrogate, as JSON.stringify escapes them. */
// What PostgreSQL cannot store in text or jsonb: NUL and lone surrogates, in the strings themselves (their
// escaped spelling, such as a payload quoted as text in a body, is storable).
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is looked for
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
/** Every string in a value, keys included, that PostgreSQL could not store. */
function unstorableStrings(value: unknown): string[] {
  if (typeof value === 'string') return unstorable.test(value) ? [value] : []
  if (!value || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, inner]) => [...(unstorable.test(key) ? [key] : []), ...unstorableStrings(inner)])
}

const hostileText = fc
  .array(fc.oneof(fc.string(), fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00')), { maxLength: 6 })
  .map((parts) => parts.join(''))
const strangeTime = fc.oneof(
  fc.constantFrom(8.64e15, -8.64e15, 1e11 - 1, 0, -1, '+275760-09-13T00:00:00Z', '0', '1 2', '99999', '9999999999999', 'NaN'),
  fc.double(),
  fc.integer(),
)
const anyValue = fc.oneof(hostileText, strangeTime, fc.jsonValue({ maxDepth: 4 }), fc.constant(null), fc.boolean())

/** Every path to a value inside a JSON value. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (!value || typeof value !== 'object') return [at]
  return [at, ...Object.entries(value).flatMap(([key, v]) => pathsOf(v, [...at, Array.isArray(value) ? Number(key) : key]))]
}

function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (!path.length) return by
  const copy = structuredClone(value) as Record<string | number, unknown>
  let target = copy
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>
  target[path.at(-1)!] = by
  return copy
}

/** A recorded delivery with a few of its parts replaced by anything. */
const mutatedDelivery = fc
  .tuple(fc.constantFrom(...metaSeeds), fc.array(fc.tuple(fc.nat(), anyValue), { minLength: 1, maxLength: 3 }))
  .map(([seed, changes]) =>
    changes.reduce((body, [pick, by]) => {
      const paths = pathsOf(body)
      return replaced(body, paths[pick % paths.length]!, by)
    }, seed as unknown),
  )

function expectStorable(events: ChannelEvent[]): void {
  for (const event of storable(events)) {
    expect(channelEventSchema.safeParse(event).success).toBe(true)
    expect(unstorableStrings(event)).toEqual([])
    const times = event.type === 'message' ? [event.message.sentAt] : 'at' in event ? [event.at] : [event.upTo]
    for (const time of times) expect(parseTimestamp(time)).toBe(time)
  }
}

test('a Meta delivery, recorded then damaged anywhere, is normalised without throwing into storable events', () => {
  const route = () => ({ id: '01a214a5-2cc9-725c-9552-4f3e1ee231ec', workspaceId: '01a214a5-2cc9-725c-9552-4f3e1ee231ed' })
  fc.assert(
    fc.property(fc.oneof(mutatedDelivery, fc.jsonValue()), (body) => {
      const { events } = normaliseMetaDelivery(body, route, receivedAt)
      expectStorable(events)
    }),
    { numRuns: 500 },
  )
})

test('a mail, recorded then damaged anywhere in its bytes, is read without throwing into storable events or a refusal', async () => {
  const channels = [{ id: 'c1', workspaceId: 'w1', address: 'support@acme.example' }]
  const damage = fc.array(fc.tuple(fc.nat(), fc.oneof(hostileText, fc.uint8Array({ maxLength: 40 }))), {
    minLength: 1,
    maxLength: 4,
  })
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...mailSeeds), damage, async (seed, changes) => {
      let raw = Buffer.from(seed)
      for (const [at, insert] of changes) {
        const cut = at % (raw.length + 1)
        raw = Buffer.concat([raw.subarray(0, cut), Buffer.from(insert), raw.subarray(cut + (at % 7))])
      }
      const outcome = await readEmail(raw, channels, { from: 'dana@example.org', to: ['support@acme.example'] }, receivedAt)
      if ('events' in outcome) expectStorable(outcome.events)
      else expect(outcome.refusal.message).toEqual(expect.any(String))
    }),
    { numRuns: 60 },
  )
}, 60_000)

test('a chat frame of any text is a typed frame with storable text, or an error frame; never a throw', () => {
  const frame = fc.oneof(
    fc.string(),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record({
        type: fc.constantFrom('hello', 'message', 'typing', 'identify', 'other'),
        v: fc.oneof(fc.constant(1), anyValue),
        clientId: fc.oneof(hostileText, anyValue),
        text: fc.oneof(hostileText, anyValue),
        name: fc.oneof(hostileText, anyValue),
        email: fc.oneof(
          hostileText.map((t) => `${t}@example.com`),
          anyValue,
        ),
        typing: fc.oneof(fc.boolean(), anyValue),
        visitorToken: fc.oneof(hostileText, anyValue),
      })
      .map((record) => JSON.stringify(record)),
    fc
      .integer({ min: 1, max: 50_000 })
      .map((depth) => `{"type":"message","clientId":"c","text":"t","x":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  )
  fc.assert(
    fc.property(frame, (data) => {
      const parsed = parseVisitorFrame(data)
      if (parsed.ok) expect(unstorableStrings(parsed.frame)).toEqual([])
      else expect(parsed.message).toEqual(expect.any(String))
    }),
    { numRuns: 500 },
  )
})
