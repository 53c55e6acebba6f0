// Contacts: the list, one profile with identities and tickets, merging two profiles and undoing it, and
// adding and removing identities by hand.
import { Hono } from 'hono'
import { addIdentitySchema, contactListQuerySchema, mergeContactSchema } from '../../../shared/schema/contact.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { addIdentity } from '../../identity/add-identity.ts'
import { listContacts } from '../../identity/list-contacts.ts'
import { mergeContacts } from '../../identity/merge-contacts.ts'
import { removeIdentity } from '../../identity/remove-identity.ts'
import { unmergeContact } from '../../identity/unmerge-contact.ts'
import { getContact } from '../../tickets/get-contact.ts'
import type { AppDeps } from '../app-deps.ts'
import { readJson, readQuery } from '../read-input.ts'

export function contactRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => c.json(await listContacts(db, c.get('actor'), readQuery(c, contactListQuerySchema))))
  app.get('/:id', async (c) => c.json(await getContact(db, c.get('actor'), c.req.param('id'))))
  app.post('/:id/merge', async (c) => {
    const { sourceId } = await readJson(c, mergeContactSchema)
    return c.json({ contact: await mergeContacts(db, c.get('actor'), c.req.param('id'), sourceId, deps.clock.now()) })
  })

  app.post('/:id/identities', async (c) => {
    const identity = await addIdentity(
      db,
      c.get('actor'),
      c.req.param('id'),
      await readJson(c, addIdentitySchema),
      deps.clock.now(),
    )
    return c.json({ identity }, 201)
  })
  app.delete('/:id/identities/:identityId', async (c) => {
    const { id, identityId } = c.req.param()
    return c.json({ identity: await removeIdentity(db, c.get('actor'), id, identityId, deps.clock.now()) })
  })
  app.post('/:id/unmerge', async (c) =>
    c.json({ contact: await unmergeContact(db, c.get('actor'), c.req.param('id'), deps.clock.now()) }),
  )

  return app
}
