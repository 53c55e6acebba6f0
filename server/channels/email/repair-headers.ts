// Header bytes that RFC 5322 forbids but mail carries: raw 8-bit text (Shift_JIS or GBK names and
// subjects, GB2312 attachment names) and raw 8-bit bytes inside encoded words. The parser reads raw
// header bytes as UTF-8, so such text turns into U+FFFD; here it becomes UTF-8 (RFC 6532) first.
import { cleanly, decodeIn, isUtf8, pickCharset } from './text-charset.ts'

/** An RFC 2047 encoded word, as latin1 text so that raw bytes stay one character each. */
const encodedWord = /=\?([^?\s]+)\?([qb])\?([^?]*)\?=/gi
const eightBit = /[\x80-\xff]/

/** The header block with every line readable as UTF-8; unchanged when it already is. */
export function repairHeaderBlock(block: Buffer, hints: readonly string[]): Buffer {
  if (isUtf8(block) && !eightBitInWords(block)) return block
  const words = Buffer.from(block.toString('latin1').replace(encodedWord, quoteRawBytes), 'latin1')
  if (isUtf8(words)) return words
  const lines = splitLines(words)
  const broken = Buffer.concat(lines.filter((line) => !isUtf8(line)))
  const charset = pickCharset(broken, hints)
  return Buffer.concat(
    lines.map((line) => {
      if (isUtf8(line)) return line
      const text = cleanly(line, charset) ?? decodeIn(line, pickCharset(line, hints)) ?? line.toString('latin1')
      return Buffer.from(text, 'utf8')
    }),
  )
}

function eightBitInWords(block: Buffer): boolean {
  return [...block.toString('latin1').matchAll(encodedWord)].some((word) => eightBit.test(word[3]!))
}

/**
 * An encoded word holding raw 8-bit bytes, rewritten as a Q word with those bytes escaped, so it
 * decodes in its declared charset. In a B word such bytes are the text itself, not base64.
 */
function quoteRawBytes(word: string, charset: string, encoding: string, content: string): string {
  if (!eightBit.test(content)) return word
  const escaped = encoding.toLowerCase() === 'q' ? eightBit : /[^a-z0-9]/i
  const quoted = [...content].map((c) =>
    escaped.test(c) ? `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : c,
  )
  return `=?${charset}?Q?${quoted.join('')}?=`
}

/** The block split after each line break, so that joining the parts gives it back. */
function splitLines(block: Buffer): Buffer[] {
  const lines: Buffer[] = []
  let start = 0
  for (let i = block.indexOf(0x0a); i !== -1; i = block.indexOf(0x0a, start)) {
    lines.push(block.subarray(start, i + 1))
    start = i + 1
  }
  if (start < block.length) lines.push(block.subarray(start))
  return lines
}
