// JSON nesting is bounded before parsing. The parser itself does not recurse, but everything after it
// does (schemas, cleaning, JSON.stringify into the journal and jsonb), so a body of a million `[`
// overflows the stack there and the whole request fails with a 500. Real payloads are shallow: Meta's
// deliveries are about ten levels deep, REST bodies a few.
export const maxJsonDepth = 64

/**
 * The JSON text with every value nested deeper than `maxDepth` replaced by `null`, and how many were.
 * One pass over the text, no recursion; valid JSON stays valid, invalid JSON is left for JSON.parse to refuse.
 */
export function cutDeepJson(text: string, maxDepth = maxJsonDepth): { text: string; cut: number } {
  let depth = 0
  let inString = false
  let cutFrom = -1
  let cut = 0
  let kept = ''
  let keptUpTo = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: the next character is escaped
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      depth++
      if (depth === maxDepth + 1) cutFrom = i
    } else if (c === 0x5d || c === 0x7d) {
      if (depth === maxDepth + 1 && cutFrom >= 0) {
        kept += `${text.slice(keptUpTo, cutFrom)}null`
        keptUpTo = i + 1
        cutFrom = -1
        cut++
      }
      depth--
    }
  }
  return cut ? { text: kept + text.slice(keptUpTo), cut } : { text, cut }
}
