// PostgreSQL text and jsonb cannot hold a NUL character (U+0000), and jsonb refuses a lone UTF-16
// surrogate (a broken UTF-16 part of a mail, half an emoji cut by a client). Refused at insert, the
// customer's message would be lost and the agent's request would fail with a 500. Every string that
// enters (REST bodies and query strings, form posts, every channel's events, the chat socket, notes in
// the shared document) passes through here once, and the damage is kept visible as U+FFFD.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must go
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** The value with every string in it (keys too) made storable; objects and arrays are copied, not changed. */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(unstorable, '\ufffd') as T
  if (Array.isArray(value)) return value.map(storable) as T
  if (value && typeof value === 'object' && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T
  }
  return value
}
