import { expect, test } from 'vitest'
import { createSecretBox } from '../../../../server/security/secret-box.ts'

test('seals and opens a secret, never showing it in the sealed form', () => {
  const box = createSecretBox('k'.repeat(64))
  const sealed = box.seal('EAAG-page-token')
  expect(sealed).not.toContain('EAAG')
  expect(box.open(sealed)).toBe('EAAG-page-token')
})

test('refuses a sealed secret opened with another key or tampered with', () => {
  const sealed = createSecretBox('a'.repeat(64)).seal('secret')
  expect(() => createSecretBox('b'.repeat(64)).open(sealed)).toThrow()
  const parts = sealed.split('.')
  parts[3] = Buffer.from('other').toString('base64url')
  expect(() => createSecretBox('a'.repeat(64)).open(parts.join('.'))).toThrow()
})

test('two seals of the same text differ (random IV)', () => {
  const box = createSecretBox('c'.repeat(64))
  expect(box.seal('x')).not.toBe(box.seal('x'))
})
