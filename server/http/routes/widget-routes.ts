// GET /widget.js, the live-chat widget built by vite (npm run build; npm start builds first when the
// sources changed), sent compressed as the visitor's browser accepts, and
// GET /chat-demo?channel=<id>, a page that embeds it for people trying the product.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Hono } from 'hono'
import { AppError } from '../../../shared/errors.ts'
import { uuidPattern } from '../../../shared/schema/common.ts'
import { findChannel } from '../../channels/channel-directory.ts'
import { widgetSnippet } from '../../channels/chat/widget-snippet.ts'
import { projectRoot } from '../../project-root.ts'
import type { AppDeps } from '../app-deps.ts'
import { builtFileResponse } from '../built-file.ts'

export const builtWidget = pathToFileURL(join(projectRoot, 'dist/widget/widget.js'))

export function widgetRoutes(deps: Pick<AppDeps, 'config' | 'database'>, widgetFile: URL | string = builtWidget): Hono {
  const app = new Hono()

  app.get('/widget.js', async (c) => {
    // Short: a new build reaches every website within minutes.
    const script = await builtFileResponse(widgetFile, c.req.header('Accept-Encoding'), {
      'Cache-Control': 'public, max-age=300',
    })
    if (!script) throw new AppError('internal', 'The chat widget is not built: run npm run build.')
    return script
  })

  app.get('/chat-demo', async (c) => {
    const channelId = c.req.query('channel') ?? ''
    const channel = uuidPattern.test(channelId) ? await findChannel(deps.database.db, channelId) : null
    if (channel?.kind !== 'chat') throw new AppError('not_found', 'Name a chat channel: /chat-demo?channel=<id>.')
    c.header('Content-Security-Policy', demoPagePolicy(deps.config.publicUrl))
    return c.html(demoPage(widgetSnippet(deps.config.publicUrl, channel.id)))
  })
  return app
}

const demoStyles = `
  body { font: 18px/1.6 Georgia, serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #222 }
  button, input, textarea { font-size: 30px; color: red; background: yellow }
  code { background: #eee; padding: .1rem .3rem }
`
const demoStylesHash = createHash('sha256').update(demoStyles).digest('base64')

/**
 * As strict as a careful customer's site: the widget's script and socket from the helpdesk, the page's
 * own style block by its hash, nothing inline or from anywhere else. The widget must work under it.
 */
function demoPagePolicy(publicUrl: string): string {
  const helpdesk = new URL(publicUrl)
  const socket = `${helpdesk.protocol === 'https:' ? 'wss:' : 'ws:'}//${helpdesk.host}`
  return [
    "default-src 'none'",
    `script-src 'self' ${helpdesk.origin}`,
    `style-src 'sha256-${demoStylesHash}'`,
    `connect-src 'self' ${helpdesk.origin} ${socket}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** A plain page with loud styles of its own: the widget must look the same on it. */
function demoPage(snippet: string): string {
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Live chat demo</title>
<style>${demoStyles}</style>
<h1>Live chat demo</h1>
<p>This page stands for your website. The chat button in the corner opens the widget; what you write there
becomes a ticket in the helpdesk, and an agent's reply appears here at once.</p>
<p>To put the widget on a page of yours, add this line to it:</p>
<p><code>${snippet.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</code></p>
${snippet}
</html>
`
}
