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
  // PGlite names its IndexedDB database after its mount path; find it rather than guess the prefix.
  const names = (await indexedDB.databases())
    .map((d) => d.name ?? '')
    .filter((n) => n.endsWith(localDbName(agentId)) || n.startsWith(ticketDocName(agentId, '')))
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name)
          request.onsuccess = request.onerror = request.onblocked = () => resolve()
        }),
    ),
  )
}
