// Web-form fixtures: a form channel, and a customer's submission posted to it as their browser would
// (no session, JSON unless told otherwise).
import { ApiClient, type ApiResponse } from './api-client.ts'

export interface Submission {
  name?: unknown
  email?: unknown
  phone?: unknown
  subject?: unknown
  message?: unknown
  website?: unknown
}

/** Creates a form channel (as the signed-in admin) and returns its id. */
export async function createFormChannel(admin: ApiClient, name = 'Website'): Promise<string> {
  const response = await admin.post('/api/channels', { kind: 'form', name, config: {} })
  if (response.status !== 201) throw new Error(`form channel not created: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body.channel.id
}

/** Posts a submission as JSON from an anonymous browser (a string is sent as the raw body). */
export function submitForm(
  baseUrl: string,
  channelId: string,
  submission: Submission | string,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  return new ApiClient(baseUrl).post(`/webhooks/form/${channelId}`, submission, headers)
}

/** Posts a submission the way a plain HTML form does: application/x-www-form-urlencoded. */
export function submitHtmlForm(
  baseUrl: string,
  channelId: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  return new ApiClient(baseUrl).post(`/webhooks/form/${channelId}`, new URLSearchParams(fields).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    ...headers,
  })
}
