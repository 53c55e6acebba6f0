// Agents: role, teams, skills (languages, product areas), capacity and shift, saved a row at a time;
// and a form to add one.
import { createSignal, For, Show } from 'solid-js'
import { type Agent, agentResponseSchema, roles } from '../../../shared/schema/agent.ts'
import { calendarListSchema } from '../../../shared/schema/calendar.ts'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { errorText } from './error-text.ts'
import { SettingsForm } from './settings-form.tsx'
import { useList } from './use-list.ts'

export function AgentsSettings(props: { ws: Workspace }) {
  const calendars = useList(calendarListSchema, '/api/calendars')
  return (
    <>
      <h2>Agents</h2>
      <p class="muted">
        Rules route by skill (a language such as ja, or a product area) to agents online and under their capacity.
      </p>
      <table class="settings-table">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Role</th>
            <th scope="col">Teams</th>
            <th scope="col">Skills</th>
            <th scope="col">Capacity</th>
            <th scope="col">Shift</th>
            <th scope="col">Now</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          <For each={props.ws.agents()}>{(agent) => <AgentRow ws={props.ws} agent={agent} calendars={calendars.items()} />}</For>
        </tbody>
      </table>
      <NewAgent ws={props.ws} />
    </>
  )
}

function AgentRow(props: { ws: Workspace; agent: Agent; calendars: { id: string; name: string }[] }) {
  const [role, setRole] = createSignal(props.agent.role)
  const [teamIds, setTeamIds] = createSignal(props.agent.teamIds)
  const [skills, setSkills] = createSignal(props.agent.skills.join(', '))
  const [capacity, setCapacity] = createSignal(props.agent.capacity)
  const [shift, setShift] = createSignal(props.agent.shiftCalendarId ?? '')
  const [status, setStatus] = createSignal('')
  const label = (what: string) => `${what} of ${props.agent.name}`

  async function save() {
    setStatus('Saving…')
    try {
      await api(agentResponseSchema, 'PATCH', `/api/agents/${props.agent.id}`, {
        role: role(),
        teamIds: teamIds(),
        skills: skills()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        capacity: capacity(),
        shiftCalendarId: shift() || null,
      })
      await props.ws.refreshDirectory()
      setStatus('Saved')
    } catch (error) {
      setStatus(errorText(error))
    }
  }

  return (
    <tr>
      <td>
        {props.agent.name}
        <div class="muted">{props.agent.email}</div>
      </td>
      <td>
        <select aria-label={label('Role')} value={role()} onChange={(e) => setRole(e.currentTarget.value as Agent['role'])}>
          <For each={roles}>{(r) => <option value={r}>{r}</option>}</For>
        </select>
      </td>
      <td>
        <For each={props.ws.teams()}>
          {(team) => (
            <label class="check">
              <input
                type="checkbox"
                checked={teamIds().includes(team.id)}
                onChange={(e) =>
                  setTeamIds(e.currentTarget.checked ? [...teamIds(), team.id] : teamIds().filter((id) => id !== team.id))
                }
              />
              {team.name}
            </label>
          )}
        </For>
      </td>
      <td>
        <input
          aria-label={label('Skills')}
          placeholder="e.g. ja, billing"
          value={skills()}
          onInput={(e) => setSkills(e.currentTarget.value)}
        />
      </td>
      <td>
        <input
          aria-label={label('Capacity')}
          type="number"
          min="0"
          max="1000"
          class="narrow"
          value={capacity()}
          onInput={(e) => setCapacity(Number(e.currentTarget.value))}
        />
      </td>
      <td>
        <select aria-label={label('Shift')} value={shift()} onChange={(e) => setShift(e.currentTarget.value)}>
          <option value="">No shift</option>
          <For each={props.calendars}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </select>
      </td>
      <td>
        <span class={`availability ${props.agent.availability}`}>{props.agent.availability}</span>
        <div class="muted">
          {props.agent.openTickets}/{props.agent.capacity} open
        </div>
      </td>
      <td>
        <button type="button" onClick={() => void save()}>
          Save
        </button>
        <Show when={status()}>
          <div class="muted" role="status">
            {status()}
          </div>
        </Show>
      </td>
    </tr>
  )
}

function NewAgent(props: { ws: Workspace }) {
  async function add(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    await api(agentResponseSchema, 'POST', '/api/agents', {
      name: data.get('name'),
      email: data.get('email'),
      role: data.get('role'),
      password: data.get('password'),
    })
    form.reset()
    await props.ws.refreshDirectory()
    return 'Added'
  }
  return (
    <SettingsForm label="Add an agent" title="Add an agent" submit="Add agent" onSubmit={add}>
      <label>
        Name <input name="name" required />
      </label>
      <label>
        Email <input name="email" type="email" required />
      </label>
      <label>
        Role
        <select name="role">
          {/* The least power first, so a new colleague is never made an admin by default. */}
          <For each={[...roles].reverse()}>{(r) => <option value={r}>{r}</option>}</For>
        </select>
      </label>
      <label>
        First password <input name="password" type="password" minLength={8} required />
      </label>
    </SettingsForm>
  )
}
