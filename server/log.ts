// A small leveled logger writing one line per event (to stderr unless told otherwise); LOG_LEVEL picks the threshold.
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const
export type LogLevel = keyof typeof levels

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void
  info(message: string, data?: Record<string, unknown>): void
  warn(message: string, data?: Record<string, unknown>): void
  error(message: string, data?: Record<string, unknown>): void
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const threshold = levels[level]
  const at = (eventLevel: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    if (levels[eventLevel] < threshold) return
    const extra = data ? ` ${JSON.stringify(data, errorReplacer)}` : ''
    write(`${new Date().toISOString()} ${eventLevel} ${message}${extra}\n`)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value
}
