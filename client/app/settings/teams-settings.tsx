// Teams: who is in each, and a form to make one (members can also be changed per agent).
import { For } from 'solid-js'
import { teamResponseSchema } from '../../../shared/schema/team.ts'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { SettingsForm } from './settings-form.tsx'
import { SettingsList } from './settings-list.tsx'

export function TeamsSettings(props: { ws: Workspace }) {
  const nameOf = (id: string) => props.ws.agents().find((a) => a.id === id)?.name ?? 'someone removed'

  async function add(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    await api(teamResponseSchema, 'POST', '/api/teams', { name: data.get('name'), agentIds: data.getAll('agentIds') })
    form.reset()
    await props.ws.refreshDirectory()
    return 'Team made'
  }

  return (
    <>
      <h2>Teams</h2>
      <SettingsList count={props.ws.teams().length} empty="No teams yet.">
        <For each={props.ws.teams()}>
          {(team) => (
            <li>
              <strong>{team.name}</strong> <span class="muted">{team.agentIds.map(nameOf).join(', ') || 'nobody yet'}</span>
            </li>
          )}
        </For>
      </SettingsList>
      <SettingsForm label="Make a team" title="Make a team" submit="Make team" onSubmit={add}>
        <label>
          Name <input name="name" required />
        </label>
        <fieldset>
          <legend>Members</legend>
          <For each={props.ws.agents()}>
            {(agent) => (
              <label class="check">
                <input type="checkbox" name="agentIds" value={agent.id} />
                {agent.name}
              </label>
            )}
          </For>
        </fieldset>
      </SettingsForm>
    </>
  )
}
