// A profile's identities as kind and value alone (GET /api/contacts/:id lists each with its id too), for
// tests that check which identities a contact holds.
export function kindsAndValues(identities: { kind: string; value: string }[]): { kind: string; value: string }[] {
  return identities.map(({ kind, value }) => ({ kind, value }))
}
