// The composer: a reply bound to the ticket's shared draft (two agents typing at once both see both),
// or an internal note, which has its own box and button and can never be sent to the customer.
// Before a reply leaves, the server checks that nobody else is typing or has just replied (409
// reply_conflict); the agent sees who and chooses to send anyway. Unreachable, the reply waits in the outbox.
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { v4 as newKey } from 'uuid'
import { appendNote, clearDraft } from '../../../shared/protocol/ticket-document.ts'
import type { Contact } from '../../../shared/schema/contact.ts'
import { type Message, messageResponseSchema } from '../../../shared/schema/message.ts'
import type { OutgoingFile, TemplateUse } from '../../../shared/schema/reply.ts'
import type { Ticket } from '../../../shared/schema/ticket.ts'
import { bindText } from '../collab/bind-text.ts'
import type { TicketDoc } from '../collab/ticket-doc.ts'
import { ApiError, api, UnreachableError } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { CommentReplyChoice } from './comment-reply-choice.tsx'
import { ComposerDestination } from './composer-destination.tsx'
import { mentionedAgents, tellMentioned } from './mentions.ts'
import { readFiles } from './read-files.ts'
import { ReplyWindow, replyWindowOpen } from './reply-window.tsx'

interface Conflict {
  typing: { id: string; name: string }[]
  replies: { id: string; authorName: string; body: string }[]
}

export function Composer(props: {
  ws: Workspace
  ticket: Ticket
  contact: Contact | null
  messages: readonly Message[]
  doc: TicketDoc
  lastSeenMessageId: string | null
  now: number
  onSent: () => void
}) {
  const [mode, setMode] = createSignal<'reply' | 'note'>('reply')
  const [conflict, setConflict] = createSignal<Conflict | null>(null)
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [template, setTemplate] = createSignal<TemplateUse | null>(null)
  const [files, setFiles] = createSignal<OutgoingFile[]>([])
  const [noteText, setNoteText] = createSignal('')
  const [privateReply, setPrivateReply] = createSignal(false)
  let replyBox!: HTMLTextAreaElement
  // One key per reply, kept across a conflict or an outage, so the reply is never sent twice.
  let pendingKey: string | null = null

  onMount(() => {
    const unbind = bindText(props.doc.draft, replyBox, () => props.doc.setTyping(true))
    onCleanup(unbind)
  })

  const typingPeers = () => props.doc.peers().filter((p) => p.typing)

  async function sendReply(confirm: boolean): Promise<void> {
    const body = props.doc.draft.toString().trim()
    const chosenTemplate = replyWindowOpen(props.ticket, props.now) ? undefined : (template() ?? undefined)
    if (!body && !chosenTemplate) return
    if (!confirm && typingPeers().length) {
      setConflict({ typing: typingPeers().map((p) => ({ id: p.id, name: p.name })), replies: [] })
      return
    }
    pendingKey ??= newKey()
    const payload = { body, template: chosenTemplate, attachments: files(), privateReply: privateReply() }
    setBusy(true)
    setError('')
    try {
      await api(messageResponseSchema, 'POST', `/api/tickets/${props.ticket.id}/replies`, {
        ...payload,
        idempotencyKey: pendingKey,
        lastSeenMessageId: props.lastSeenMessageId ?? undefined,
        confirm,
      })
      done()
    } catch (failure) {
      if (failure instanceof UnreachableError) {
        await props.ws.outbox.add('reply', props.ticket.id, payload, pendingKey)
        done()
      } else if (failure instanceof ApiError && failure.code === 'reply_conflict') {
        setConflict(failure.details as Conflict)
      } else {
        setError(failure instanceof Error ? failure.message : String(failure))
      }
    } finally {
      setBusy(false)
    }
  }

  function done(): void {
    pendingKey = null
    setConflict(null)
    setFiles([])
    setTemplate(null)
    setPrivateReply(false)
    clearDraft(props.doc.doc)
    replyBox.value = ''
    props.doc.setTyping(false)
    props.onSent()
  }

  function addNote(): void {
    const body = noteText().trim()
    if (!body) return
    appendNote(props.doc.doc, { id: newKey(), authorId: props.ws.me.id, createdAt: new Date().toISOString(), body })
    setNoteText('')
    const mentioned = mentionedAgents(body, props.ws.agents(), props.ws.me.id)
    tellMentioned(props.ticket.id, body, mentioned).catch((failure: Error) =>
      setError(`Mentions not delivered: ${failure.message}`),
    )
  }

  return (
    <section class="composer" classList={{ 'note-mode': mode() === 'note' }} aria-label="Composer">
      <div class="composer-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={mode() === 'reply'} onClick={() => setMode('reply')}>
          Reply
        </button>
        <button type="button" role="tab" aria-selected={mode() === 'note'} onClick={() => setMode('note')}>
          Internal note
        </button>
        <ComposerDestination
          mode={mode()}
          privateReply={privateReply()}
          ticket={props.ticket}
          contact={props.contact}
          channels={props.ws.channels()}
        />
      </div>
      <Show when={typingPeers().length}>
        <p class="typing-line" aria-live="polite">
          {typingPeers()
            .map((p) => p.name)
            .join(', ')}{' '}
          {typingPeers().length === 1 ? 'is' : 'are'} typing…
        </p>
      </Show>
      <div hidden={mode() !== 'reply'}>
        <ReplyWindow ticket={props.ticket} now={props.now} template={template()} onTemplate={setTemplate} />
        <CommentReplyChoice
          ticket={props.ticket}
          messages={props.messages}
          now={props.now}
          privateReply={privateReply()}
          onChange={setPrivateReply}
        />
        <textarea
          ref={replyBox}
          aria-label="Reply"
          rows="4"
          placeholder="Write a reply… (shared: your colleagues see it as you type)"
        />
        <div class="composer-actions">
          <label class="file-button">
            Attach files
            <input
              type="file"
              multiple
              aria-label="Attach files"
              onChange={async (e) => setFiles(await readFiles(e.currentTarget.files))}
            />
          </label>
          <For each={files()}>{(f) => <span class="file-chip">{f.name}</span>}</For>
          <button type="button" class="primary" disabled={busy()} onClick={() => void sendReply(false)}>
            Send
          </button>
        </div>
      </div>
      <div hidden={mode() !== 'note'}>
        <textarea
          aria-label="Internal note"
          rows="3"
          placeholder="Only your team sees notes. @name mentions a colleague."
          value={noteText()}
          onInput={(e) => setNoteText(e.currentTarget.value)}
        />
        <div class="composer-actions">
          <button type="button" class="note-button" onClick={addNote}>
            Add note
          </button>
        </div>
      </div>
      <Show when={conflict()}>
        {(c) => (
          <div class="conflict" role="alertdialog" aria-label="Someone else is answering">
            <Show when={c().typing.length}>
              <p>
                {c()
                  .typing.map((t) => t.name)
                  .join(', ')}{' '}
                is typing in this ticket right now.
              </p>
            </Show>
            <For each={c().replies}>
              {(r) => (
                <p>
                  {r.authorName} just replied: “{r.body}”
                </p>
              )}
            </For>
            <button type="button" class="primary" onClick={() => void sendReply(true)}>
              Send anyway
            </button>
            <button type="button" onClick={() => setConflict(null)}>
              Cancel
            </button>
          </div>
        )}
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  )
}
