// Runs a macro on tickets through the server (POST /api/macros/:id/run): it needs a connection, since the
// server checks each ticket and step; the changes reach this app through the sync stream.
import { type MacroRunResult, macroRunResponseSchema } from '../../../shared/schema/macro.ts'
import { api } from '../net/http.ts'

export async function runMacro(macroId: string, ticketIds: readonly string[]): Promise<MacroRunResult[]> {
  const answer = await api(macroRunResponseSchema, 'POST', `/api/macros/${macroId}/run`, { ticketIds })
  return answer.results
}
