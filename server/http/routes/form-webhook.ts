// POST /webhooks/form/:channelId: a website's support form, JSON or form-encoded, posted by the browser.
// A filled honeypot field is answered as a success and stored nowhere (bots learn nothing).
import type { Context } from 'hono'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { z } from 'zod'
import { AppError } from '../../../shared/errors.ts'
import { formSubmissionSchema, honeypotField } from '../../../shared/schema/form.ts'
import { validate } from '../../../shared/validate.ts'
import { findChannel } from '../../channels/channel-directory.ts'
import { formAdapter } from '../../channels/form/form-adapter.ts'
import type { AppDeps } from '../app-deps.ts'
import { readFormFields, readJson } from '../read-input.ts'

export function formWebhook(deps: AppDeps): Hono {
  const app = new Hono()
  // Forms live on the customer's own website, so any origin may post (no cookies are read here).
  app.use('*', cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type', 'Idempotency-Key'] }))

  app.post('/:channelId', async (c) => {
    const channel = await findChannel(deps.database.db, c.req.param('channelId'))
    if (channel.kind !== 'form') throw new AppError('not_found', `No form channel ${channel.id}.`)
    const { fields, htmlForm } = await readFields(c)
    if (typeof fields[honeypotField] === 'string' && fields[honeypotField] !== '') {
      deps.log.info('form submission caught by the honeypot', { channelId: channel.id })
      return reply(c, htmlForm, null)
    }
    const submission = validate(formSubmissionSchema, fields)
    const [message] = formAdapter.normalise(
      { submission, idempotencyKey: c.req.header('idempotency-key') ?? null },
      channel,
      deps.clock.now(),
    )
    const result = await deps.ingest.submit({ type: 'message', message: message! })
    return reply(c, htmlForm, result.ticketNumber)
  })
  return app
}

async function readFields(c: Context): Promise<{ fields: Record<string, unknown>; htmlForm: boolean }> {
  const type = c.req.header('content-type') ?? ''
  if (/^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(type)) {
    return { fields: await readFormFields(c), htmlForm: true }
  }
  return { fields: await readJson(c, z.record(z.string(), z.unknown())), htmlForm: false }
}

function reply(c: Context, htmlForm: boolean, ticketNumber: number | null): Response {
  const wantsHtml = htmlForm && /text\/html/.test(c.req.header('accept') ?? '')
  if (wantsHtml) {
    return c.html(
      '<!doctype html><meta charset="utf-8"><title>Thank you</title><p>Thank you, we have your message and will answer soon.</p>',
      201,
    )
  }
  return c.json({ ok: true, ticketNumber }, 201)
}
