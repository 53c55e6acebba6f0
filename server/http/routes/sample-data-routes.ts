// POST /api/sample-data loads sample conversations on every channel (admin; through the real ingest);
// DELETE /api/sample-data removes them all again.
import { Hono } from 'hono'
import { AppError } from '../../../shared/errors.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { loadSampleData } from '../../sample/load-sample-data.ts'
import { removeSampleData } from '../../sample/remove-sample-data.ts'
import type { AppDeps } from '../app-deps.ts'

export function sampleDataRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', async (c, next) => {
    if (c.get('actor').role !== 'admin') throw new AppError('forbidden', 'Only an admin loads or removes sample data.')
    await next()
  })
  app.post('/', async (c) => {
    const loaded = await loadSampleData(
      { db: deps.database.db, box: deps.box, ingest: deps.ingest, publicUrl: deps.config.publicUrl },
      c.get('actor'),
      deps.clock.now(),
    )
    return c.json(loaded, 201)
  })
  app.delete('/', async (c) => c.json(await removeSampleData(deps.database.db, c.get('actor'))))
  return app
}
