import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Hono } from 'hono'
import { expect, test } from 'vitest'
import type { AppDeps } from '../../../../server/http/app-deps.ts'
import { appRoutes } from '../../../../server/http/routes/app-routes.ts'
import { widgetRoutes } from '../../../../server/http/routes/widget-routes.ts'
import { securityHeaders } from '../../../../server/http/security-headers.ts'

function builtApp(): Hono {
  const root = mkdtempSync(join(tmpdir(), 'app-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/a.js"></script>')
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  writeFileSync(join(root, 'assets', 'a.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'a.css'), 'p { color: red }')
  const app = new Hono()
  app.use('*', securityHeaders())
  app.route('/', appRoutes(pathToFileURL(`${root}/`)))
  app.get('/api/thing', (c) => c.json({ ok: true }))
  return app
}

const directives = (policy: string | null) =>
  Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  )

test('the app page runs only our own scripts and styles and cannot be framed', async () => {
  const response = await builtApp().request('/')
  const policy = directives(response.headers.get('content-security-policy'))
  expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"])
  expect(policy['style-src']).toEqual(["'self'"])
  expect(policy['object-src']).toEqual(["'none'"])
  expect(policy['frame-ancestors']).toEqual(["'none'"])
  expect(policy['base-uri']).toEqual(["'none'"])
  expect(JSON.stringify(policy)).not.toMatch(/'unsafe-inline'|"'unsafe-eval'|\*/)
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  expect(response.headers.get('referrer-policy')).toBe('no-referrer')
  expect(response.headers.get('x-frame-options')).toBe('DENY')
})

test("workers (the service worker, the local database's) run under the app policy; other assets and JSON under a policy that allows nothing", async () => {
  const app = builtApp()
  for (const path of ['/sw.js', '/assets/a.js']) {
    const worker = await app.request(path)
    expect(directives(worker.headers.get('content-security-policy'))['script-src'], path).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
    ])
  }
  for (const path of ['/assets/a.css', '/api/thing', '/no-such-page']) {
    const response = await app.request(path)
    expect(directives(response.headers.get('content-security-policy'))['default-src'], path).toEqual(["'none'"])
    expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
  }
})

test('the inline style block of the chat demo is allowed by its hash, nothing else inline', async () => {
  const channelId = '0b5e1f2a-4c1d-4e8f-9a3b-2c7d5e6f7a8b'
  const deps = {
    config: { publicUrl: 'https://help.example' },
    database: { db: { select: () => ({ from: () => ({ where: async () => [{ id: channelId, kind: 'chat' }] }) }) } },
  } as unknown as AppDeps
  const response = await widgetRoutes(deps).request(`/chat-demo?channel=${channelId}`)
  if (response.status !== 200) return expect.fail(`chat-demo answered ${response.status}: ${await response.text()}`)
  const html = await response.text()
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!
  const policy = directives(response.headers.get('content-security-policy'))
  expect(policy['style-src']).toEqual([`'sha256-${createHash('sha256').update(style).digest('base64')}'`])
  expect(policy['script-src']).toEqual(["'self'", 'https://help.example'])
  expect(policy['connect-src']).toEqual(["'self'", 'https://help.example', 'wss://help.example'])
  expect(html).not.toMatch(/<script>|\son\w+=/)
})
