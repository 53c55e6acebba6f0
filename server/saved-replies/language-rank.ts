// How well a reply's language fits the conversation's: the same tag first, then the same language in
// another region (`en-GB` for `en`), then replies in no language, then the rest.
export function languageRank(replyLanguage: string | null, wanted: string | null): number {
  if (!wanted) return 0
  if (!replyLanguage) return 2
  if (replyLanguage.toLowerCase() === wanted.toLowerCase()) return 0
  const primary = (tag: string) => tag.split('-')[0]!.toLowerCase()
  return primary(replyLanguage) === primary(wanted) ? 1 : 3
}
