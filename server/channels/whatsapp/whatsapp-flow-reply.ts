// A WhatsApp Flow's answers (interactive `nfm_reply`) as text: one "question: answer" line per field of
// response_json, the flow token (an id for the business's own system) left out. Field names are the
// Flow's ids, such as `screen_0_Preferred_date_1`; the screen prefix and the index suffix are dropped
// so the agent reads "Preferred date". What is not a JSON object is shown as it came.

export function flowReplyText(reply: { name?: string; body?: string; response_json?: string }): string {
  const head = `📝 Form answers${reply.name && reply.name !== 'flow' ? ` (${reply.name})` : ''}`
  const answers = parseObject(reply.response_json)
  if (!answers) return [head, reply.response_json ?? reply.body ?? ''].filter(Boolean).join('\n')
  const lines = Object.entries(answers)
    .filter(([key]) => key !== 'flow_token')
    .map(([key, value]) => `${label(key)}: ${answerText(value)}`)
  return [head, ...(lines.length ? lines : [reply.body ?? '(no answers)'])].join('\n')
}

function parseObject(json: string | undefined): Record<string, unknown> | null {
  if (!json) return null
  try {
    const value: unknown = JSON.parse(json)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

function label(key: string): string {
  const bare = key.replace(/^screen_\d+_/, '').replace(/_\d+$/, '')
  return (bare || key).replaceAll('_', ' ')
}

function answerText(value: unknown): string {
  if (Array.isArray(value)) return value.map(answerText).join(', ')
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
