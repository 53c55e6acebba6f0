// Registers the service worker that keeps the app shell, and hands it the files this page loaded (the
// hashed scripts, styles and PGlite's wasm and data) so the next start works with the server unreachable.
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  navigator.serviceWorker.register('/sw.js').then(
    async () => {
      const ready = await navigator.serviceWorker.ready
      const send = () => {
        const urls = performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name))
          .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
          .map((url) => url.pathname)
        ready.active?.postMessage({ type: 'keep', urls: ['/', ...new Set(urls)] })
      }
      // PGlite's files load a moment after start; hand over the list again once they have.
      send()
      setTimeout(send, 5_000)
    },
    (error) => console.warn('service worker not registered', error),
  )
}
