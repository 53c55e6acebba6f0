import { expect, test } from 'vitest'
import { hashPassword, unknownAgentHash, verifyPassword } from '../../../../server/security/password.ts'

test('verifies the right password and refuses a wrong one', async () => {
  const hash = await hashPassword('correct horse')
  expect(hash.startsWith('scrypt$')).toBe(true)
  expect(await verifyPassword('correct horse', hash)).toBe(true)
  expect(await verifyPassword('correct horsE', hash)).toBe(false)
})

test('refuses every password against the unknown-agent hash and a malformed hash', async () => {
  expect(await verifyPassword('anything', unknownAgentHash)).toBe(false)
  expect(await verifyPassword('anything', 'md5$abc')).toBe(false)
})
