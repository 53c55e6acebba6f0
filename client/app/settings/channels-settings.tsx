// Channels: each one's name, the welcome and away messages and the business hours that decide when the
// away message goes out; where its provider delivers (webhook URL) or the chat widget's snippet; and a
// form to connect a new one. A WhatsApp channel also lists its templates (whatsapp-templates.tsx).
import { createSignal, For, Show } from 'solid-js'
import { calendarListSchema } from '../../../shared/schema/calendar.ts'
import { type Channel, channelResponseSchema } from '../../../shared/schema/channel.ts'
import { channelKinds } from '../../../shared/schema/common.ts'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { SettingsForm } from './settings-form.tsx'
import { useList } from './use-list.ts'
import { WhatsAppTemplates } from './whatsapp-templates.tsx'

/** The settings each kind needs to be connected; secrets are sent once, never shown again. */
const connectFields: Record<Channel['kind'], { key: string; label: string; secret?: boolean }[]> = {
  whatsapp: [
    { key: 'phoneNumberId', label: 'Phone number ID' },
    { key: 'businessAccountId', label: 'Business account ID' },
    { key: 'displayPhoneNumber', label: 'Phone number as shown' },
    { key: 'accessToken', label: 'Access token', secret: true },
  ],
  messenger: [
    { key: 'pageId', label: 'Page ID' },
    { key: 'pageAccessToken', label: 'Page access token', secret: true },
  ],
  instagram: [
    { key: 'igUserId', label: 'Instagram account ID' },
    { key: 'pageId', label: 'Linked page ID' },
    { key: 'accessToken', label: 'Access token', secret: true },
  ],
  email: [
    { key: 'address', label: 'Address customers write to' },
    { key: 'fromName', label: 'Name replies are from' },
  ],
  chat: [],
  form: [],
}

export function ChannelsSettings(props: { ws: Workspace }) {
  const calendars = useList(calendarListSchema, '/api/calendars')
  const [kind, setKind] = createSignal<Channel['kind']>('whatsapp')

  async function connect(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    const config = Object.fromEntries(connectFields[kind()].flatMap((f) => (data.get(f.key) ? [[f.key, data.get(f.key)]] : [])))
    await api(channelResponseSchema, 'POST', '/api/channels', { kind: kind(), name: data.get('name'), config })
    form.reset()
    await props.ws.refreshDirectory()
    return 'Channel connected'
  }

  return (
    <>
      <h2>Channels</h2>
      <For each={props.ws.channels()} fallback={<p class="muted">No channels yet.</p>}>
        {(channel) => (
          <>
            <ChannelCard ws={props.ws} channel={channel} calendars={calendars.items()} />
            <Show when={channel.kind === 'whatsapp'}>
              <WhatsAppTemplates channel={channel} />
            </Show>
          </>
        )}
      </For>
      <SettingsForm label="Connect a channel" title="Connect a channel" submit="Connect" onSubmit={connect}>
        <label>
          Kind
          <select value={kind()} onChange={(e) => setKind(e.currentTarget.value as Channel['kind'])}>
            <For each={channelKinds}>{(k) => <option value={k}>{k}</option>}</For>
          </select>
        </label>
        <label>
          Name <input name="name" required placeholder="WhatsApp support" />
        </label>
        <For each={connectFields[kind()]}>
          {(field) => (
            <label>
              {field.label} <input name={field.key} type={field.secret ? 'password' : 'text'} autocomplete="off" />
            </label>
          )}
        </For>
      </SettingsForm>
    </>
  )
}

function ChannelCard(props: { ws: Workspace; channel: Channel; calendars: { id: string; name: string }[] }) {
  const config = props.channel.config as { welcomeMessage?: string; awayMessage?: string; calendarId?: string }
  const label = (what: string) => `${what} of ${props.channel.name}`

  async function save(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    const text = (key: string) => String(data.get(key) ?? '').trim() || null
    await api(channelResponseSchema, 'PATCH', `/api/channels/${props.channel.id}`, {
      name: text('name') ?? props.channel.name,
      welcomeMessage: text('welcomeMessage'),
      awayMessage: text('awayMessage'),
      calendarId: text('calendarId'),
    })
    await props.ws.refreshDirectory()
    return 'Saved'
  }

  return (
    <SettingsForm label={`Channel ${props.channel.name}`} submit="Save" primary={false} onSubmit={save}>
      <h3>
        {props.channel.name} <span class="muted">{props.channel.kind}</span>
      </h3>
      <Show when={props.channel.webhookUrl}>
        <p class="muted">
          Deliveries to <code>{props.channel.webhookUrl}</code>
        </p>
      </Show>
      <Show when={props.channel.widgetSnippet}>
        <label>
          Widget snippet for your website <textarea readonly rows="2" value={props.channel.widgetSnippet ?? ''} />
        </label>
      </Show>
      <label>
        Name <input name="name" aria-label={label('Name')} value={props.channel.name} required />
      </label>
      <label>
        Welcome message{' '}
        <textarea name="welcomeMessage" aria-label={label('Welcome message')} rows="2" value={config.welcomeMessage ?? ''} />
      </label>
      <label>
        Away message (outside business hours, or when nobody is online)
        <textarea name="awayMessage" aria-label={label('Away message')} rows="2" value={config.awayMessage ?? ''} />
      </label>
      <label>
        Business hours
        <select name="calendarId" aria-label={label('Business hours')}>
          <option value="">around the clock</option>
          <For each={props.calendars}>
            {(c) => (
              <option value={c.id} selected={c.id === config.calendarId}>
                {c.name}
              </option>
            )}
          </For>
        </select>
      </label>
    </SettingsForm>
  )
}
