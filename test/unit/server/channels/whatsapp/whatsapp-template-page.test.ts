// A page of Meta's message_templates read into what is kept, with the cursor of the next page.
import { expect, test } from 'vitest'
import { readTemplatePage } from '../../../../../server/channels/whatsapp/whatsapp-template-page.ts'

const page = {
  data: [
    {
      name: 'order_update',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Order' },
        { type: 'BODY', text: 'Hi {{1}}, order {{2}}.' },
      ],
      id: '594425479261596',
    },
    {
      name: 'promo',
      language: 'de',
      status: 'IN_APPEAL',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Hallo' }],
      id: '1',
    },
    { name: 'old', language: 'en', status: 'PENDING_DELETION', category: 'MARKETING', components: [], id: '2' },
  ],
  paging: {
    cursors: { before: 'MAZDZD', after: 'MjQZD' },
    next: 'https://graph.facebook.com/v21.0/1/message_templates?after=MjQZD',
  },
}

test('reads name, language, status, category and the BODY text, and the next page’s cursor', () => {
  expect(readTemplatePage(page)).toEqual({
    templates: [
      { name: 'order_update', language: 'en_US', status: 'approved', category: 'utility', body: 'Hi {{1}}, order {{2}}.' },
      { name: 'promo', language: 'de', status: 'pending', category: 'marketing', body: 'Hallo' },
      { name: 'old', language: 'en', status: 'disabled', category: 'marketing', body: '' },
    ],
    after: 'MjQZD',
  })
})

test('the last page (no next) has no cursor; a body not in Meta’s shape is null', () => {
  expect(readTemplatePage({ ...page, paging: { cursors: { before: 'a', after: 'b' } } })?.after).toBeNull()
  expect(readTemplatePage({ data: [] })).toEqual({ templates: [], after: null })
  expect(readTemplatePage({ error: { message: 'x' } })).toBeNull()
  expect(readTemplatePage(null)).toBeNull()
})
