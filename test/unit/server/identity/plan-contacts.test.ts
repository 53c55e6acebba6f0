import { expect, test } from 'vitest'
import { type ContactFields, type OwnedIdentity, planContacts } from '../../../../server/identity/plan-contacts.ts'

const ids = () => {
  let n = 0
  return () => `new-${++n}`
}
const empty: ContactFields = { name: null, email: null, phone: null, avatarUrl: null }
const owned = (contactId: string, kind: OwnedIdentity['kind'], value: string, contact = empty): OwnedIdentity => ({
  workspaceId: 'w',
  contactId,
  kind,
  value,
  contact: { ...contact },
})

test('a message from nobody known creates one contact with every identity it carries', () => {
  const plan = planContacts(
    [
      {
        workspaceId: 'w',
        name: 'Ana',
        avatarUrl: null,
        identities: [
          { kind: 'email', value: 'a@x.com' },
          { kind: 'phone', value: '+34612345678' },
        ],
      },
    ],
    [],
    ids(),
  )
  expect(plan.contacts).toEqual([{ contactId: 'new-1', name: 'Ana', created: true }])
  expect(plan.newContacts).toEqual([
    { id: 'new-1', workspaceId: 'w', name: 'Ana', email: 'a@x.com', phone: '+34612345678', avatarUrl: null },
  ])
  expect(plan.newIdentities.map((i) => i.kind)).toEqual(['email', 'phone'])
})

test('two messages of one new person in a batch make one contact', () => {
  const request = { workspaceId: 'w', name: 'Ana', avatarUrl: null, identities: [{ kind: 'email' as const, value: 'a@x.com' }] }
  const plan = planContacts([request, request], [], ids())
  expect(plan.newContacts).toHaveLength(1)
  expect(plan.contacts.map((c) => c.contactId)).toEqual(['new-1', 'new-1'])
  expect(plan.contacts.map((c) => c.created)).toEqual([true, false])
})

test('a known identity joins its contact, links the unknown ones and fills empty fields', () => {
  const plan = planContacts(
    [
      {
        workspaceId: 'w',
        name: 'Ana',
        avatarUrl: null,
        identities: [
          { kind: 'phone', value: '+34612345678' },
          { kind: 'email', value: 'a@x.com' },
        ],
      },
    ],
    [owned('c1', 'phone', '+34612345678', { ...empty, phone: '+34612345678' })],
    ids(),
  )
  expect(plan.contacts).toEqual([{ contactId: 'c1', name: 'Ana', created: false }])
  expect(plan.newContacts).toEqual([])
  expect(plan.newIdentities).toEqual([{ workspaceId: 'w', contactId: 'c1', kind: 'email', value: 'a@x.com' }])
  expect(plan.fills).toEqual([{ id: 'c1', name: 'Ana', email: 'a@x.com', phone: '+34612345678', avatarUrl: null }])
})

test('when identities of two contacts meet, the first identity decides and nothing is taken from the other', () => {
  const plan = planContacts(
    [
      {
        workspaceId: 'w',
        name: null,
        avatarUrl: null,
        identities: [
          { kind: 'whatsapp', value: '34612345678' },
          { kind: 'email', value: 'a@x.com' },
        ],
      },
    ],
    [
      owned('c-email', 'email', 'a@x.com', { ...empty, name: 'A' }),
      owned('c-wa', 'whatsapp', '34612345678', { ...empty, name: 'B' }),
    ],
    ids(),
  )
  expect(plan.contacts[0]!.contactId).toBe('c-wa')
  expect(plan.newIdentities).toEqual([])
})

test('identities are matched within their workspace only', () => {
  const plan = planContacts(
    [{ workspaceId: 'other', name: null, avatarUrl: null, identities: [{ kind: 'email', value: 'a@x.com' }] }],
    [owned('c1', 'email', 'a@x.com')],
    ids(),
  )
  expect(plan.contacts[0]!.created).toBe(true)
})
