import { expect, test } from 'vitest'
import { mentionedAgents } from '../../../../../client/app/ticket/mentions.ts'

const agent = (id: string, name: string) => ({
  id,
  name,
  email: `${id}@example.com`,
  role: 'agent' as const,
  teamIds: [],
  createdAt: '',
})
const bea = agent('b', 'Bea Colleague')
const beatrice = agent('t', 'Beatrice Stone')
const me = agent('m', 'Mo Self')
const agents = [bea, beatrice, me] as any[]

test('finds colleagues by first or full name, in any case', () => {
  expect(mentionedAgents('@bea can you look?', agents, me.id).map((a) => a.id)).toEqual(['b'])
  expect(mentionedAgents('ask @Beatrice Stone and @BEA COLLEAGUE', agents, me.id).map((a) => a.id)).toEqual(['b', 't'])
})

test('a name must end where the mention ends, and nobody mentions themselves', () => {
  expect(mentionedAgents('@beatrice only', agents, me.id).map((a) => a.id)).toEqual(['t'])
  expect(mentionedAgents('note to @Mo', agents, me.id)).toEqual([])
  expect(mentionedAgents('mail bea@example.com', agents, me.id)).toEqual([])
})
