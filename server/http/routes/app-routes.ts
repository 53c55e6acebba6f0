// The agent app, built by vite into dist/client (npm run build, run before npm start): the page at /,
// its hashed assets (cached for a year: a new build has new names), the PGlite wasm and data files, and
// the service worker that keeps the app shell for offline starts (never cached, so updates reach it).
import { readFile } from 'node:fs/promises'
import { Hono } from 'hono'
import { getMimeType } from 'hono/utils/mime'
import { appPagePolicy } from '../security-headers.ts'

export const builtApp = new URL('../../../dist/client/', import.meta.url)

const notBuilt = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Helpdesk</title>
<h1>The agent app is not built</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first) and reload this page.
The REST API works without it: its contract is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</html>`

export function appRoutes(root: URL = builtApp): Hono {
  const app = new Hono()
  const read = (path: string) => readFile(new URL(path, root)).catch(() => null)

  app.get('/', async (c) => {
    const page = await read('index.html')
    c.header('Cache-Control', 'no-cache')
    if (!page) return c.html(notBuilt, 503)
    return c.body(page, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': appPagePolicy })
  })
  app.get('/sw.js', async (c) => {
    const script = await read('sw.js')
    if (!script) return c.notFound()
    // A service worker runs under the policy its script was served with.
    return c.body(script, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': appPagePolicy,
    })
  })
  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name')
    // Built names only: no path can leave the assets folder.
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return c.notFound()
    const file = await read(`assets/${name}`)
    if (!file) return c.notFound()
    const type = getMimeType(name) ?? 'application/octet-stream'
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable' }
    // A worker runs under the policy its script was served with (the local database's worker fetches
    // PGlite's files and compiles its wasm); for scripts a page loads, the page's policy rules.
    if (type.startsWith('text/javascript')) headers['Content-Security-Policy'] = appPagePolicy
    return c.body(file, 200, headers)
  })
  return app
}
