// Tag colours on screen: palette names and #rrggbb as backgrounds, and text that reads on each (at least
// 4.5:1 contrast, WCAG AA) for every palette colour and for dark and light custom ones.
import { expect, test } from 'vitest'
import { tagBackground, tagInk } from '../../../../../client/app/ui/tag-color.ts'
import { tagPalette } from '../../../../../shared/schema/tag.ts'

const luminance = (hex: string) => {
  const c = (i: number) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

test('every palette colour and any custom colour gets readable text', () => {
  const backgrounds = [...tagPalette.map(tagBackground), '#1a237e', '#ffeb3b', '#777777', '#000000', '#ffffff', '#e53935']
  for (const background of backgrounds) {
    expect(contrast(background, tagInk(background)), background).toBeGreaterThanOrEqual(4.5)
  }
})

test('a custom colour is used as given; anything else falls back to the palette gray', () => {
  expect(tagBackground('#1A237E')).toBe('#1a237e')
  expect(tagBackground('gray')).toBe(tagBackground(undefined))
  expect(tagBackground('not-a-colour')).toBe(tagBackground('gray'))
  expect(tagInk('#1a237e')).toBe('#ffffff')
  expect(tagInk(tagBackground('yellow'))).toBe('#000000')
})
