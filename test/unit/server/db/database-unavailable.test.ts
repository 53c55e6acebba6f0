import { expect, test } from 'vitest'
import { isDatabaseUnavailable, isDriverWriteFault } from '../../../../server/db/database-unavailable.ts'

const withCode = (code: string, message = 'driver error') => Object.assign(new Error(message), { code })

test('a database that is away: refused, dropped or closing connections, shutting down, starting up', () => {
  for (const code of ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '53300']) {
    expect(isDatabaseUnavailable(withCode(code)), code).toBe(true)
  }
})

test('looks through the query error that wraps the driver error', () => {
  expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: withCode('ECONNREFUSED') }))).toBe(true)
})

test('a wrong query, a constraint or a plain bug is not the database being away', () => {
  for (const code of ['23505', '42601', '22P02', '40001', 'ERR_SOMETHING']) {
    expect(isDatabaseUnavailable(withCode(code)), code).toBe(false)
  }
  expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false)
  expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false)
  expect(isDatabaseUnavailable(null)).toBe(false)
})

test('recognises only the driver fault thrown from its own write timer', () => {
  const fault = new TypeError("Cannot read properties of null (reading 'write')")
  fault.stack = `${fault.message}\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)`
  expect(isDriverWriteFault(fault)).toBe(true)
  const elsewhere = new TypeError("Cannot read properties of null (reading 'write')")
  elsewhere.stack = `${elsewhere.message}\n    at send (file:///app/server/sockets/x.ts:1:1)`
  expect(isDriverWriteFault(elsewhere)).toBe(false)
})
