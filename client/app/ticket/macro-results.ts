// What a macro run tells the agent: how many tickets it changed, and each step skipped or ticket refused,
// in plain words (a tag deleted since the macro was saved is a notice, not a failure).
import type { Macro, MacroRunResult } from '../../../shared/schema/macro.ts'

export function macroNotice(macro: Pick<Macro, 'name'>, results: readonly MacroRunResult[]): string {
  const done = results.filter((r) => r.ok).length
  const lines = [`Macro “${macro.name}” ran on ${done === 1 ? '1 ticket' : `${done} tickets`}.`]
  const reasons = new Set(results.flatMap((r) => (r.skipped ?? []).map((s) => s.reason)))
  for (const reason of reasons) lines.push(`Skipped: ${reason}`)
  const refused = results.filter((r) => !r.ok)
  if (refused.length) {
    const why = [...new Set(refused.map((r) => r.error?.message ?? 'refused'))].join(' ')
    lines.push(`Not changed: ${refused.length === 1 ? '1 ticket' : `${refused.length} tickets`} (${why})`)
  }
  return lines.join(' ')
}
