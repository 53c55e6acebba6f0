// Settings (admins): channels (automatic messages, business hours, connecting one); agents and their skills, capacity and shifts; teams; business hours; SLA policies;
// automation rules; saved replies; macros; tags; reply guidelines. Each section reads and writes the API directly:
// settings are not kept offline. Agents have the saved replies only (their own, their teams'); supervisors
// the macros too.
import { For, Match, Switch } from 'solid-js'
import type { Workspace } from '../workspace.ts'
import { AgentsSettings } from './agents-settings.tsx'
import { CalendarsSettings } from './calendars-settings.tsx'
import { ChannelsSettings } from './channels-settings.tsx'
import { GuidelinesSettings } from './guidelines-settings.tsx'
import { MacrosSettings } from './macros-settings.tsx'
import { RulesSettings } from './rules-settings.tsx'
import { SavedRepliesSettings } from './saved-replies-settings.tsx'
import { SlaSettings } from './sla-settings.tsx'
import { TagsSettings } from './tags-settings.tsx'
import { TeamsSettings } from './teams-settings.tsx'

export const settingsTabs = [
  { id: 'channels', label: 'Channels' },
  { id: 'agents', label: 'Agents' },
  { id: 'teams', label: 'Teams' },
  { id: 'hours', label: 'Business hours' },
  { id: 'sla', label: 'SLA policies' },
  { id: 'rules', label: 'Rules' },
  { id: 'replies', label: 'Saved replies' },
  { id: 'macros', label: 'Macros' },
  { id: 'tags', label: 'Tags' },
  { id: 'guidelines', label: 'Guidelines' },
] as const
export type SettingsTab = (typeof settingsTabs)[number]['id']

export function SettingsScreen(props: { ws: Workspace; tab: SettingsTab }) {
  const admin = () => props.ws.me.role === 'admin'
  const allowed = (): readonly SettingsTab[] => (props.ws.me.role === 'supervisor' ? ['replies', 'macros'] : ['replies'])
  const tabs = () => (admin() ? settingsTabs : settingsTabs.filter((t) => allowed().includes(t.id)))
  const tab = (): SettingsTab => (admin() || allowed().includes(props.tab) ? props.tab : 'replies')
  return (
    <section class="settings pad" aria-label="Settings">
      <nav class="tabs" aria-label="Settings sections">
        <For each={tabs()}>
          {(t) => (
            <a href={`#/settings/${t.id}`} aria-current={tab() === t.id ? 'page' : undefined}>
              {t.label}
            </a>
          )}
        </For>
      </nav>
      <Switch>
        <Match when={tab() === 'channels'}>
          <ChannelsSettings ws={props.ws} />
        </Match>
        <Match when={tab() === 'agents'}>
          <AgentsSettings ws={props.ws} />
        </Match>
        <Match when={tab() === 'teams'}>
          <TeamsSettings ws={props.ws} />
        </Match>
        <Match when={tab() === 'hours'}>
          <CalendarsSettings />
        </Match>
        <Match when={tab() === 'sla'}>
          <SlaSettings />
        </Match>
        <Match when={tab() === 'rules'}>
          <RulesSettings ws={props.ws} />
        </Match>
        <Match when={tab() === 'replies'}>
          <SavedRepliesSettings ws={props.ws} />
        </Match>
        <Match when={tab() === 'macros'}>
          <MacrosSettings ws={props.ws} />
        </Match>
        <Match when={tab() === 'tags'}>
          <TagsSettings ws={props.ws} />
        </Match>
        <Match when={tab() === 'guidelines'}>
          <GuidelinesSettings ws={props.ws} />
        </Match>
      </Switch>
    </section>
  )
}
