// Social channels' reply windows: time left for a free-form reply, and what to do once it has closed
// (a WhatsApp template; on Messenger and Instagram a human agent's reply for up to seven days).
import { createResource, For, Show } from 'solid-js'
import { type TemplateUse, templateListSchema } from '../../../shared/schema/reply.ts'
import type { Ticket } from '../../../shared/schema/ticket.ts'
import { api } from '../net/http.ts'
import { durationText } from '../ui/time-text.ts'

export function replyWindowOpen(ticket: Ticket, now: number): boolean {
  return !ticket.replyWindowClosesAt || Date.parse(ticket.replyWindowClosesAt) > now
}

export function ReplyWindow(props: {
  ticket: Ticket
  now: number
  template: TemplateUse | null
  onTemplate: (t: TemplateUse | null) => void
}) {
  const closes = () => props.ticket.replyWindowClosesAt
  const humanCloses = () => props.ticket.humanAgentWindowClosesAt
  const [templates] = createResource(
    () => (props.ticket.channelKind === 'whatsapp' && !replyWindowOpen(props.ticket, props.now) ? props.ticket.channelId : null),
    // Unreachable: no templates to offer (a failed read would throw where they are listed).
    (channelId) =>
      api(templateListSchema, 'GET', `/api/channels/${channelId}/templates`).then(
        // Only a template Meta approved can be sent: the others (pending, rejected, paused) are not offered.
        (r) => r.items.filter((t) => t.status === 'approved'),
        () => [],
      ),
  )
  const chosen = () => templates()?.find((t) => t.name === props.template?.name && t.language === props.template?.language)

  return (
    <Show when={closes()}>
      {(closesAt) => (
        <Show
          when={!replyWindowOpen(props.ticket, props.now)}
          fallback={<span class="window open">Reply window: {durationText(Date.parse(closesAt()) - props.now)} left</span>}
        >
          <Show
            when={props.ticket.channelKind === 'whatsapp'}
            fallback={
              <span class="window closed">
                {humanCloses() && Date.parse(humanCloses()!) > props.now
                  ? `24-hour window closed: sent as a human agent's reply (${durationText(Date.parse(humanCloses()!) - props.now)} left)`
                  : 'The reply window has closed: the customer must write first.'}
              </span>
            }
          >
            <div class="window closed">
              <label>
                Template
                <select
                  aria-label="Template"
                  onChange={(e) => {
                    const [name, language] = e.currentTarget.value.split('|')
                    props.onTemplate(name && language ? { name, language, params: [] } : null)
                  }}
                >
                  <option value="">Choose a template (the 24-hour window has closed)</option>
                  <For each={templates() ?? []}>
                    {(t) => <option value={`${t.name}|${t.language}`}>{`${t.name} (${t.language})`}</option>}
                  </For>
                </select>
              </label>
              <Show when={chosen()}>
                {(t) => (
                  <div class="template-params">
                    <p>{t().body}</p>
                    <For each={Array.from({ length: t().paramCount }, (_, i) => i)}>
                      {(i) => (
                        <input
                          aria-label={`Parameter ${i + 1}`}
                          placeholder={`{{${i + 1}}}`}
                          onInput={(e) => {
                            const params = [...(props.template?.params ?? [])]
                            params[i] = e.currentTarget.value
                            props.onTemplate({ ...props.template!, params })
                          }}
                        />
                      )}
                    </For>
                  </div>
                )}
              </Show>
            </div>
          </Show>
        </Show>
      )}
    </Show>
  )
}
