// A mail's body in the conversation: its sanitised HTML in a sandboxed frame (no allow-scripts: the
// frame runs nothing; same origin only so the app can fit the frame to its content), remote images held
// back until the agent clicks "Show images", and the plain text one click away.
import { createSignal, Show } from 'solid-js'
import { emailDocument, hasRemoteImages } from './email-html-view.ts'

const sandbox = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox'
const maxFrameHeight = 2000

export function EmailBody(props: { html: string; text: string }) {
  const [view, setView] = createSignal<'html' | 'text'>('html')
  const [showImages, setShowImages] = createSignal(false)
  let frame: HTMLIFrameElement | undefined
  const fit = () => {
    const height = frame?.contentDocument?.documentElement.scrollHeight
    if (frame && height) frame.style.height = `${Math.min(height + 4, maxFrameHeight)}px`
  }
  return (
    <div class="email-body">
      <fieldset class="email-body-tools" aria-label="Mail view">
        <button type="button" aria-pressed={view() === 'html'} onClick={() => setView('html')}>
          Formatted
        </button>
        <button type="button" aria-pressed={view() === 'text'} onClick={() => setView('text')}>
          Text
        </button>
        <Show when={view() === 'html' && !showImages() && hasRemoteImages(props.html)}>
          <button type="button" onClick={() => setShowImages(true)}>
            Show images
          </button>
        </Show>
      </fieldset>
      <Show when={view() === 'html'} fallback={<p class="message-body">{props.text}</p>}>
        <iframe
          ref={frame}
          class="email-frame"
          title="Formatted mail"
          sandbox={sandbox}
          referrerPolicy="no-referrer"
          srcdoc={emailDocument(props.html, showImages())}
          onLoad={fit}
        />
      </Show>
    </div>
  )
}
