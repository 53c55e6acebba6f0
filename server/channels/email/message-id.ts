// Message-IDs as this helpdesk stores and compares them: trimmed, in angle brackets, as in the header.
const bracketed = /<[^<>\s]+>/g

/** One Message-ID in its header form `<left@right>`; a bare `left@right` gains its brackets. */
export function normaliseMessageId(value: string): string | null {
  const inBrackets = value.match(bracketed)?.[0]
  if (inBrackets) return inBrackets
  const bare = value.trim()
  return /^[^\s<>]+@[^\s<>]+$/.test(bare) ? `<${bare}>` : null
}

/** Every Message-ID of a header such as References, in order. */
export function messageIdList(value: string): string[] {
  const inBrackets = value.match(bracketed)
  if (inBrackets) return inBrackets
  return value
    .split(/[\s,]+/)
    .map((id) => normaliseMessageId(id))
    .filter((id): id is string => id !== null)
}
