import { expect, test } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { awarenessClientIds } from '../../../../server/collab/awareness-client-ids.ts'

test('reads the client ids an awareness update speaks for without applying it', () => {
  const first = new awarenessProtocol.Awareness(new Y.Doc())
  const second = new awarenessProtocol.Awareness(new Y.Doc())
  first.setLocalState({ user: { name: 'Aiko' }, typing: true })
  second.setLocalState({ user: { name: 'Ben' } })
  awarenessProtocol.applyAwarenessUpdate(first, awarenessProtocol.encodeAwarenessUpdate(second, [second.clientID]), 'test')
  const update = awarenessProtocol.encodeAwarenessUpdate(first, [first.clientID, second.clientID])
  expect(awarenessClientIds(update)).toEqual([first.clientID, second.clientID])
})

test('a truncated update throws', () => {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awareness.setLocalState({ user: { name: 'Aiko' } })
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])
  expect(() => awarenessClientIds(update.slice(0, update.length - 5))).toThrow()
})
