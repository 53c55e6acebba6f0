// Entry point of the agent app: the session, the root component, the service worker for offline starts.
import { render } from 'solid-js/web'
import { App } from './app.tsx'
import { registerServiceWorker } from './offline/register-service-worker.ts'
import { createSession } from './session.ts'
import './styles.css'

const session = createSession()
void session.confirm()
render(() => <App session={session} />, document.getElementById('app')!)
registerServiceWorker()
