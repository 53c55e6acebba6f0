// Answers with a file the build wrote (the agent app's page, scripts, styles, PGlite's wasm and data, the
// chat widget), compressed as the client accepts: the build keeps NAME.br (brotli) and NAME.gz (gzip)
// next to each file they make smaller (scripts/precompress.ts), so nothing is compressed per request.
// Brotli is preferred, then gzip, else the file itself; a client that did not ask for an encoding never
// gets one. Every answer says it varies by Accept-Encoding, so no cache hands one client's bytes to another.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { getMimeType } from 'hono/utils/mime'

/** The files the build compresses (images and fonts are compressed already). */
export const compressibleFile = /\.(?:js|mjs|css|html|svg|json|wasm|data|txt|xml)$/

const encodings = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const
type Encoding = (typeof encodings)[number]['name']

/** NAME.br or NAME.gz of a compressible NAME: a variant the build wrote, never a name to ask for. */
export function isVariantName(name: string): boolean {
  return encodings.some(({ suffix }) => name.endsWith(suffix) && compressibleFile.test(name.slice(0, -suffix.length)))
}

/**
 * The encodings an Accept-Encoding header asks for, most wanted first (by q-value, brotli first at equal
 * q). Only encodings named outright count: `*` and `identity` never bring a compressed body.
 */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const wanted = new Map<string, number>()
  for (const part of (header ?? '').split(',')) {
    const [token = '', ...params] = part.split(';').map((piece) => piece.trim())
    const q = params.find((param) => /^q\s*=/i.test(param))
    // A q-value that is not one (RFC 9110: 0 to 1, three decimals at most) refuses rather than guesses.
    const weight = q === undefined ? 1 : /^q\s*=\s*(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i.test(q) ? Number(q.split('=')[1]) : 0
    const name = token.toLowerCase() === 'x-gzip' ? 'gzip' : token.toLowerCase()
    wanted.set(name, Math.max(weight, wanted.get(name) ?? 0))
  }
  return encodings
    .filter(({ name }) => (wanted.get(name) ?? 0) > 0)
    .sort((a, b) => (wanted.get(b.name) ?? 0) - (wanted.get(a.name) ?? 0))
    .map(({ name }) => name)
}

/**
 * The file at `file` as a Response in the best encoding the request accepts, with `headers` added; null
 * when the build did not write it.
 */
export async function builtFileResponse(
  file: URL | string,
  acceptEncoding: string | undefined,
  headers: Record<string, string>,
): Promise<Response | null> {
  const path = typeof file === 'string' ? file : fileURLToPath(file)
  const type = getMimeType(path) ?? 'application/octet-stream'
  for (const encoding of acceptedEncodings(acceptEncoding)) {
    const body = await readIfBuilt(path + encodings.find(({ name }) => name === encoding)!.suffix)
    if (body) return answer(body, type, headers, encoding)
  }
  const body = await readIfBuilt(path)
  return body && answer(body, type, headers, null)
}

function readIfBuilt(path: string): Promise<Buffer | null> {
  return readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'EISDIR') return null
    throw error
  })
}

function answer(body: Buffer, type: string, headers: Record<string, string>, encoding: Encoding | null): Response {
  const encoded: Record<string, string> = encoding ? { 'Content-Encoding': encoding } : {}
  return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), {
    status: 200,
    headers: {
      'Content-Type': type,
      'Content-Length': String(body.byteLength),
      Vary: 'Accept-Encoding',
      ...encoded,
      ...headers,
    },
  })
}
