// Work that waits for the inbox's first rows: on a new device they come from the server, and booting the
// local database beside them (its worker's script, then PGlite's files and two cores' worth of start)
// would delay them. The inbox marks the moment (`inbox-rows`); a start that shows no inbox (a ticket's
// link) or has no connection to wait for runs the work soon all the same.

/** At the latest, the work runs this long after it was asked for. */
const latestMs = 2_000

/** Runs `work` once, when the inbox has shown its first rows (or after a moment, or at once offline). */
export function afterFirstRows(work: () => void): void {
  let done = false
  const observer = new PerformanceObserver((entries) => {
    if (entries.getEntriesByName('inbox-rows').length) run()
  })
  function run() {
    if (done) return
    done = true
    observer.disconnect()
    work()
  }
  if (!navigator.onLine || performance.getEntriesByName('inbox-rows').length) {
    run()
    return
  }
  observer.observe({ type: 'mark' })
  setTimeout(run, latestMs)
}
