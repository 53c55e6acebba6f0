// Settings (admins): channels (automatic messages, business hours, connecting one); agents and their skills, capacity and shifts; teams; business hours; SLA policies;
// automation rules; tags; reply guidelines. Each section reads and writes the API directly: settings are not kept offline.
import { For, Match, Switch } from 'solid-js'
import type { Workspace } from '../workspace.ts'
import { AgentsSettings } from './agents-settings.tsx'
import { CalendarsSettings } from './calendars-settings.tsx'
import { ChannelsSettings } from './channels-settings.tsx'
import { GuidelinesSettings } from './guidelines-settings.tsx'
import { RulesSettings } from './rules-settings.tsx'
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
  { id: 'tags', label: 'Tags' },
  { id: 'guidelines', label: 'Guidelines' },
] as const
export type SettingsTab = (typeof settingsTabs)[number]['id']

export function SettingsScreen(props: { ws: Workspace; tab: SettingsTab }) {
  return (
    <section class="settings pad" aria-label="Settings">
      <nav class="tabs" aria-label="Settings sections">
        <For each={settingsTabs}>
          {(tab) => (
            <a href={`#/settings/${tab.id}`} aria-current={props.tab === tab.id ? 'page' : undefined}>
              {tab.label}
            </a>
          )}
        </For>
      </nav>
      <Switch>
        <Match when={props.tab === 'channels'}>
          <ChannelsSettings ws={props.ws} />
        </Match>
        <Match when={props.tab === 'agents'}>
          <AgentsSettings ws={props.ws} />
        </Match>
        <Match when={props.tab === 'teams'}>
          <TeamsSettings ws={props.ws} />
        </Match>
        <Match when={props.tab === 'hours'}>
          <CalendarsSettings />
        </Match>
        <Match when={props.tab === 'sla'}>
          <SlaSettings />
        </Match>
        <Match when={props.tab === 'rules'}>
          <RulesSettings ws={props.ws} />
        </Match>
        <Match when={props.tab === 'tags'}>
          <TagsSettings ws={props.ws} />
        </Match>
        <Match when={props.tab === 'guidelines'}>
          <GuidelinesSettings ws={props.ws} />
        </Match>
      </Switch>
    </section>
  )
}
