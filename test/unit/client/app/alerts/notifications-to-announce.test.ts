// Which of the bell's notifications the app announces: unread, urgent kinds, new to this device, and not
// about the ticket the agent is looking at.
import { expect, test } from 'vitest'
import { notificationsToAnnounce } from '../../../../../client/app/alerts/notifications-to-announce.ts'
import type { Notification } from '../../../../../shared/schema/notification.ts'

const ticketA = '00000000-0000-4000-8000-00000000000a'
const ticketB = '00000000-0000-4000-8000-00000000000b'
let next = 0
function notification(kind: Notification['kind'], ticketId: string | null = ticketA, readAt: string | null = null): Notification {
  next++
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    kind,
    ticketId,
    body: kind,
    readAt,
    createdAt: '2026-12-03T10:00:00.000Z',
  }
}

test('announces unread new chats, mentions and assignments, not the other kinds', () => {
  const items = [notification('new_chat'), notification('mention'), notification('assigned'), notification('sla_breach')]
  expect(notificationsToAnnounce(items, new Set(), null).map((n) => n.kind)).toEqual(['new_chat', 'mention', 'assigned'])
})

test('does not announce what was read or announced already', () => {
  const read = notification('mention', ticketA, '2026-12-03T10:01:00.000Z')
  const announced = notification('assigned')
  const fresh = notification('new_chat')
  expect(notificationsToAnnounce([read, announced, fresh], new Set([announced.id]), null)).toEqual([fresh])
})

test('does not announce the ticket the agent is looking at', () => {
  const watched = notification('mention', ticketA)
  const other = notification('mention', ticketB)
  expect(notificationsToAnnounce([watched, other], new Set(), ticketA)).toEqual([other])
})
