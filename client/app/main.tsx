// Entry point of the agent app: the session, the root component, the service worker for offline starts.
import './zod-without-eval.ts'
import { render } from 'solid-js/web'
import { App } from './app.tsx'
import { registerServiceWorker } from './offline/register-service-worker.ts'
import { createSession } from './session.ts'
import { afterFirstPaint } from './ui/after-first-paint.ts'
import './styles.css'

// For the bench: when the entry's code (its imports loaded and run) starts.
performance.mark('app-start')
const session = createSession()
render(() => <App session={session} />, document.getElementById('app')!)
// A remembered agent is shown at once; the server confirms them once the first screen is up.
afterFirstPaint(() => void session.confirm())
registerServiceWorker()
