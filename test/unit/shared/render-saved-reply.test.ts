import { expect, test } from 'vitest'
import { firstName, type RenderContext, renderSavedReply } from '../../../shared/saved-reply/render-saved-reply.ts'
import { placeholdersIn, unfilledVariables, unknownVariables } from '../../../shared/saved-reply/variables.ts'

const full: RenderContext = {
  contact: { name: 'Ana María Ruiz', email: 'ana@example.com', phone: '+34600111222' },
  agent: { name: 'Bea Agent' },
  ticket: { number: 42, subject: 'Late parcel' },
  order: { name: '#1001', status: 'fulfilled', trackingUrl: 'https://track.example/1001' },
}

test('fills every variable it has a value for, each time it appears, spaces inside the braces allowed', () => {
  const rendered = renderSavedReply(
    'Hi {{contact.first_name}} ({{ contact.name }}), ticket {{ticket.number}}: {{ticket.subject}}. {{order.name}} is {{order.status}}: {{order.tracking_url}}. {{contact.first_name}}, {{agent.first_name}} / {{agent.name}} <{{contact.email}}> {{contact.phone}}',
    full,
  )
  expect(rendered).toEqual({
    body: 'Hi Ana (Ana María Ruiz), ticket 42: Late parcel. #1001 is fulfilled: https://track.example/1001. Ana, Bea / Bea Agent <ana@example.com> +34600111222',
    unresolved: [],
  })
})

test('leaves what has no value (no order, an empty field) as written and lists it once, in order', () => {
  const rendered = renderSavedReply('{{order.tracking_url}} for {{contact.name}} {{contact.phone}} {{order.tracking_url}}', {
    ...full,
    contact: { name: 'Ana', email: null, phone: '  ' },
    order: null,
  })
  expect(rendered.body).toBe('{{order.tracking_url}} for Ana {{contact.phone}} {{order.tracking_url}}')
  expect(rendered.unresolved).toEqual(['order.tracking_url', 'contact.phone'])
})

test('a value that looks like a placeholder is not filled again, and unknown placeholders are left alone', () => {
  const rendered = renderSavedReply('{{contact.name}} {{customer.name}}', {
    ...full,
    contact: { name: '{{agent.name}}', email: null, phone: null },
  })
  expect(rendered).toEqual({ body: '{{agent.name}} {{customer.name}}', unresolved: [] })
})

test('first names are the first word, in any script', () => {
  expect(firstName('山田 花子')).toBe('山田')
  expect(firstName('  Ana  ')).toBe('Ana')
  expect(firstName('')).toBeNull()
  expect(firstName(null)).toBeNull()
})

test('finds placeholders, the unknown ones, and the known ones still unfilled in a draft', () => {
  const body = 'Dear {{contact.nickname}}, {{ order.name }} and {{order.name}} {{1}} { {contact.name} }'
  expect(placeholdersIn(body)).toEqual(['contact.nickname', 'order.name', '1'])
  expect(unknownVariables(body)).toEqual(['contact.nickname', '1'])
  expect(unfilledVariables(body)).toEqual(['order.name'])
})
