// Rules on the email channel: a rule's saved reply leaves as mail to a person, and never answers a
// machine (an out-of-office), which only gets its priority score and SLA due times.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink.ts'
import { createEmailChannel, type EmailSetup, startEmailServer } from '../support/email-server.ts'
import { eventually } from '../support/eventually.ts'
import { uniqueEmail } from '../support/unique.ts'

const mailbox = 'help@rules.example'
let setup: EmailSetup
let sink: SmtpSink

beforeAll(async () => {
  sink = await startSmtpSink()
  setup = await startEmailServer({ SMTP_URL: sink.url })
  await createEmailChannel(setup.api, { address: mailbox, fromName: 'Rules Support' })
})
afterAll(async () => {
  await setup?.server.stop()
  await sink?.close()
})

async function ticketWith(text: string) {
  const found = await setup.api.get(`/api/tickets?channel=email&q=${encodeURIComponent(text)}`)
  expect(found.body.items).toHaveLength(1)
  return (await setup.api.get(`/api/tickets/${found.body.items[0].id}`)).body
}

test("a rule's reply goes out by mail to a person and never to an out-of-office", async () => {
  const rule = await setup.api.post('/api/rules', {
    name: 'Acknowledge every mail',
    event: 'ticket_created',
    actions: [{ type: 'send_reply', body: 'We have your mail and answer within a day.' }],
  })
  expect(rule.status).toBe(201)
  const robot = uniqueEmail('robot')
  await setup.send({
    from: robot,
    to: mailbox,
    subject: 'Automatic reply',
    text: 'Out of the office (gannet3310).',
    headers: { 'Auto-Submitted': 'auto-replied' },
  })
  const person = uniqueEmail('person')
  await setup.send({ from: person, to: mailbox, subject: 'Order', text: 'Where is order kestrel8812?' })

  const mail = await eventually(async () => {
    const found = sink.mails.find((m) => m.envelope.to.includes(person))
    expect(found).toBeDefined()
    return found!
  })
  expect(mail.parsed.text).toContain('We have your mail and answer within a day.')
  // After-commit work runs in commit order: the machine's mail, sent first, was handled before.
  const robotTicket = await ticketWith('gannet3310')
  expect(robotTicket.messages.map((m: { direction: string }) => m.direction)).toEqual(['inbound'])
  expect(robotTicket.ticket.priorityScore).toBeGreaterThan(0)
  expect(sink.mails.some((m) => m.envelope.to.includes(robot))).toBe(false)
})
