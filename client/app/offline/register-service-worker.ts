// Registers the service worker that keeps the app shell, and hands it the files this page loaded (the
// hashed scripts, styles and PGlite's wasm and data) so the next start works with the server unreachable.
// A file fetched through the worker is kept by it already; the others (loaded before it took control,
// as on a first visit) are told to it as they load, since a route's code and PGlite come later than the
// page, and all of them again when a new worker (a new build) takes over.
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  navigator.serviceWorker.register('/sw.js').then(
    (registration) => {
      const loaded = new Set<string>(['/'])
      const tell = (urls: Iterable<string>) => {
        const list = [...urls]
        if (list.length > 0) registration.active?.postMessage({ type: 'keep', urls: list })
      }
      const pathsOf = (names: string[]) =>
        names
          .map((name) => new URL(name, location.href))
          .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
          .map((url) => url.pathname)
      const assetsOf = (entries: PerformanceEntryList) =>
        pathsOf((entries as PerformanceResourceTiming[]).filter((entry) => entry.workerStart === 0).map((entry) => entry.name))
      const observer = new PerformanceObserver((list) => {
        const fresh = assetsOf(list.getEntries()).filter((path) => !loaded.has(path))
        for (const path of fresh) loaded.add(path)
        tell(fresh)
      })
      observer.observe({ type: 'resource', buffered: true })
      for (const path of assetsOf(performance.getEntriesByType('resource'))) loaded.add(path)
      navigator.serviceWorker.ready.then(() => tell(loaded))
      navigator.serviceWorker.addEventListener('controllerchange', () => tell(loaded))
      // The local database's worker loads PGlite's files itself, out of this page's sight, and says which.
      new BroadcastChannel('helpdesk-assets').onmessage = (event: MessageEvent<string[]>) => {
        const fresh = pathsOf(event.data).filter((path) => !loaded.has(path))
        for (const path of fresh) loaded.add(path)
        tell(fresh)
      }
    },
    (error) => console.warn('service worker not registered', error),
  )
}
