// The built app over HTTP as a browser gets it: files compressed at build time (scripts/precompress.ts)
// and sent in the encoding the request accepts, with the headers caches and service workers rely on.
// The build here is a small one in a temporary folder (the server's own routes serve it), so the test
// needs no `npm run build`.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { precompress } from '../../scripts/precompress.ts'
import type { AppDeps } from '../../server/http/app-deps.ts'
import { appRoutes } from '../../server/http/routes/app-routes.ts'
import { widgetRoutes } from '../../server/http/routes/widget-routes.ts'
import { appPagePolicy, securityHeaders } from '../../server/http/security-headers.ts'

const pglite = join(import.meta.dirname, '../../node_modules/@electric-sql/pglite/dist')
const folder = mkdtempSync(join(tmpdir(), 'built-app-'))
const app = join(folder, 'client')
const widget = join(folder, 'widget', 'widget.js')
const assets = {
  script: 'index-Ab12Cd34.js',
  wasm: 'initdb-Ef56Gh78.wasm',
  data: 'pglite-Ij90Kl12.data',
  tiny: 'tiny-Mn34Op56.js',
}
let server: ReturnType<typeof serve>
let base = ''

beforeAll(async () => {
  mkdirSync(join(app, 'assets'), { recursive: true })
  mkdirSync(join(folder, 'widget'))
  const page = [
    '<!doctype html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8" />',
    '    <meta name="viewport" content="width=device-width, initial-scale=1" />',
    '    <meta name="color-scheme" content="light" />',
    '    <title>Helpdesk</title>',
    `    <script type="module" crossorigin src="/assets/${assets.script}"></script>`,
    '    <link rel="stylesheet" crossorigin href="/assets/index-Qr78St90.css">',
    '  </head>',
    '  <body>',
    '    <div id="app"></div>',
    '  </body>',
    '</html>',
  ]
  writeFileSync(join(app, 'index.html'), page.join('\n'))
  copyFileSync(join(import.meta.dirname, '../../client/public/sw.js'), join(app, 'sw.js'))
  const script = Array.from({ length: 2000 }, (_, i) => `export const line${i} = ${JSON.stringify(`ticket ${i % 37}`)}\n`).join(
    '',
  )
  writeFileSync(join(app, 'assets', assets.script), script)
  copyFileSync(join(pglite, 'initdb.wasm'), join(app, 'assets', assets.wasm))
  // Like PGlite's file system image: runs of zeros and repeated structures among varied bytes.
  const data = Buffer.alloc(256 * 1024)
  for (let i = 0; i < data.length; i += 1) data[i] = i % 4096 < 1024 ? 0 : (i * 2654435761) >>> 24
  writeFileSync(join(app, 'assets', assets.data), data)
  writeFileSync(join(app, 'assets', assets.tiny), 'x()')
  writeFileSync(widget, `(function(){${'document.title;'.repeat(400)}})()`)
  await precompress([app, join(folder, 'widget')], join(folder, 'cache'))

  const deps = { config: { publicUrl: 'http://127.0.0.1' }, database: {} } as unknown as AppDeps
  const hono = new Hono()
  hono.use('*', securityHeaders())
  hono.route('/', appRoutes(pathToFileURL(`${app}/`)))
  hono.route('/', widgetRoutes(deps, widget))
  await new Promise<void>((resolve) => {
    server = serve({ fetch: hono.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`
      resolve()
    })
  })
})

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  rmSync(folder, { recursive: true, force: true })
})

interface Raw {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** A request whose body comes back exactly as sent (fetch would decode it). */
function get(path: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
    request(`${base}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }))
      response.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}

function decoded(response: Raw): Buffer {
  const encoding = response.headers['content-encoding']
  if (encoding === 'br') return brotliDecompressSync(response.body)
  if (encoding === 'gzip') return gunzipSync(response.body)
  expect(encoding).toBeUndefined()
  return response.body
}

const served = [
  { path: `/assets/${assets.script}`, file: join(app, 'assets', assets.script), type: 'text/javascript; charset=utf-8' },
  { path: `/assets/${assets.wasm}`, file: join(app, 'assets', assets.wasm), type: 'application/wasm' },
  { path: `/assets/${assets.data}`, file: join(app, 'assets', assets.data), type: 'application/octet-stream' },
  { path: '/', file: join(app, 'index.html'), type: 'text/html; charset=utf-8' },
  { path: '/sw.js', file: join(app, 'sw.js'), type: 'text/javascript; charset=utf-8' },
  { path: '/widget.js', file: widget, type: 'text/javascript; charset=utf-8' },
]

describe.each(served)('$path', ({ path, file, type }) => {
  const original = () => readFileSync(file)

  test.each([
    { accept: 'br', expected: 'br' },
    { accept: 'gzip, deflate, br, zstd', expected: 'br' },
    { accept: 'gzip', expected: 'gzip' },
    { accept: 'gzip, deflate, br;q=0', expected: 'gzip' },
    { accept: 'br;q=0.5, gzip', expected: 'gzip' },
  ])('Accept-Encoding: $accept gets $expected, and decodes to the built file', async ({ accept, expected }) => {
    const response = await get(path, accept)
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBe(expected)
    expect(response.headers.vary).toBe('Accept-Encoding')
    expect(response.headers['content-type']).toBe(type)
    expect(Number(response.headers['content-length'])).toBe(response.body.length)
    expect(response.body.length).toBeLessThan(original().length)
    expect(decoded(response).equals(original())).toBe(true)
  })

  test.each([
    { accept: undefined },
    { accept: '' },
    { accept: 'identity' },
    { accept: '*' },
    { accept: 'deflate' },
    { accept: 'br;q=0, gzip;q=0' },
  ])('Accept-Encoding: $accept gets the file itself', async ({ accept }) => {
    const response = await get(path, accept)
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers.vary).toBe('Accept-Encoding')
    expect(response.headers['content-type']).toBe(type)
    expect(Number(response.headers['content-length'])).toBe(original().length)
    expect(response.body.equals(original())).toBe(true)
  })
})

test('hashed assets are kept for a year; the page and the service worker are checked every time', async () => {
  for (const name of Object.values(assets)) {
    expect((await get(`/assets/${name}`, 'br')).headers['cache-control'], name).toBe('public, max-age=31536000, immutable')
  }
  for (const path of ['/', '/sw.js']) {
    for (const accept of ['br', 'gzip', undefined]) {
      expect((await get(path, accept)).headers['cache-control'], `${path} ${accept}`).toBe('no-cache')
    }
  }
  expect((await get('/widget.js', 'br')).headers['cache-control']).toBe('public, max-age=300')
})

test('the page, the service worker and scripts (a worker runs under its own) keep the app policy in every encoding; other assets get the policy that allows nothing', async () => {
  for (const path of ['/', '/sw.js', `/assets/${assets.script}`]) {
    for (const accept of ['br', 'gzip', undefined]) {
      const response = await get(path, accept)
      expect(response.headers['content-security-policy'], `${path} ${accept}`).toBe(appPagePolicy)
    }
  }
  const asset = await get(`/assets/${assets.wasm}`, 'br')
  expect(asset.headers['content-security-policy']).toBe(
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  )
  expect(asset.headers['x-content-type-options']).toBe('nosniff')
})

test('a file compression does not make smaller is sent as it is, whatever is accepted', async () => {
  const response = await get(`/assets/${assets.tiny}`, 'br, gzip')
  expect(response.status).toBe(200)
  expect(response.headers['content-encoding']).toBeUndefined()
  expect(response.body.toString()).toBe('x()')
})

test('names that are not built assets stay 404: compressed variants, hidden files, paths out of the folder', async () => {
  for (const path of [
    `/assets/${assets.script}.br`,
    `/assets/${assets.script}.gz`,
    `/assets/${assets.wasm}.br`,
    '/assets/..%2Findex.html',
    '/assets/%2E%2E%2Fsw.js',
    '/assets/.hidden',
    '/assets/no-such-file.js',
    '/index.html.br',
    '/sw.js.gz',
  ]) {
    for (const accept of ['br', undefined]) {
      expect((await get(path, accept)).status, `${path} ${accept}`).toBe(404)
    }
  }
})
