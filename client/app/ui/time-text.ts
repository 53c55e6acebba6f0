// Times as agents read them: "5 min", "3 h", "2 d" since or until a moment.
export function sinceText(iso: string | Date, now = Date.now()): string {
  return durationText(now - new Date(iso).getTime())
}

export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  if (minutes < 1) return 'now'
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ${minutes % 60 ? `${minutes % 60} min` : ''}`.trim()
  return `${Math.floor(hours / 24)} d`
}

export function clockText(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })
}
