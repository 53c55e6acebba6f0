// A WhatsApp order (the customer sent their cart from the catalogue) as text an agent reads: one line
// per product with quantity and unit price, the total when every line has a price in one currency,
// and what the customer wrote along with it.
import type { WhatsappOrder } from './whatsapp-payload.ts'

export function orderText(order: WhatsappOrder): string {
  const lines = order.product_items.map((item) => {
    const quantity = item.quantity ?? 1
    const price = item.item_price === undefined ? '' : ` at ${money(item.item_price, item.currency)} each`
    return `• ${quantity} × ${item.product_retailer_id}${price}`
  })
  const currencies = new Set(order.product_items.map((item) => item.currency))
  const priced = order.product_items.every((item) => item.item_price !== undefined)
  const total =
    priced && currencies.size === 1 && lines.length > 0
      ? order.product_items.reduce((sum, item) => sum + item.item_price! * (item.quantity ?? 1), 0)
      : null
  const head = `🛒 Order${order.catalog_id ? ` from catalogue ${order.catalog_id}` : ''}: ${count(order)}`
  return [
    head,
    ...lines,
    ...(total === null ? [] : [`Total: ${money(total, [...currencies][0])}`]),
    ...(order.text ? [order.text] : []),
  ].join('\n')
}

function count(order: WhatsappOrder): string {
  const n = order.product_items.length
  return n === 1 ? '1 product' : `${n} products`
}

/** 12.5 EUR as "€12.50"; a code Intl does not know stays as written ("12.5 XYZ"). */
function money(amount: number, currency: string | undefined): string {
  if (!currency) return String(amount)
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount)
  } catch {
    return `${amount} ${currency}`
  }
}
