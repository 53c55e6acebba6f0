import { expect, test } from 'vitest'
import { savedReplyMatches } from '../../../../../client/app/ticket/saved-reply-matches.ts'
import type { SavedReply } from '../../../../../shared/schema/saved-reply.ts'

const reply = (id: string, title: string, shortcut: string | null, body: string, folder: string | null = null): SavedReply => ({
  id,
  title,
  shortcut,
  body,
  language: null,
  scope: 'workspace',
  teamId: null,
  ownerId: null,
  folder,
  attachments: [],
  usageCount: 0,
  lastUsedAt: null,
  variants: [],
  createdAt: '',
  updatedAt: '',
})

const list = [
  reply('1', 'Shipping times', 'ship', 'We ship within 2 days.', 'Shipping'),
  reply('2', 'Delay apology', 'sorry', 'Sorry, your parcel is late. A refund is possible.'),
  reply('3', '遅延のお詫び', 'okure', 'お待たせして申し訳ございません。'),
  reply('4', 'Refund', 'refund', 'Refunds arrive in 5 days; we are sorry for the trouble.'),
]
const ids = (typed: string) => savedReplyMatches(list, typed).map((r) => r.id)

test('nothing typed keeps every reply in the order given', () => {
  expect(ids('')).toEqual(['1', '2', '3', '4'])
  expect(ids('  /')).toEqual(['1', '2', '3', '4'])
})

test('every word must appear somewhere: title, shortcut, folder or body, case and width folded', () => {
  expect(ids('PARCEL late')).toEqual(['2'])
  expect(ids('shipping')).toEqual(['1'])
  expect(ids('申し訳')).toEqual(['3'])
  expect(ids('ｏｋｕｒｅ')).toEqual(['3'])
  expect(ids('parcel shipping')).toEqual([])
})

test('a shortcut starting with what is typed comes first, a leading slash ignored', () => {
  expect(ids('sorry')).toEqual(['2', '4'])
  expect(ids('/ref')).toEqual(['4', '2'])
  expect(ids('refund')).toEqual(['4', '2'])
  expect(ids('days')).toEqual(['1', '4'])
})
