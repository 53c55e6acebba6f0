import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { expect, test } from 'vitest'
import type { AppDeps } from '../../../../server/http/app-deps.ts'
import { errorResponse } from '../../../../server/http/error-response.ts'
import { widgetRoutes } from '../../../../server/http/routes/widget-routes.ts'
import { createLogger } from '../../../../server/log.ts'

const deps = { config: { publicUrl: 'http://helpdesk.test' }, database: {} } as unknown as AppDeps

function appServing(file: string): Hono {
  const app = new Hono()
  app.onError((error, c) => errorResponse(c, error, createLogger('silent')))
  app.route('/', widgetRoutes(deps, file))
  return app
}

test('serves the built widget as JavaScript with a short cache', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'widget-')), 'widget.js')
  writeFileSync(file, '(function(){})()')
  const response = await appServing(file).request('/widget.js')
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  expect(response.headers.get('cache-control')).toBe('public, max-age=300')
  expect(await response.text()).toBe('(function(){})()')
})

test('answers a clear 500 telling to build when the widget was never built', async () => {
  const response = await appServing(join(tmpdir(), 'no-such-dir', 'widget.js')).request('/widget.js')
  expect(response.status).toBe(500)
  expect(await response.json()).toEqual({
    error: { code: 'internal', message: 'The chat widget is not built: run npm run build.' },
  })
})
