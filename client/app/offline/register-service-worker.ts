// Registers the service worker that keeps the app shell, and hands it the files this page loaded (the
// hashed scripts, styles and PGlite's wasm and data) so the next start works with the server unreachable.
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  navigator.serviceWorker.register('/sw.js').then(
    async () => {
      const ready = await navigator.serviceWorker.ready
      const send = (loaded: string[]) => {
        const urls = loaded
          .map((name) => new URL(name, location.href))
          .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
          .map((url) => url.pathname)
        ready.active?.postMessage({ type: 'keep', urls: ['/', ...new Set(urls)] })
      }
      const pageFiles = () => performance.getEntriesByType('resource').map((entry) => entry.name)
      send(pageFiles())
      // The signed-in part loads later, and the local database's worker loads PGlite's files itself and
      // says which.
      setTimeout(() => send(pageFiles()), 5_000)
      new BroadcastChannel('helpdesk-assets').onmessage = (event: MessageEvent<string[]>) => send(event.data)
    },
    (error) => console.warn('service worker not registered', error),
  )
}
