// Web-form submissions for the ingest rows: a distinct customer and a distinct message each, in the
// corpus's languages, with an Idempotency-Key that names the phase so persisted rows can be counted.
import { customerPhrases, languages, languageWeights, products } from './phrases.ts'
import { createRandom } from './random.ts'

export interface Submission {
  body: { name: string; email: string; message: string }
  idempotencyKey: string
}

const random = createRandom(7)
const runId = Date.now().toString(36)

export function submission(phase: string, i: number): Submission {
  const language = random.weighted(
    languages,
    languages.map((l) => languageWeights[l]),
  )
  const sentence = random.pick(customerPhrases[language])
  const message = `${sentence.replace('{p}', random.pick(products)).replace('{n}', String(i))} (${phase} ${i})`
  return {
    body: { name: `Customer ${phase} ${i}`, email: `bench-${runId}-${phase}-${i}@example.com`, message },
    idempotencyKey: `bench-${phase}-${i}`,
  }
}

/** The LIKE pattern matching the external ids of one phase's messages (form adapter: "key:" + key). */
export function externalIdPattern(phase: string): string {
  return `key:bench-${phase}-%`
}
