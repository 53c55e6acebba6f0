// Teams: who is in each, and a form to make one (members can also be changed per agent).
import { createSignal, For, Show } from 'solid-js'
import { teamResponseSchema } from '../../../shared/schema/team.ts'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { errorText } from './error-text.ts'

export function TeamsSettings(props: { ws: Workspace }) {
  const [status, setStatus] = createSignal('')
  const nameOf = (id: string) => props.ws.agents().find((a) => a.id === id)?.name ?? 'someone removed'

  async function add(form: HTMLFormElement) {
    const data = new FormData(form)
    try {
      await api(teamResponseSchema, 'POST', '/api/teams', { name: data.get('name'), agentIds: data.getAll('agentIds') })
      form.reset()
      await props.ws.refreshDirectory()
      setStatus('Team made')
    } catch (error) {
      setStatus(errorText(error))
    }
  }

  return (
    <>
      <h2>Teams</h2>
      <ul class="settings-list">
        <For each={props.ws.teams()} fallback={<li class="muted">No teams yet.</li>}>
          {(team) => (
            <li>
              <strong>{team.name}</strong> <span class="muted">{team.agentIds.map(nameOf).join(', ') || 'nobody yet'}</span>
            </li>
          )}
        </For>
      </ul>
      <form
        class="settings-form"
        aria-label="Make a team"
        onSubmit={(e) => {
          e.preventDefault()
          void add(e.currentTarget)
        }}
      >
        <h3>Make a team</h3>
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
        <button class="primary" type="submit">
          Make team
        </button>
        <Show when={status()}>
          <p role="status">{status()}</p>
        </Show>
      </form>
    </>
  )
}
