// A settings list read from the API, read again after every change made on the screen.
import { createResource } from 'solid-js'
import type { z } from 'zod'
import { api } from '../net/http.ts'

export function useList<T extends z.ZodType<{ items: unknown[] }>>(schema: T, path: string) {
  const [list, { refetch }] = createResource(() => api(schema, 'GET', path))
  return {
    items: () => (list()?.items ?? []) as z.infer<T>['items'],
    /** False until the first answer (or failure): until then "nothing yet" would be a false empty. */
    loaded: () => list.state === 'ready' || list.state === 'errored' || list.state === 'refreshing',
    error: () => list.error as unknown,
    reload: refetch,
  }
}
