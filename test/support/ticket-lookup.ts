// Finding tickets the way an agent's inbox does: through the list API, by the number a customer was given.
import type { ApiClient } from './api-client.ts'
import { type Submission, submitForm } from './form-channel.ts'

/** Every ticket the client may see (servers in tests hold far fewer than one page of 200). */
export async function allTickets(api: ApiClient, query = ''): Promise<any[]> {
  const response = await api.get(`/api/tickets?limit=200${query ? `&${query}` : ''}`)
  if (response.status !== 200) throw new Error(`ticket list failed: ${response.status} ${JSON.stringify(response.body)}`)
  if (response.body.nextCursor) throw new Error('more than 200 tickets: walk the cursor instead')
  return response.body.items
}

export async function ticketByNumber(api: ApiClient, number: number): Promise<any> {
  const ticket = (await allTickets(api)).find((t) => t.number === number)
  if (!ticket) throw new Error(`no ticket number ${number}`)
  return ticket
}

/** A customer writes through the form; returns the ticket it landed on, as the admin sees it. */
export async function ticketFromForm(admin: ApiClient, channelId: string, submission: Submission): Promise<any> {
  const response = await submitForm(admin.baseUrl, channelId, submission)
  if (response.status !== 201) throw new Error(`submission refused: ${response.status} ${JSON.stringify(response.body)}`)
  return ticketByNumber(admin, response.body.ticketNumber)
}
