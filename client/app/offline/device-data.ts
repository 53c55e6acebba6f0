// What an agent leaves in this browser, by name: the local database, each ticket's shared document, and
// small keys in localStorage (the directory, the inbox's first screen). Kept apart from the database code
// so the sign-in page can remove them without loading it.

export function localDbName(agentId: string): string {
  return `helpdesk-${agentId}`
}

/** Where a ticket's shared document is kept in this browser for the agent. */
export function ticketDocName(agentId: string, ticketId: string): string {
  return `${localDbName(agentId)}-doc-${ticketId}`
}

/** A localStorage key of the agent's (removed with the rest at sign-out). */
export function deviceKey(agentId: string, name: string): string {
  return `helpdesk.${name}.${agentId}`
}

/** Sign-out: the agent's cached tickets must not stay in the browser. */
export async function deleteDeviceData(agentId: string): Promise<void> {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i)
    if (key?.startsWith('helpdesk.') && key.endsWith(`.${agentId}`)) localStorage.removeItem(key)
  }
  await deleteStored(localDbName(agentId), ticketDocName(agentId, ''))
}

/**
 * Removes a local database wherever it is kept (IndexedDB or the origin's private file system), and the
 * IndexedDB databases whose names start with `alsoPrefix`. Its worker must have closed it first.
 */
export async function deleteStored(name: string, alsoPrefix?: string): Promise<void> {
  // PGlite names its IndexedDB database after its mount path; find it rather than guess the prefix.
  const names = (await indexedDB.databases())
    .map((d) => d.name ?? '')
    .filter((n) => n.endsWith(name) || (alsoPrefix && n.startsWith(alsoPrefix)))
  await Promise.all([
    ...names.map(
      (stored) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(stored)
          request.onsuccess = request.onerror = request.onblocked = () => resolve()
        }),
    ),
    navigator.storage
      ?.getDirectory()
      .then((root) => root.removeEntry(name, { recursive: true }))
      .catch(() => undefined),
  ])
}
