// What a live-chat visitor who has given no name is called: "Visitor 4F2A", from the start of their id
// (a 64-character hash nobody can read). A name they give later replaces it.

export const visitorLabel = (visitorId: string): string => `Visitor ${visitorId.slice(0, 4).toUpperCase()}`

export const isVisitorLabel = (name: string | null): boolean => name !== null && /^Visitor [0-9A-Z]{1,4}$/.test(name)
