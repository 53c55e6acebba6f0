// What a refused change says on screen: the server's sentence and, for invalid input, each field's issue.
import { ApiError } from '../net/http.ts'

export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return (error as Error).message
  const issues = Array.isArray(error.details)
    ? (error.details as { path?: unknown; message?: string }[]).map((issue) =>
        [Array.isArray(issue.path) ? issue.path.join('.') : issue.path, issue.message].filter(Boolean).join(': '),
      )
    : []
  // The server's sentence often names the first issue already.
  return [error.message, ...issues.filter((issue) => !error.message.includes(issue.split(': ').at(-1)!))].join(' — ')
}
