// The search terms the bench asks for, one per selectivity class, and how the corpus places them.

export interface SearchTerm {
  key: 'common' | 'medium' | 'rare' | 'none' | 'japanese'
  label: string
  text: string
}

export const searchTerms: readonly SearchTerm[] = [
  { key: 'common', label: 'search common term', text: 'order' },
  { key: 'medium', label: 'search medium term', text: 'invoice' },
  { key: 'rare', label: 'search rare term', text: 'xylophonic' },
  { key: 'none', label: 'search term in no message', text: 'zqxjvwk' },
  { key: 'japanese', label: 'search Japanese term', text: '返品' },
]

/** Share of Latin-script messages that mention an invoice (the medium term). */
export const mediumShare = 0.012
/** How many messages carry the rare term. */
export const rareCount = 5
