// A small leveled logger writing one line per event to stderr; LOG_LEVEL picks the threshold.
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const
export type LogLevel = keyof typeof levels

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void
  info(message: string, data?: Record<string, unknown>): void
  warn(message: string, data?: Record<string, unknown>): void
  error(message: string, data?: Record<string, unknown>): void
}

export function createLogger(level: LogLevel): Logger {
  const threshold = levels[level]
  const write = (at: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    if (levels[at] < threshold) return
    const extra = data ? ` ${JSON.stringify(data, errorReplacer)}` : ''
    process.stderr.write(`${new Date().toISOString()} ${at} ${message}${extra}\n`)
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value
}
