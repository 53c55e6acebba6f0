// Signed WhatsApp deliveries for the webhook rows, built before the timed part so neither building nor
// signing is measured: whatsappText per message, merged into one entry (combineWebhooks) when a delivery
// carries several, serialised as Meta does (metaJson) and signed over those bytes (signMetaBody).
import { createHmac } from 'node:crypto'
import { combineWebhooks, type MetaWebhookBody, metaJson, signMetaBody, whatsappText } from '../fakes/meta-webhooks.ts'
import { customerPhrases, familyNames, givenNames, languages, languageWeights, products } from './phrases.ts'
import type { Random } from './random.ts'

export const benchAppSecret = 'bench_app_secret'
export const benchBusinessAccountId = '102290129340398'

/** The phone number id of the bench's WhatsApp channel number `index`. */
export const benchPhoneNumberId = (index: number) => String(106540352240000 + index)

export interface SignedDelivery {
  body: Buffer
  headers: Record<string, string>
  /** The wamids it carries, in order. */
  wamids: string[]
}

export interface DeliveryPlan {
  phoneNumberId: string
  deliveries: number
  perDelivery: number
  /** The customer's number (digits) of message `k` in delivery `d`: distinct within a delivery. */
  from(d: number, k: number): string
  /** When delivery `d` was written (Meta's seconds). */
  at(d: number): Date
  random: Random
}

/** A customer number as Meta writes it: digits only, here +49 1512 and nine digits. */
export const customerNumber = (n: number) => `491512${String(n).padStart(9, '0')}`

export function buildDeliveries(plan: DeliveryPlan): SignedDelivery[] {
  const out: SignedDelivery[] = []
  for (let d = 0; d < plan.deliveries; d++) {
    const singles = Array.from({ length: plan.perDelivery }, (_, k) =>
      whatsappText({
        phoneNumberId: plan.phoneNumberId,
        businessAccountId: benchBusinessAccountId,
        from: plan.from(d, k),
        name: `${plan.random.pick(givenNames)} ${plan.random.pick(familyNames)}`,
        text: customerText(plan.random, d * plan.perDelivery + k),
        at: plan.at(d),
      }),
    )
    out.push(sign(singles.length === 1 ? singles[0]! : combineWebhooks(singles, { merge: true })))
  }
  return out
}

function customerText(random: Random, n: number): string {
  const language = random.weighted(
    languages,
    languages.map((l) => languageWeights[l]),
  )
  return random.pick(customerPhrases[language]).replace('{p}', random.pick(products)).replace('{n}', String(n))
}

function sign(body: MetaWebhookBody): SignedDelivery {
  const raw = metaJson(body)
  const messages = body.entry.flatMap((e) => e.changes ?? []).flatMap((c) => (c.value.messages as { id: string }[]) ?? [])
  return {
    body: Buffer.from(raw, 'utf8'),
    headers: {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'x-hub-signature-256': signMetaBody(raw, benchAppSecret),
      'x-hub-signature': 'sha1=' + createHmac('sha1', benchAppSecret).update(raw, 'utf8').digest('hex'),
    },
    wamids: messages.map((m) => m.id),
  }
}
