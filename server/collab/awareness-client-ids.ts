// The Yjs client ids an encoded awareness update speaks for (y-protocols' wire format: a count, then per
// state its client id, clock and JSON), read without applying it. Throws on a malformed update.
import * as decoding from 'lib0/decoding'

export function awarenessClientIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder))
    decoding.readVarUint(decoder)
    decoding.readVarString(decoder)
  }
  return ids
}
