// Turns text into search tokens for PostgreSQL's 'simple' full-text configuration, in any language.
// Scripts written without spaces (Chinese, Japanese, Korean, Thai, Lao, Khmer, Burmese) have no word
// boundaries the parser can see, so their runs are indexed as overlapping character bigrams plus single
// characters (as CJK analyzers do); a query of two or more such characters matches by its bigrams.

const unspacedRun =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}ー々〆]+/gu

function ngrams(run: string, withUnigrams: boolean): string[] {
  const chars = Array.from(run)
  if (chars.length === 1) return chars
  const grams: string[] = withUnigrams ? [...chars] : []
  for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i]! + chars[i + 1]!)
  return grams
}

function segment(text: string, withUnigrams: boolean): string {
  const normalised = text.normalize('NFKC').toLowerCase()
  return normalised.replace(unspacedRun, (run) => ` ${ngrams(run, withUnigrams).join(' ')} `)
}

/** Text to index, for to_tsvector('simple', ...). Bounded so a huge message cannot bloat the index. */
export function segmentForIndex(text: string): string {
  return segment(text.slice(0, 20_000), true)
}

/** A search box's text, for plainto_tsquery('simple', ...): every word and bigram must match. */
export function segmentForQuery(text: string): string {
  return segment(text, false)
}
