import { expect, test } from 'vitest'
import { macroNotice } from '../../../../../client/app/ticket/macro-results.ts'

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`

test('says how many tickets a macro changed', () => {
  expect(macroNotice({ name: 'Refund' }, [{ ticketId: id(1), ok: true }])).toBe('Macro “Refund” ran on 1 ticket.')
  expect(
    macroNotice({ name: 'Refund' }, [
      { ticketId: id(1), ok: true },
      { ticketId: id(2), ok: true },
    ]),
  ).toBe('Macro “Refund” ran on 2 tickets.')
})

test('names each skipped step once and the tickets it could not change', () => {
  const skipped = [{ action: { type: 'add_tag' as const, tag: 'old' }, reason: 'The tag “old” is not in the tag list.' }]
  const text = macroNotice({ name: 'Refund' }, [
    { ticketId: id(1), ok: true, skipped },
    { ticketId: id(2), ok: true, skipped },
    { ticketId: id(3), ok: false, error: { code: 'not_found', message: `No ticket ${id(3)}.` } },
  ])
  expect(text).toBe(
    `Macro “Refund” ran on 2 tickets. Skipped: The tag “old” is not in the tag list. Not changed: 1 ticket (No ticket ${id(3)}.)`,
  )
})
