// The agent's choice, on this device, to be alerted to what needs them at once (a new chat, a mention, a
// ticket given to them): a desktop notification, a sound, both or neither. Off until they turn it on.
import { type Accessor, createSignal } from 'solid-js'
import { z } from 'zod'
import { deviceKey } from '../offline/device-data.ts'

const alertSettingsSchema = z.object({ desktop: z.boolean(), sound: z.boolean() })
export type AlertSettings = z.infer<typeof alertSettingsSchema>

export interface StoredAlertSettings {
  settings: Accessor<AlertSettings>
  change(next: Partial<AlertSettings>): void
}

export function storedAlertSettings(agentId: string): StoredAlertSettings {
  const key = deviceKey(agentId, 'alerts')
  const kept = alertSettingsSchema.safeParse(JSON.parse(localStorage.getItem(key) ?? 'null'))
  const [settings, setSettings] = createSignal<AlertSettings>(kept.success ? kept.data : { desktop: false, sound: false })
  return {
    settings,
    change(next) {
      const value = { ...settings(), ...next }
      localStorage.setItem(key, JSON.stringify(value))
      setSettings(value)
    },
  }
}
