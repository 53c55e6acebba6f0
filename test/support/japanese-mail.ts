// Japanese mail as Japanese mail clients write it: ISO-2022-JP (7-bit, the traditional encoding of
// mail in Japan) and Shift_JIS (Windows and mobile phones), headers as RFC 2047 encoded words.
// iconv-lite (a dependency of mailparser) encodes Shift_JIS and EUC-JP; ISO-2022-JP is EUC-JP's
// JIS X 0208 bytes with the high bits cleared, between escape sequences.
import iconv from 'iconv-lite'

export type JapaneseCharset = 'iso-2022-jp' | 'shift_jis'

const toJis = Buffer.from([0x1b, 0x24, 0x42]) // ESC $ B
const toAscii = Buffer.from([0x1b, 0x28, 0x42]) // ESC ( B

/** Text in ISO-2022-JP: ASCII as is, JIS X 0208 characters between ESC $ B and ESC ( B. */
export function encodeIso2022Jp(text: string): Buffer {
  const euc = iconv.encode(text, 'euc-jp')
  const out: Buffer[] = []
  let inJis = false
  for (let i = 0; i < euc.length; i++) {
    const byte = euc[i]!
    if (byte < 0x80) {
      if (inJis) out.push(toAscii)
      inJis = false
      out.push(Buffer.from([byte]))
      continue
    }
    if (byte === 0x8e || byte === 0x8f) throw new Error('half-width katakana and JIS X 0212 have no place in ISO-2022-JP')
    if (!inJis) out.push(toJis)
    inJis = true
    out.push(Buffer.from([byte & 0x7f, euc[++i]! & 0x7f]))
  }
  if (inJis) out.push(toAscii)
  return Buffer.concat(out)
}

export function encodeJapanese(text: string, charset: JapaneseCharset): Buffer {
  return charset === 'iso-2022-jp' ? encodeIso2022Jp(text) : iconv.encode(text, 'shift_jis')
}

/** An RFC 2047 encoded word, as Japanese clients write subjects and names. */
export function encodedWord(text: string, charset: JapaneseCharset): string {
  const label = charset === 'iso-2022-jp' ? 'ISO-2022-JP' : 'Shift_JIS'
  return `=?${label}?B?${encodeJapanese(text, charset).toString('base64')}?=`
}

/** A complete raw mail in the charset: 7-bit for ISO-2022-JP, 8-bit bytes for Shift_JIS. */
export function japaneseMail(input: {
  charset: JapaneseCharset
  from: { name: string; address: string }
  to: string
  subject: string
  body: string
  messageId: string
}): Buffer {
  const { charset } = input
  const label = charset === 'iso-2022-jp' ? 'ISO-2022-JP' : 'Shift_JIS'
  const head = [
    `From: ${encodedWord(input.from.name, charset)} <${input.from.address}>`,
    `To: ${input.to}`,
    `Subject: ${encodedWord(input.subject, charset)}`,
    'Date: Wed, 15 Nov 2023 10:00:00 +0900',
    `Message-ID: ${input.messageId}`,
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset=${label}`,
    `Content-Transfer-Encoding: ${charset === 'iso-2022-jp' ? '7bit' : '8bit'}`,
    '',
    '',
  ].join('\r\n')
  const body = encodeJapanese(input.body.replace(/\r?\n/g, '\r\n'), charset)
  return Buffer.concat([Buffer.from(head, 'ascii'), body, Buffer.from('\r\n')])
}
