// client/public/sw.js run against a small Cache Storage in memory: the build's list of assets decides
// what survives a new service worker taking over.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

const source = readFileSync(join(import.meta.dirname, '../../../client/public/sw.js'), 'utf8')
const origin = 'https://help.example'

type Listener = (event: Record<string, unknown>) => void

type Storage = Map<string, Map<string, string>>

/** `stored`: each cache's paths, or the storage a worker of an earlier build left. */
function serviceWorker(
  buildAssets: string[] | null,
  stored: Record<string, string[]> | Storage,
  network: Record<string, string> = {},
) {
  const storage: Storage =
    stored instanceof Map
      ? stored
      : new Map(Object.entries(stored).map(([name, paths]) => [name, new Map(paths.map((p) => [p, `kept ${p}`]))]))
  const key = (request: string | Request) => new URL(typeof request === 'string' ? request : request.url, origin).pathname
  const open = async (name: string) => {
    const entries = storage.get(name) ?? new Map<string, string>()
    storage.set(name, entries)
    const cache = {
      keys: async () => [...entries.keys()].map((path) => new Request(`${origin}${path}`)),
      delete: async (request: string | Request) => entries.delete(key(request)),
      match: async (request: string | Request) =>
        entries.has(key(request)) ? new Response(entries.get(key(request))) : undefined,
      put: async (request: string | Request, response: Response) => void entries.set(key(request), await response.text()),
      // Like Cache.add: a failed answer is refused, not kept.
      add: async (request: string) => {
        const response = await fetch(request)
        if (!response.ok) throw new TypeError(`${request} answered ${response.status}`)
        await cache.put(request, response)
      },
    }
    return cache
  }
  const caches = {
    open,
    keys: async () => [...storage.keys()],
    delete: async (name: string) => storage.delete(name),
    match: async (request: string | Request) => {
      for (const name of storage.keys()) {
        const found = await (await open(name)).match(request)
        if (found) return found
      }
      return undefined
    },
  }
  const fetch = async (request: string | Request) => {
    const body = network[key(request)]
    return body === undefined ? new Response('no', { status: 404 }) : new Response(body)
  }
  const listeners: Record<string, Listener> = {}
  const self = {
    addEventListener: (type: string, listener: Listener) => (listeners[type] = listener),
    skipWaiting: () => {},
    clients: { claim: async () => {} },
  }
  const placeholder = 'const buildAssets = null'
  expect(source).toContain(placeholder)
  const script = buildAssets === null ? source : source.replace(placeholder, `const buildAssets = ${JSON.stringify(buildAssets)}`)
  new Function('self', 'caches', 'fetch', 'location', script)(self, caches, fetch, new URL(origin))

  const dispatch = async (type: string, fields: Record<string, unknown> = {}) => {
    const pending: Promise<unknown>[] = []
    listeners[type]!({
      ...fields,
      waitUntil: (p: Promise<unknown>) => pending.push(p),
      respondWith: (p: Promise<unknown>) => pending.push(p),
    })
    return Promise.all(pending)
  }
  // What the worker keeps of the app (its own record of the replaced build aside).
  const kept = (name = 'helpdesk-shell-v1') =>
    [...(storage.get(name)?.keys() ?? [])].filter((path) => path !== '/.earlier-build-assets').sort()
  return { dispatch, kept, names: () => [...storage.keys()], storage }
}

test('a new build taking over keeps the replaced build one build longer, then drops it', async () => {
  const worker = serviceWorker(['/assets/index-new.js', '/assets/pglite-same.wasm'], {
    'helpdesk-shell-v1': ['/', '/assets/index-old.js', '/assets/worker-old.js', '/assets/pglite-same.wasm'],
    'helpdesk-shell-v0': ['/', '/assets/index-ancient.js'],
  })
  await worker.dispatch('activate')
  // A page of the replaced build may still be running and load its worker chunk from here.
  expect(worker.kept().filter((path) => path.startsWith('/assets/'))).toEqual([
    '/assets/index-old.js',
    '/assets/pglite-same.wasm',
    '/assets/worker-old.js',
  ])
  expect(worker.names()).toEqual(['helpdesk-shell-v1'])

  const next = serviceWorker(['/assets/index-next.js', '/assets/pglite-same.wasm'], worker.storage)
  await next.dispatch('activate')
  expect(next.kept().filter((path) => path.startsWith('/assets/'))).toEqual(['/assets/pglite-same.wasm'])
  expect(next.kept()).toContain('/')
})

test('an asset is kept on first use and served from the cache after', async () => {
  const worker = serviceWorker(['/assets/index-new.js'], { 'helpdesk-shell-v1': ['/'] }, { '/assets/index-new.js': 'code' })
  await worker.dispatch('activate')
  const request = new Request(`${origin}/assets/index-new.js`)
  const [answer] = (await worker.dispatch('fetch', { request })) as Response[]
  expect(await answer!.text()).toBe('code')
  await new Promise((resolve) => setTimeout(resolve, 0))
  expect(worker.kept()).toEqual(['/', '/assets/index-new.js'])
})

test('the files a page says it loaded are kept; what the server no longer has is not', async () => {
  const worker = serviceWorker(
    ['/assets/index-new.js'],
    { 'helpdesk-shell-v1': [] },
    { '/': 'page', '/assets/index-new.js': 'code' },
  )
  await worker.dispatch('message', { data: { type: 'keep', urls: ['/', '/assets/index-new.js', '/assets/index-gone.js'] } })
  expect(worker.kept()).toEqual(['/', '/assets/index-new.js'])
})

test('without a list (the dev server serves sw.js as written) nothing is dropped', async () => {
  const worker = serviceWorker(null, { 'helpdesk-shell-v1': ['/', '/assets/a.js', '/assets/b.js'] })
  await worker.dispatch('activate')
  expect(worker.kept()).toEqual(['/', '/assets/a.js', '/assets/b.js'])
})

test("a start gets the kept page at once, and the server's page is kept for the next start", async () => {
  const worker = serviceWorker(['/assets/index-new.js'], { 'helpdesk-shell-v1': ['/'] }, { '/': 'page of the new build' })
  const navigate = { url: `${origin}/`, method: 'GET', mode: 'navigate' }
  const page = async () => {
    const answers = await worker.dispatch('fetch', { request: navigate })
    return (answers.find((answer) => answer instanceof Response) as Response).text()
  }
  expect(await page()).toBe('kept /')
  expect(await page()).toBe('page of the new build')
})

test("with no page kept yet, the start waits for the server's", async () => {
  const worker = serviceWorker(['/assets/index-new.js'], { 'helpdesk-shell-v1': [] }, { '/': 'page' })
  const answers = await worker.dispatch('fetch', { request: { url: `${origin}/`, method: 'GET', mode: 'navigate' } })
  expect(await (answers.find((answer) => answer instanceof Response) as Response).text()).toBe('page')
  expect(worker.kept()).toEqual(['/'])
})
