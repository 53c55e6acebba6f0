// Identity resolution for a batch of messages, as a pure plan: which contact each message belongs to,
// which contacts and identities to create, and which empty contact fields to fill. A message joins the
// contact of the first of its identities that someone owns (the channel's own id comes first); every
// identity it carries that nobody owns is linked to that contact. Two messages of one new person in the
// same batch make one contact.
import type { Identity } from '../../shared/schema/contact.ts'
import { isVisitorLabel } from '../../shared/visitor-label.ts'

export interface ContactFields {
  name: string | null
  email: string | null
  phone: string | null
  avatarUrl: string | null
}

export interface ContactRequest {
  workspaceId: string
  /** Already normalised (normaliseIdentities). */
  identities: Identity[]
  name: string | null
  avatarUrl: string | null
}

export interface OwnedIdentity extends Identity {
  workspaceId: string
  contactId: string
  contact: ContactFields
}

export interface ContactPlan {
  /** Per request, in order. */
  contacts: { contactId: string; name: string | null; created: boolean }[]
  newContacts: ({ id: string; workspaceId: string } & ContactFields)[]
  newIdentities: ({ workspaceId: string; contactId: string } & Identity)[]
  /** Fields of existing contacts that were empty and that a message now fills. */
  fills: ({ id: string } & ContactFields)[]
}

const keyOf = (workspaceId: string, identity: Identity) => `${workspaceId}\u0000${identity.kind}\u0000${identity.value}`

export function planContacts(
  requests: readonly ContactRequest[],
  owned: readonly OwnedIdentity[],
  newId: () => string,
): ContactPlan {
  const owners = new Map<string, { contactId: string; fields: ContactFields; isNew: boolean }>()
  for (const o of owned) owners.set(keyOf(o.workspaceId, o), { contactId: o.contactId, fields: { ...o.contact }, isNew: false })
  const plan: ContactPlan = { contacts: [], newContacts: [], newIdentities: [], fills: [] }
  const fills = new Map<string, { id: string } & ContactFields>()
  const created: { id: string; workspaceId: string; fields: ContactFields }[] = []

  for (const request of requests) {
    const hint: ContactFields = {
      name: request.name,
      email: request.identities.find((i) => i.kind === 'email')?.value ?? null,
      phone: request.identities.find((i) => i.kind === 'phone')?.value ?? null,
      avatarUrl: request.avatarUrl,
    }
    const found = request.identities.map((i) => owners.get(keyOf(request.workspaceId, i))).find(Boolean)
    let owner = found
    if (!owner) {
      owner = { contactId: newId(), fields: { ...hint }, isNew: true }
      created.push({ id: owner.contactId, workspaceId: request.workspaceId, fields: owner.fields })
    } else if (fillEmpty(owner.fields, hint) && !owner.isNew) {
      fills.set(owner.contactId, { id: owner.contactId, ...owner.fields })
    }
    for (const identity of request.identities) {
      const key = keyOf(request.workspaceId, identity)
      if (owners.has(key)) continue
      owners.set(key, owner)
      plan.newIdentities.push({ workspaceId: request.workspaceId, contactId: owner.contactId, ...identity })
    }
    plan.contacts.push({ contactId: owner.contactId, name: owner.fields.name, created: owner.isNew && !found })
  }
  plan.newContacts = created.map((c) => ({ id: c.id, workspaceId: c.workspaceId, ...c.fields }))
  plan.fills = [...fills.values()]
  return plan
}

/** Copies the hint into the empty fields; true when anything changed. */
function fillEmpty(fields: ContactFields, hint: ContactFields): boolean {
  let changed = false
  for (const key of ['name', 'email', 'phone', 'avatarUrl'] as const) {
    // A chat visitor's stand-in name ("Visitor 4F2A") counts as empty: the name they give replaces it.
    const empty = fields[key] === null || (key === 'name' && isVisitorLabel(fields.name) && !isVisitorLabel(hint.name))
    if (empty && hint[key] !== null) {
      fields[key] = hint[key]
      changed = true
    }
  }
  return changed
}
