// The composer: a reply bound to the ticket's shared draft (two agents typing at once both see both),
// or an internal note, which has its own box and button and can never be sent to the customer.
// Before a reply leaves, the server checks that nobody else is typing or has just replied (409
// reply_conflict); the agent sees who and chooses to send anyway. Unreachable, the reply waits in the outbox.
// "Send and set pending" / "Send and resolve" carry the status in the reply's own request, so the status
// changes only when the reply is accepted (also when the outbox sends it later). On email: Cc, reply-all,
// and the agent's signature shown under the draft as it will go out. Saved replies: `/` at the start of a
// line or Ctrl/⌘+K opens the picker; the chosen reply, filled in by the server, goes into the shared draft as
// an ordinary edit, and while a `{{variable}}` is left unfilled in the draft the reply is not sent.
// Macros (the Macros menu, or `m`): the server changes the ticket and fills in the macro's saved reply,
// which goes into the draft the same way (never sent by itself); steps it skipped are said under the draft.
import { createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { v4 as newKey } from 'uuid'
import * as Y from 'yjs'
import { appendNote, clearDraft } from '../../../shared/protocol/ticket-document.ts'
import { type RenderContext, renderSavedReply } from '../../../shared/saved-reply/render-saved-reply.ts'
import { unfilledVariables } from '../../../shared/saved-reply/variables.ts'
import type { Contact } from '../../../shared/schema/contact.ts'
import type { Macro } from '../../../shared/schema/macro.ts'
import { type Message, messageResponseSchema } from '../../../shared/schema/message.ts'
import type { OutgoingFile, TemplateUse } from '../../../shared/schema/reply.ts'
import { renderedSavedReplySchema, type SavedReply } from '../../../shared/schema/saved-reply.ts'
import { signatureListSchema, withSignature } from '../../../shared/schema/signature.ts'
import type { Ticket } from '../../../shared/schema/ticket.ts'
import { bindText } from '../collab/bind-text.ts'
import type { TicketDoc } from '../collab/ticket-doc.ts'
import { ApiError, api, UnreachableError } from '../net/http.ts'
import { errorText } from '../settings/error-text.ts'
import type { Workspace } from '../workspace.ts'
import { CommentReplyChoice } from './comment-reply-choice.tsx'
import { ComposerDestination } from './composer-destination.tsx'
import { MacroMenu } from './macro-menu.tsx'
import { macroNotice } from './macro-results.ts'
import { mentionedAgents, tellMentioned } from './mentions.ts'
import { readFiles } from './read-files.ts'
import { readCcField, replyAllCc } from './reply-all.ts'
import { ReplyGuidelines } from './reply-guidelines.tsx'
import { ReplyWindow, replyWindowOpen } from './reply-window.tsx'
import { runMacro } from './run-macro.ts'
import { SavedReplyPicker } from './saved-reply-picker.tsx'
import { SignatureLine } from './signature-line.tsx'

interface Conflict {
  typing: { id: string; name: string }[]
  replies: { id: string; authorName: string; body: string }[]
}

export function Composer(props: {
  ws: Workspace
  ticket: Ticket
  contact: Contact | null
  doc: TicketDoc
  lastSeenMessageId: string | null
  /** The thread: the comment a reply answers, and reply-all's addresses. */
  messages: readonly Message[]
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
  const [ccText, setCcText] = createSignal('')
  const byMail = () => props.ticket.channelKind === 'email' || props.ticket.channelKind === 'form'
  const [signatures, { mutate: setSignatures }] = createResource(() =>
    api(signatureListSchema, 'GET', '/api/me/signatures').then(
      (list) => list.items,
      () => [],
    ),
  )
  const signature = () => signatures()?.find((s) => s.channelId === props.ticket.channelId)?.body ?? ''
  let replyBox!: HTMLTextAreaElement
  // The picker, and where in the draft its choice goes (a position that moves with colleagues' edits).
  const [picker, setPicker] = createSignal<{ at: Y.RelativePosition; slash: boolean } | null>(null)
  const [draftText, setDraftText] = createSignal(props.doc.draft.toString())
  const unfilled = () => unfilledVariables(draftText())
  // Send was pressed with a placeholder left: said until the draft has none.
  const [sendBlocked, setSendBlocked] = createSignal(false)
  const blockedText = () => {
    const left = unfilled()
    const one = left.length === 1
    return `Not sent: ${left.map((v) => `{{${v}}}`).join(', ')} ${one ? 'is' : 'are'} still to be filled in. Replace ${one ? 'it' : 'them'} with the real value, or delete ${one ? 'it' : 'them'}.`
  }
  const renderContext = (): RenderContext => ({
    contact: props.contact,
    agent: { name: props.ws.me.name },
    ticket: { number: props.ticket.number, subject: props.ticket.subject },
    order: null,
  })
  // One key per reply, kept across a conflict or an outage, so the reply is never sent twice.
  let pendingKey: string | null = null
  // The status chosen with the reply, kept across a conflict like the key.
  let pendingStatus: 'pending' | 'resolved' | undefined

  function replyAll(): void {
    const own = props.ws.channels().flatMap((c) => (typeof c.config.address === 'string' ? [c.config.address] : []))
    const cc = new Set([...readCcField(ccText()), ...replyAllCc(props.messages, own)])
    setCcText([...cc].join(', '))
  }

  onMount(() => {
    const unbind = bindText(props.doc.draft, replyBox, () => props.doc.setTyping(true))
    const readDraft = () => {
      setDraftText(props.doc.draft.toString())
      if (!unfilled().length) setSendBlocked(false)
    }
    props.doc.draft.observe(readDraft)
    readDraft()
    // `/` typed at the start of the draft or of a line opens the picker instead of being written.
    const onBeforeInput = (event: InputEvent) => {
      if (event.inputType !== 'insertText' || event.data !== '/') return
      const at = replyBox.selectionStart
      if (at !== replyBox.selectionEnd || (at > 0 && replyBox.value[at - 1] !== '\n')) return
      event.preventDefault()
      openPicker(at, true)
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        openPicker(replyBox.selectionEnd, false)
      }
    }
    replyBox.addEventListener('beforeinput', onBeforeInput)
    replyBox.addEventListener('keydown', onKeyDown)
    onCleanup(() => {
      unbind()
      props.doc.draft.unobserve(readDraft)
      replyBox.removeEventListener('beforeinput', onBeforeInput)
      replyBox.removeEventListener('keydown', onKeyDown)
    })
  })

  function openPicker(index: number, slash: boolean): void {
    setPicker({ at: Y.createRelativePositionFromTypeIndex(props.doc.draft, index), slash })
  }

  /** Writes text into the shared draft where the picker was opened, as one edit colleagues see arrive. */
  function insertAtPicker(at: Y.RelativePosition, text: string, focus = true): void {
    const draft = props.doc.draft
    const index = Y.createAbsolutePositionFromRelativePosition(at, props.doc.doc)?.index ?? draft.length
    if (text) draft.insert(index, text)
    if (focus) {
      replyBox.focus()
      replyBox.setSelectionRange(index + text.length, index + text.length)
    }
    if (text) props.doc.setTyping(true)
  }

  async function pickSavedReply(reply: SavedReply): Promise<void> {
    const opened = picker()
    setPicker(null)
    if (!opened) return
    setError('')
    try {
      const rendered = await api(renderedSavedReplySchema, 'POST', `/api/tickets/${props.ticket.id}/render-saved-reply`, {
        savedReplyId: reply.id,
      })
      insertAtPicker(opened.at, rendered.body)
    } catch (failure) {
      // Offline, the reply is filled in here with what this screen knows (its use is not counted).
      if (failure instanceof UnreachableError) insertAtPicker(opened.at, renderSavedReply(reply.body, renderContext()).body)
      else setError(failure instanceof Error ? failure.message : String(failure))
    }
  }

  /** Closed by Escape (back to the draft) or by leaving it (`focus` false: the focus stays where it went). */
  function closePicker(typed: string, focus: boolean): void {
    const opened = picker()
    setPicker(null)
    // Closing after `/` gives back what was typed, slash included: it was meant as text after all.
    if (opened) insertAtPicker(opened.at, opened.slash ? `/${typed}` : '', focus)
  }

  const [macrosOpen, setMacrosOpen] = createSignal(false)
  const [macroText, setMacroText] = createSignal('')

  async function runMacroHere(macro: Macro): Promise<void> {
    // The reply goes where the cursor was when the macro was chosen, wherever colleagues' edits move it.
    const at = Y.createRelativePositionFromTypeIndex(props.doc.draft, replyBox.selectionEnd)
    setMacroText('')
    setError('')
    try {
      const results = await runMacro(macro.id, [props.ticket.id])
      const reply = results[0]?.reply
      if (reply) insertAtPicker(at, reply.body)
      setMacroText(macroNotice(macro, results))
    } catch (failure) {
      setError(failure instanceof UnreachableError ? 'Macros need a connection: try again when online.' : errorText(failure))
    }
  }

  const typingPeers = () => props.doc.peers().filter((p) => p.typing)

  async function sendReply(confirm: boolean, setStatus = pendingStatus): Promise<void> {
    pendingStatus = setStatus
    const draft = props.doc.draft.toString().trim()
    // A placeholder left in the draft would reach the customer as `{{…}}`: the reply waits for it.
    if (unfilledVariables(draft).length) {
      setSendBlocked(true)
      return
    }
    const body = draft ? withSignature(draft, signature()) : draft
    const chosenTemplate = replyWindowOpen(props.ticket, props.now) ? undefined : (template() ?? undefined)
    if (!body && !chosenTemplate) return
    if (!confirm && typingPeers().length) {
      setConflict({ typing: typingPeers().map((p) => ({ id: p.id, name: p.name })), replies: [] })
      return
    }
    pendingKey ??= newKey()
    const cc = byMail() ? readCcField(ccText()) : []
    const payload = {
      body,
      template: chosenTemplate,
      attachments: files(),
      privateReply: privateReply(),
      ...(cc.length ? { cc } : {}),
      ...(setStatus ? { setStatus } : {}),
    }
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
    pendingStatus = undefined
    setCcText('')
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
        <ReplyGuidelines
          guidelines={props.ws.guidelines()}
          channelId={props.ticket.channelId}
          channelName={props.ws.channels().find((c) => c.id === props.ticket.channelId)?.name}
        />
        <ReplyWindow ticket={props.ticket} now={props.now} template={template()} onTemplate={setTemplate} />
        <CommentReplyChoice
          ticket={props.ticket}
          messages={props.messages}
          now={props.now}
          privateReply={privateReply()}
          onChange={setPrivateReply}
        />
        <Show when={picker()}>
          <SavedReplyPicker
            ticketId={props.ticket.id}
            context={renderContext()}
            onPick={(reply) => void pickSavedReply(reply)}
            onClose={closePicker}
          />
        </Show>
        <textarea
          ref={replyBox}
          aria-label="Reply"
          aria-keyshortcuts="Control+K Meta+K"
          rows="4"
          placeholder="Write a reply… (shared: your colleagues see it as you type; / or Ctrl+K for saved replies)"
        />
        <Show when={unfilled().length}>
          <p class="unfilled-variables" role="status">
            Fill in{' '}
            {unfilled()
              .map((v) => `{{${v}}}`)
              .join(', ')}{' '}
            before sending.
          </p>
        </Show>
        <Show when={macroText()}>
          <p class="macro-notice" role="status">
            {macroText()}
          </p>
        </Show>
        <Show when={byMail()}>
          <div class="cc-line">
            <label>
              Cc
              <input
                type="text"
                aria-label="Cc"
                placeholder="more recipients, separated by commas"
                value={ccText()}
                onInput={(e) => setCcText(e.currentTarget.value)}
              />
            </label>
            <button type="button" onClick={replyAll}>
              Reply all
            </button>
          </div>
        </Show>
        <SignatureLine
          channelId={props.ticket.channelId}
          signature={signature()}
          onSaved={(body) =>
            setSignatures((list) => [
              ...(list ?? []).filter((s) => s.channelId !== props.ticket.channelId),
              ...(body ? [{ channelId: props.ticket.channelId, body }] : []),
            ])
          }
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
          <MacroMenu open={macrosOpen()} onOpenChange={setMacrosOpen} onRun={(macro) => void runMacroHere(macro)} />
          <button
            type="button"
            aria-keyshortcuts="Control+K Meta+K"
            aria-expanded={Boolean(picker())}
            onClick={() => openPicker(replyBox.selectionEnd, false)}
          >
            Saved replies
          </button>
          <span class="send-group">
            <button type="button" class="primary" disabled={busy()} onClick={() => void sendReply(false, undefined)}>
              Send
            </button>
            <button type="button" disabled={busy()} onClick={() => void sendReply(false, 'pending')}>
              Send and set pending
            </button>
            <button type="button" disabled={busy()} onClick={() => void sendReply(false, 'resolved')}>
              Send and resolve
            </button>
          </span>
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
      <Show when={sendBlocked() && unfilled().length}>
        <p class="error" role="alert">
          {blockedText()}
        </p>
      </Show>
    </section>
  )
}
