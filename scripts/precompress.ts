// The last step of `npm run build`: writes NAME.br (brotli) and NAME.gz (gzip) next to every compressible
// file vite built into dist/client and dist/widget, so the server sends compressed bytes without
// compressing per request, and prints each file's size as raw, brotli and gzip: the build's summary.
// Brotli runs at its best quality (11), which takes about 20 s for PGlite's 9 MB wasm (quality 9: 2 s,
// but 13% larger); results are kept by content in dist/.precompressed (which vite does not empty and
// npm ci does not remove), so only files that changed since an earlier build are compressed again:
// PGlite's files change only with its version.
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { compressibleFile } from '../server/http/built-file.ts'

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

const brotliQuality = 11
const keptDays = 30

export interface Compressed {
  file: string
  raw: number
  /** Sizes of the variants written; null when compressing did not make the file smaller (none written). */
  br: number | null
  gz: number | null
}

/** Compresses every compressible file under each folder; `cacheDir` keeps brotli results by content. */
export async function precompress(folders: string[], cacheDir: string): Promise<Compressed[]> {
  await mkdir(cacheDir, { recursive: true })
  const files = (await Promise.all(folders.map((folder) => filesUnder(folder))))
    .flat()
    .filter((file) => compressibleFile.test(file))
  // zlib runs on libuv's thread pool: the files compress in parallel, the largest first.
  const sized = await Promise.all(files.map(async (file) => ({ file, size: (await stat(file)).size })))
  sized.sort((a, b) => b.size - a.size)
  const results = await Promise.all(sized.map(({ file }) => compressOne(file, cacheDir)))
  await forgetUnused(cacheDir)
  return results
}

async function compressOne(file: string, cacheDir: string): Promise<Compressed> {
  const bytes = await readFile(file)
  const [br, gz] = await Promise.all([brotliOf(bytes, cacheDir), gzipped(bytes, { level: 9 })])
  return {
    file,
    raw: bytes.length,
    br: await keepIfSmaller(`${file}.br`, br, bytes),
    gz: await keepIfSmaller(`${file}.gz`, gz, bytes),
  }
}

async function keepIfSmaller(path: string, variant: Buffer, original: Buffer): Promise<number | null> {
  if (variant.length >= original.length) {
    await rm(path, { force: true })
    return null
  }
  await writeFile(path, variant)
  return variant.length
}

async function brotliOf(bytes: Buffer, cacheDir: string): Promise<Buffer> {
  const key = createHash('sha256').update(`q${brotliQuality}\0`).update(bytes).digest('hex')
  const cached = join(cacheDir, `${key}.br`)
  const kept = await readFile(cached).catch(() => null)
  if (kept) {
    const now = new Date()
    await utimes(cached, now, now)
    return kept
  }
  const compressed = await brotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: brotliQuality,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  })
  // Written whole under a temporary name first: a build stopped half-way never leaves a torn entry.
  const partial = `${cached}.${process.pid}.tmp`
  await writeFile(partial, compressed)
  await rename(partial, cached)
  return compressed
}

/** The cache holds what builds of the last month used, not every build ever made. */
async function forgetUnused(cacheDir: string): Promise<void> {
  const oldest = Date.now() - keptDays * 24 * 3600 * 1000
  for (const name of await readdir(cacheDir)) {
    const path = join(cacheDir, name)
    // Another build may be renaming its entry into place at this moment.
    const modified = await stat(path).then(
      (info) => info.mtimeMs,
      () => Date.now(),
    )
    if (modified < oldest) await rm(path, { force: true })
  }
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

export function summary(results: Compressed[], root: string, seconds: number): string {
  const kB = (bytes: number | null) => (bytes === null ? '-' : `${(bytes / 1024).toFixed(1)} kB`)
  const rows = [...results].sort((a, b) => b.raw - a.raw).map((r) => [relative(root, r.file), kB(r.raw), kB(r.br), kB(r.gz)])
  const sum = (pick: (r: Compressed) => number | null) => results.reduce((total, r) => total + (pick(r) ?? r.raw), 0)
  rows.push(['total', kB(sum((r) => r.raw)), kB(sum((r) => r.br)), kB(sum((r) => r.gz))])
  const header = ['file', 'raw', 'brotli', 'gzip']
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)))
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')
  return [`compressed in ${seconds.toFixed(1)} s`, line(header), ...rows.map(line)].join('\n')
}

if (process.argv[1] === import.meta.filename) {
  const root = resolve(import.meta.dirname, '..')
  const started = performance.now()
  const results = await precompress([join(root, 'dist/client'), join(root, 'dist/widget')], join(root, 'dist/.precompressed'))
  process.stdout.write(`${summary(results, join(root, 'dist'), (performance.now() - started) / 1000)}\n`)
}
