// Who may change a ticket's owner: supervisors and admins always; an agent may take a ticket nobody
// owns, or hand on their own, but not take one from a colleague (that is a supervisor's call). The same
// rule holds over REST and in the ticket's shared document.
import { AppError } from '../../shared/errors.ts'
import type { Actor } from '../auth/actor.ts'

export function assertMayAssign(
  actor: Actor,
  before: { assigneeId: string | null; teamId: string | null },
  next: { assigneeId?: string | null | undefined; teamId?: string | null | undefined },
): void {
  const changes =
    (next.assigneeId !== undefined && next.assigneeId !== before.assigneeId) ||
    (next.teamId !== undefined && next.teamId !== before.teamId)
  if (!changes || actor.role !== 'agent') return
  if (before.assigneeId === null || before.assigneeId === actor.agentId) return
  throw new AppError('forbidden', 'The ticket is assigned to a colleague; only a supervisor can reassign it.')
}
