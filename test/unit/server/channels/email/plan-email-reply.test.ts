import { expect, test } from 'vitest'
import { referencesHeader, replySubject, textToHtml } from '../../../../../server/channels/email/plan-email-reply.ts'

test('references put the thread root first and the mail we answer last', () => {
  expect(referencesHeader(['<parent>', '<grand>', '<root>'], '<answering>')).toEqual([
    '<root>',
    '<grand>',
    '<parent>',
    '<answering>',
  ])
})

test('a long thread keeps its root and the nearest ancestors, twenty ids at most', () => {
  const nearestFirst = Array.from({ length: 40 }, (_, i) => `<m${40 - i}>`)
  const header = referencesHeader(nearestFirst, '<answering>')
  expect(header).toHaveLength(20)
  expect(header[0]).toBe('<m1>')
  expect(header.slice(-3)).toEqual(['<m39>', '<m40>', '<answering>'])
})

test('the subject gets one Re: and the ticket number once', () => {
  expect(replySubject('Re: RE: Broken zipper [#12]', 12)).toBe('Re: Broken zipper [#12]')
  expect(replySubject(null, 7)).toBe('Re: Your request [#7]')
})

test('the HTML part escapes what the agent wrote', () => {
  expect(textToHtml('<b>1 & 2</b>')).toBe('<div style="white-space:pre-wrap">&#60;b&#62;1 &#38; 2&#60;/b&#62;</div>')
})
