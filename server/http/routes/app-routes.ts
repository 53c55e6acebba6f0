// The agent app, built by vite into dist/client (npm run build; npm start builds first when the sources
// changed): the page at /, its hashed assets (cached for a year: a new build has new names), the PGlite
// wasm and data files, and the service worker that keeps the app shell for offline starts (never cached,
// so updates reach it). Each is sent compressed as the browser accepts, from the build's .br and .gz files.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Hono } from 'hono'
import { projectRoot } from '../../project-root.ts'
import { builtFileResponse, isVariantName } from '../built-file.ts'
import { appPagePolicy } from '../security-headers.ts'

export const builtApp = pathToFileURL(join(projectRoot, 'dist/client/'))

const notBuilt = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Helpdesk</title>
<h1>The agent app is not built</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first) and reload this page.
The REST API works without it: its contract is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</html>`

export function appRoutes(root: URL = builtApp): Hono {
  const app = new Hono()
  const send = (path: string, acceptEncoding: string | undefined, headers: Record<string, string>) =>
    builtFileResponse(new URL(path, root), acceptEncoding, headers)

  app.get('/', async (c) => {
    const page = await send('index.html', c.req.header('Accept-Encoding'), {
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': appPagePolicy,
    })
    if (page) return page
    c.header('Cache-Control', 'no-cache')
    return c.html(notBuilt, 503)
  })
  app.get('/sw.js', async (c) => {
    // A service worker runs under the policy its script was served with.
    const script = await send('sw.js', c.req.header('Accept-Encoding'), {
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': appPagePolicy,
    })
    return script ?? c.notFound()
  })
  // Browsers ask for it on their own; a 404 would be an error in every tab's console.
  app.get('/favicon.ico', async (c) => {
    const icon = await send('favicon.ico', c.req.header('Accept-Encoding'), { 'Cache-Control': 'public, max-age=86400' })
    return icon ?? c.notFound()
  })
  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name')
    // Built names only: no path can leave the assets folder, and a compressed variant is not asked for by name.
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.') || isVariantName(name)) return c.notFound()
    const file = await send(`assets/${name}`, c.req.header('Accept-Encoding'), {
      'Cache-Control': 'public, max-age=31536000, immutable',
      // A worker runs under the policy its script was served with (the local database's worker fetches
      // PGlite's files and compiles its wasm); for scripts a page loads, the page's policy rules.
      ...(name.endsWith('.js') ? { 'Content-Security-Policy': appPagePolicy } : {}),
    })
    return file ?? c.notFound()
  })
  return app
}
