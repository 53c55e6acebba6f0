// A tag's colour on screen: the palette's names as backgrounds, any #rrggbb as given, and the text on it
// black or white, whichever reads better (WCAG contrast), so every colour an admin picks stays readable.

const palette: Record<string, string> = {
  gray: '#e3e7ee',
  red: '#f8d0d0',
  orange: '#fbd9b4',
  yellow: '#fbeea1',
  green: '#cdeccf',
  teal: '#bfe8e4',
  blue: '#cfe0fb',
  purple: '#e2d4f7',
  pink: '#f9d2e6',
}

/** The background of a tag's colour (a palette name or #rrggbb); the palette's gray for anything else. */
export function tagBackground(color: string | undefined): string {
  if (color && /^#[0-9a-f]{6}$/i.test(color)) return color.toLowerCase()
  return palette[color ?? ''] ?? palette.gray!
}

/**
 * The text colour that reads best on the background: black or white, whichever contrasts more. Between
 * pure black and pure white one always reaches 4.5:1 (WCAG AA); any softer ink would miss it on mid tones.
 */
export function tagInk(background: string): string {
  const light = luminance(background)
  // Contrast with black text (luminance 0) against white text (luminance 1).
  return (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) ? '#000000' : '#ffffff'
}

/** Inline style of a tag chip in the colour. */
export function tagStyle(color: string | undefined): Record<string, string> {
  const background = tagBackground(color)
  return { background, color: tagInk(background) }
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}
