// Mail can carry what PostgreSQL text and jsonb refuse: NUL characters (binary junk in a text part)
// and lone UTF-16 surrogates (a broken UTF-16 part). Refused at insert, the mail would be lost or
// bounced; cleaned here, it is stored with U+FFFD where the damage was.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must go
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** The value with every string in it made storable (objects and arrays are copied, not changed). */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(unstorable, '\ufffd') as T
  if (Array.isArray(value)) return value.map(storable) as T
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storable(v)])) as T
  }
  return value
}
