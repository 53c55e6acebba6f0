// Which merges into a profile are still in effect, read from its audit log (pure): for each merged-in
// profile its newest row decides; a merge row names the identities it brought, the first one labels it.
import type { AuditItem } from '../../../shared/schema/audit.ts'

export interface OpenMerge {
  sourceId: string
  label: string
}

/** The merges still in effect: for each merged-in profile, its newest row decides (newest first). */
export function openMerges(items: readonly AuditItem[]): OpenMerge[] {
  const seen = new Set<string>()
  const open: OpenMerge[] = []
  for (const item of items) {
    const sourceId = typeof item.details.sourceId === 'string' ? item.details.sourceId : null
    if (!sourceId || seen.has(sourceId)) continue
    if (item.action !== 'contact.merged' && item.action !== 'contact.merge_undone') continue
    seen.add(sourceId)
    if (item.action === 'contact.merge_undone') continue
    const identities = Array.isArray(item.details.identities) ? (item.details.identities as { value?: unknown }[]) : []
    const label = identities.map((i) => String(i.value ?? '')).filter(Boolean)[0] ?? 'a profile'
    open.push({ sourceId, label })
  }
  return open
}
