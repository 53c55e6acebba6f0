// A received mail made readable before it is parsed: every header block readable as UTF-8 (see
// repair-headers.ts), and every text part the parser would misread (no charset label on 8-bit or
// ISO-2022-JP bytes, a label the bytes do not fit, UTF-7, which the parser refuses) rewritten as UTF-8.
// The MIME structure is walked by mailsplit, the splitter the parser itself uses, so both see the same
// parts; every other byte is passed on untouched.
import { Readable, Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Joiner, type MimeNode, Splitter, type SplitterChunk } from '@zone-eu/mailsplit'
import { repairHeaderBlock } from './repair-headers.ts'
import { isUtf8Label, repairedText } from './text-charset.ts'

export async function repairCharsets(raw: Buffer): Promise<Buffer> {
  const out: Buffer[] = []
  await pipeline(Readable.from([raw]), new Splitter(), new CharsetRepair(declaredCharsets(raw)), new Joiner(), async (joined) => {
    for await (const chunk of joined) out.push(chunk as Buffer)
  })
  return Buffer.concat(out)
}

/** The charsets the mail names anywhere (parameters, encoded words): what its raw bytes most likely are. */
function declaredCharsets(raw: Buffer): string[] {
  const text = raw.toString('latin1')
  const named = [...text.matchAll(/charset\s*=\s*"?([\w.:-]+)|=\?([\w.:-]+)(?:\*[\w-]+)?\?[qb]\?/gi)]
  return [...new Set(named.map((m) => (m[1] ?? m[2])!.toLowerCase()))].filter((name) => !isUtf8Label(name))
}

class CharsetRepair extends Transform {
  /** A text part whose body is being gathered, to be checked once it ends. */
  private held: { node: MimeNode; body: Buffer[] } | null = null

  constructor(private readonly hints: readonly string[]) {
    super({ objectMode: true })
  }

  override _transform(chunk: SplitterChunk, _encoding: BufferEncoding, done: TransformCallback): void {
    if (chunk.type === 'body' && this.held && chunk.node === this.held.node) {
      this.held.body.push(chunk.value)
      done()
      return
    }
    this.release().then(() => {
      if (chunk.type === 'node' && isTextPart(chunk)) this.held = { node: chunk, body: [] }
      else if (chunk.type === 'node') this.push(repairHeaderBlock(chunk.getHeaders(), this.hints))
      else this.push(chunk.value)
      done()
    }, done)
  }

  override _flush(done: TransformCallback): void {
    this.release().then(() => done(), done)
  }

  /** The held text part, as received or, when its charset needed it, rewritten as UTF-8 base64. */
  private async release(): Promise<void> {
    const held = this.held
    if (!held) return
    this.held = null
    const encoded = Buffer.concat(held.body)
    const text = repairedText(await decoded(held.node, encoded), held.node.charset || null)
    if (text === null) {
      this.push(repairHeaderBlock(held.node.getHeaders(), this.hints))
      this.push(encoded)
      return
    }
    const node = held.node
    if (node.headers) node.headers.update('Content-Transfer-Encoding', 'base64')
    node.setCharset('utf-8')
    this.push(repairHeaderBlock(node.getHeaders(), this.hints))
    const base64 = Buffer.from(text, 'utf8').toString('base64')
    this.push(Buffer.from(`${base64.replace(/.{76}/g, '$&\r\n')}\r\n`, 'latin1'))
  }
}

/** A text body the parser decodes with a charset: plain or HTML, not an attachment. */
function isTextPart(node: MimeNode): boolean {
  const type = node.contentType || (node.root ? 'text/plain' : '')
  return (type === 'text/plain' || type === 'text/html') && node.disposition !== 'attachment'
}

/** The body's bytes with its transfer encoding (base64, quoted-printable) undone. */
function decoded(node: MimeNode, encoded: Buffer): Promise<Buffer> {
  const decoder = node.getDecoder()
  const parts: Buffer[] = []
  return new Promise((resolve, reject) => {
    decoder.on('data', (part: Buffer) => parts.push(part))
    decoder.once('end', () => resolve(Buffer.concat(parts)))
    decoder.once('error', reject)
    decoder.end(encoded)
  })
}
