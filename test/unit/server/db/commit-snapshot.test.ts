import { expect, test } from 'vitest'
import { coarsen, formatSnapshot, parseSnapshot } from '../../../../server/db/commit-snapshot.ts'

test('reads PostgreSQL snapshots and writes them back as PostgreSQL reads them', () => {
  expect(parseSnapshot('754:754:')).toEqual({ xmax: 754n, xip: [] })
  expect(parseSnapshot('750:760:750,755')).toEqual({ xmax: 760n, xip: [750n, 755n] })
  expect(formatSnapshot({ xmax: 760n, xip: [750n, 755n] })).toBe('750:760:750,755')
  expect(formatSnapshot({ xmax: 754n, xip: [] })).toBe('754:754:')
})

test('refuses what PostgreSQL would refuse', () => {
  for (const text of ['', '1:2', '3:2:', '1:5:5', '1:5:0', '1:9:4,3', '1:9:4,4', 'a:b:', '1:18446744073709551616:']) {
    expect(parseSnapshot(text), text).toBeNull()
  }
})

test('a coarser snapshot counts more as unseen, never less', () => {
  const exact = { xmax: 100n, xip: [10n, 20n, 30n] }
  const coarse = coarsen(exact, 1)
  expect(coarse).toEqual({ xmax: 20n, xip: [10n] })
  const unseen = (s: typeof exact, x: bigint) => x >= s.xmax || s.xip.includes(x)
  for (let x = 0n; x < 120n; x++) if (unseen(exact, x)) expect(unseen(coarse, x)).toBe(true)
  expect(coarsen(exact, 3)).toBe(exact)
})
