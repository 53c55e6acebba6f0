// One tab per agent owns the IndexedDB copy of the local database: two PGlite instances writing the same
// files would overwrite each other. The owner holds a Web Lock for as long as it keeps the database open.

/** A reloading tab's previous page gives the lock back a moment after the new page asks for it. */
const waitForLockMs = 3_000

/** Takes the lock unless another tab keeps it; the returned function gives it back. Null when kept. */
export async function claimLocalDb(agentId: string): Promise<(() => void) | null> {
  if (!navigator.locks) return () => {}
  return new Promise((resolve) => {
    navigator.locks
      .request(`helpdesk-local-db-${agentId}`, { signal: AbortSignal.timeout(waitForLockMs) }, () => {
        // The lock lasts until this promise settles: until the database is closed, or the tab goes.
        return new Promise<void>((release) => resolve(release))
      })
      .catch(() => resolve(null))
  })
}
