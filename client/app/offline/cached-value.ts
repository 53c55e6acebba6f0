// A small piece of the workspace the screens read at once, even offline: kept in localStorage (removed at
// sign-out with the rest of the agent's keys) and read again from the server on request.
import { type Accessor, createSignal } from 'solid-js'
import type { z } from 'zod'
import { deviceKey } from './device-data.ts'

export function cachedValue<T extends z.ZodType>(
  agentId: string,
  name: string,
  schema: T,
  fallback: z.infer<T>,
  read: () => Promise<z.infer<T>>,
): { value: Accessor<z.infer<T>>; load(): Promise<void> } {
  const key = deviceKey(agentId, name)
  const cached = schema.safeParse(JSON.parse(localStorage.getItem(key) ?? 'null'))
  const [value, setValue] = createSignal<z.infer<T>>(cached.success ? cached.data : fallback)
  return {
    value,
    async load() {
      const fresh = await read()
      const text = JSON.stringify(fresh)
      // The same again changes nothing on screen (a form being filled from it keeps what was typed).
      if (text === JSON.stringify(value())) return
      setValue(() => fresh)
      localStorage.setItem(key, text)
    },
  }
}
