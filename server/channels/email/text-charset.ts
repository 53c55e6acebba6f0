// Bytes of mail text to a string: the declared charset first, detection (chardet) as the fallback, so
// an unlabelled GBK or Big5 body, ISO-2022-JP without its label or a mislabelled part reads right, and
// U+FFFD appears only where the bytes decode in no charset. iconv-lite decodes; ISO-2022-JP, which it
// lacks, goes through encoding-japanese.
import chardet from 'chardet'
import Encoding from 'encoding-japanese'
import iconv from 'iconv-lite'

/** Detection reads this much; mail text is consistent enough that the start tells. */
const sampleBytes = 64 * 1024
/** ESC $ @, ESC $ B (JIS X 0208) or ESC ( J (JIS Roman): ISO-2022-JP's shifts. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape byte is exactly what marks them
const jisEscape = /\x1b\$[@B]|\x1b\(J/
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The charset names that mean "ASCII or UTF-8", or nothing at all. */
export function isUtf8Label(charset: string | null): boolean {
  return !charset || /^(?:us-?)?ascii$|^utf-?8$/i.test(charset.trim())
}

export function isUtf7Label(charset: string | null): boolean {
  return /^(?:(?:cs)?unicode-?1-?1-?)?utf-?7$/i.test(charset?.trim() ?? '')
}

/**
 * The text, when the bytes need more than the parser does with the declared charset (no label or
 * ASCII with 8-bit bytes or JIS escapes, a label the bytes do not fit, UTF-7); null when the
 * declared charset reads them cleanly.
 */
export function repairedText(bytes: Buffer, declared: string | null): string | null {
  if (isUtf7Label(declared)) return iconv.decode(bytes, 'utf7')
  if (isUtf8Label(declared)) {
    if (!jisEscape.test(bytes.subarray(0, sampleBytes).toString('latin1')) && isUtf8(bytes)) return null
  } else if (declared && cleanly(bytes, declared) !== null) return null
  return bestDecoding(bytes, declared ? [declared] : [])
}

/** Decoded with the first of the hints that reads the bytes cleanly, else with the detected charset. */
export function bestDecoding(bytes: Buffer, hints: readonly string[]): string {
  return decodeIn(bytes, pickCharset(bytes, hints)) ?? bytes.toString('latin1')
}

/** The first of the hints, then of the detected charsets, that reads the bytes cleanly. */
export function pickCharset(bytes: Buffer, hints: readonly string[]): string {
  if (isUtf8(bytes) && !jisEscape.test(bytes.toString('latin1'))) return 'utf-8'
  const detected = chardet.analyse(bytes.subarray(0, sampleBytes)).map((match) => match.name)
  // Every single-byte charset reads any byte, so windows-1252 ends the list: perhaps wrong, never lossy.
  return [...hints, ...detected].find((charset) => cleanly(bytes, charset) !== null) ?? 'windows-1252'
}

/** The bytes decoded in the charset, or null when it is unknown or leaves U+FFFD the bytes did not have. */
export function cleanly(bytes: Buffer, charset: string): string | null {
  const text = decodeIn(bytes, charset)
  if (text === null) return null
  const replacements = text.split('\ufffd').length - 1
  const inSource = bytes.toString('latin1').split('\xef\xbf\xbd').length - 1
  return replacements > inSource ? null : text
}

export function decodeIn(bytes: Buffer, charset: string): string | null {
  const name = charset.trim().toLowerCase()
  if (/^(?:cs)?iso-?2022-?jp/.test(name)) {
    return Encoding.convert(Array.from(bytes), { to: 'UNICODE', from: 'JIS', type: 'string' })
  }
  if (isUtf8Label(name)) return isUtf8(bytes) ? bytes.toString('utf8') : null
  const known = name === 'ks_c_5601-1987' ? 'cp949' : name
  if (!iconv.encodingExists(known)) return null
  return iconv.decode(bytes, known)
}

export function isUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes)
    return true
  } catch {
    return false
  }
}
