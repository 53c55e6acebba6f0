import { expect, test } from 'vitest'
import { type AgentLoad, pickLeastLoaded, pickRoundRobin } from '../../../../server/rules/pick-agent.ts'

const agent = (id: string, more: Partial<AgentLoad> = {}): AgentLoad => ({
  id,
  name: id,
  role: 'agent',
  availability: 'online',
  skills: ['ja'],
  capacity: 5,
  teamIds: ['t1'],
  openTickets: 0,
  ...more,
})

test('least loaded takes the online agent with the skill and the fewest open tickets for their capacity', () => {
  const agents = [
    agent('a', { openTickets: 3 }),
    agent('b', { openTickets: 1 }),
    agent('c', { availability: 'offline' }),
    agent('d', { skills: ['en'] }),
  ]
  expect(pickLeastLoaded(agents, { skill: 'ja' })?.id).toBe('b')
})

test('an agent at capacity, or of another team, is never chosen', () => {
  expect(pickLeastLoaded([agent('a', { openTickets: 5 })], {})).toBeNull()
  expect(pickLeastLoaded([agent('a', { teamIds: ['t2'] })], { teamId: 't1' })).toBeNull()
})

test('round robin takes the next eligible agent after the last one, then wraps', () => {
  const agents = [agent('a'), agent('b'), agent('c', { availability: 'away' })]
  expect(pickRoundRobin(agents, {}, null)?.id).toBe('a')
  expect(pickRoundRobin(agents, {}, 'a')?.id).toBe('b')
  expect(pickRoundRobin(agents, {}, 'b')?.id).toBe('a')
})
