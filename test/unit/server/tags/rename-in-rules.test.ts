// Renaming a tag in a rule: the `tag` conditions that name it (eq, neq, in) and the add/remove actions
// follow, whatever the case; `contains` and other fields stay; a rule that does not name it is left alone.
import { expect, test } from 'vitest'
import { renameTagInRule } from '../../../../server/tags/retag-rules.ts'

test('renames the tag in conditions and actions, whatever its case, without doubling it in a list', () => {
  const renamed = renameTagInRule(
    {
      conditions: {
        all: [
          { field: 'tag', op: 'eq', value: 'VIP' },
          { field: 'tag', op: 'in', value: ['vip', 'gold', 'priority'] },
          { field: 'tag', op: 'contains', value: 'vip' },
          { field: 'text', op: 'contains', value: 'vip' },
        ],
        any: [{ field: 'tag', op: 'neq', value: 'vip' }],
      },
      actions: [
        { type: 'add_tag', tag: 'Vip' },
        { type: 'remove_tag', tag: 'other' },
        { type: 'set_priority', priority: 'high' },
      ],
    },
    'vip',
    'priority',
  )
  expect(renamed).toEqual({
    conditions: {
      all: [
        { field: 'tag', op: 'eq', value: 'priority' },
        { field: 'tag', op: 'in', value: ['priority', 'gold'] },
        { field: 'tag', op: 'contains', value: 'vip' },
        { field: 'text', op: 'contains', value: 'vip' },
      ],
      any: [{ field: 'tag', op: 'neq', value: 'priority' }],
    },
    actions: [
      { type: 'add_tag', tag: 'priority' },
      { type: 'remove_tag', tag: 'other' },
      { type: 'set_priority', priority: 'high' },
    ],
  })
})

test('a rule that does not name the tag is not changed', () => {
  const rule = {
    conditions: { all: [{ field: 'tag' as const, op: 'contains' as const, value: 'vip' }] },
    actions: [{ type: 'add_tag' as const, tag: 'vipish' }],
  }
  expect(renameTagInRule(rule, 'vip', 'gold')).toBeNull()
})
