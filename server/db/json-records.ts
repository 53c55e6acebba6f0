// A batch of rows as ONE query parameter, for set-based statements on both drivers. Binding thousands
// of separate parameters costs far more on the client than one JSON document parsed by the server.
import { type SQL, sql } from 'drizzle-orm'

/** `from ${jsonRecords(rows, 'id uuid, preview text')}`: reads like a VALUES list of any length, as `v`. */
export function jsonRecords(records: readonly object[], columns: string): SQL {
  return sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(${sql.raw(columns)})`
}

/**
 * INSERT of many rows from one JSON parameter. `columns` maps each inserted field (camelCase, stored in
 * its snake_case column) to its SQL type; `computed` adds columns computed from fields of v that
 * `inputs` declares (for example a tsvector from a segmented text).
 */
export function insertJsonRecords(
  table: string,
  records: readonly object[],
  columns: Record<string, string>,
  computed: { columns: Record<string, string>; inputs: Record<string, string> } = { columns: {}, inputs: {} },
): SQL {
  const names = Object.keys(columns)
  const fields = { ...columns, ...computed.inputs }
  const typed = Object.entries(fields)
    .map(([name, type]) => `"${name}" ${type}`)
    .join(', ')
  const targets = [...names, ...Object.keys(computed.columns)].map((name) => `"${snake(name)}"`).join(', ')
  const values = [...names.map((name) => `v."${name}"`), ...Object.values(computed.columns)].join(', ')
  return sql`insert into ${sql.identifier(table)} (${sql.raw(targets)}) select ${sql.raw(values)} from ${jsonRecords(records, typed)}`
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
