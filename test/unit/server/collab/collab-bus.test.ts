import { describe, expect, test } from 'vitest'
import { type BusMessage, busPayloads, maxPayloadBytes, parseBusMessage } from '../../../../server/collab/collab-bus.ts'

const processId = '0198c2a4-1f00-7000-8000-000000000001'
const workspaceId = '0198c2a4-1f00-7000-8000-000000000002'
const ticketId = '0198c2a4-1f00-7000-8000-000000000003'
const agentId = '0198c2a4-1f00-7000-8000-000000000004'
const ticketIds = (count: number) =>
  Array.from({ length: count }, (_, i) => `0198c2a4-1f00-7000-8000-${String(i).padStart(12, '0')}`)

const valid: BusMessage[] = [
  { type: 'update', processId, ticketId, rowId: 42, update: Buffer.from([1, 2, 3]).toString('base64') },
  { type: 'update', processId, ticketId, rowId: 43 },
  { type: 'awareness', processId, ticketId, update: Buffer.from([0]).toString('base64') },
  { type: 'presence', processId, workspaceId, ticketId, agents: [{ id: agentId, name: 'Aiko', typing: true }] },
  { type: 'hello', processId },
  { type: 'alive', processId },
  { type: 'gone', processId },
  { type: 'recheck', processId, workspaceId },
  { type: 'recheck', processId, workspaceId, ticketIds: [ticketId] },
  { type: 'recheck', processId, workspaceId, agentId },
]

describe('parseBusMessage', () => {
  test.each(valid.map((message) => [message.type, message] as const))('reads a %s message as it was sent', (_type, message) => {
    expect(parseBusMessage(JSON.stringify(message))).toEqual({ ok: true, message })
  })

  test.each([
    ['not JSON', '{"type":'],
    ['JSON that is no object', '"alive"'],
    ['an unknown type', JSON.stringify({ type: 'reboot', processId })],
    ['the old one-letter keys', JSON.stringify({ k: 'alive', p: processId })],
    ['no process id', JSON.stringify({ type: 'alive' })],
    ['a ticket id that is no id', JSON.stringify({ type: 'update', processId, ticketId: 'x', rowId: 1 })],
    ['a row id that is text', JSON.stringify({ type: 'update', processId, ticketId, rowId: '1' })],
    ['an update that is not base64', JSON.stringify({ type: 'awareness', processId, ticketId, update: 'not base64!' })],
    ['presence without agents', JSON.stringify({ type: 'presence', processId, workspaceId, ticketId })],
    [
      'an agent without a name',
      JSON.stringify({ type: 'presence', processId, workspaceId, ticketId, agents: [{ id: agentId }] }),
    ],
    ['a recheck without a workspace', JSON.stringify({ type: 'recheck', processId, ticketIds: [ticketId] })],
  ])('refuses %s, saying why', (_what, payload) => {
    const parsed = parseBusMessage(payload)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problem).not.toBe('')
  })
})

describe('busPayloads', () => {
  test('a message is one payload that reads back as itself', () => {
    for (const message of valid) expect(busPayloads(message).map(parseBusMessage)).toEqual([{ ok: true, message }])
  })

  test('an inline update of the largest size sent inline fits', () => {
    const update = 'A'.repeat(6000)
    const [payload] = busPayloads({ type: 'update', processId, ticketId, rowId: Number.MAX_SAFE_INTEGER, update })
    expect(Buffer.byteLength(payload!)).toBeLessThanOrEqual(maxPayloadBytes)
  })

  test('a recheck of many tickets goes in parts under the limit that together name every ticket', () => {
    const all = ticketIds(1000)
    const payloads = busPayloads({ type: 'recheck', processId, workspaceId, ticketIds: all, agentId })
    expect(payloads.length).toBeGreaterThan(1)
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(maxPayloadBytes)
    const parts = payloads.map((payload) => parseBusMessage(payload)).map((parsed) => (parsed.ok ? parsed.message : null))
    expect(parts.every((part) => part?.type === 'recheck' && part.workspaceId === workspaceId && part.agentId === agentId)).toBe(
      true,
    )
    expect(parts.flatMap((part) => (part?.type === 'recheck' ? (part.ticketIds ?? []) : []))).toEqual(all)
  })

  test('any other message past the limit is no payload at all', () => {
    const agents = Array.from({ length: 100 }, () => ({ id: agentId, name: 'A rather long agent name'.repeat(4), typing: false }))
    expect(busPayloads({ type: 'presence', processId, workspaceId, ticketId, agents })).toEqual([])
  })
})
