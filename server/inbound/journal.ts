// The inbound journal: on embedded PGlite (which runs with fsync=off), every accepted inbound event is
// appended here and fdatasync'd before the sender gets its 2xx, and replayed at start-up. Replay is
// idempotent because ingest dedupes on (channel, external id). After replay, and whenever the file grows
// past its limit, the database is checkpointed and flushed to disk, and the journal is emptied.
import { execFile } from 'node:child_process'
import { type FileHandle, open, readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { type ChannelEvent, channelEventSchema } from '../channels/channel-event.ts'
import { inboundMessageSchema } from '../channels/inbound-message.ts'

export interface Journal {
  append(events: readonly ChannelEvent[]): Promise<void>
  /** Every readable record; a torn last line (a crash mid-write) is skipped. */
  read(): Promise<ChannelEvent[]>
  /** Makes the database durable (checkpoint, then flush to disk), then empties the journal. */
  reset(): Promise<void>
  readonly size: number
  close(): Promise<void>
}

export async function openJournal(path: string, flushDatabase: () => Promise<void>): Promise<Journal> {
  let handle: FileHandle = await open(path, 'a')
  let size = (await handle.stat()).size
  return {
    get size() {
      return size
    },
    async append(events) {
      const text = events.map((e) => `${JSON.stringify(e)}\n`).join('')
      await handle.appendFile(text)
      await handle.datasync()
      size += Buffer.byteLength(text)
    },
    async read() {
      const text = await readFile(path, 'utf8')
      const records: ChannelEvent[] = []
      for (const line of text.split('\n')) {
        if (!line) continue
        try {
          records.push(readRecord(JSON.parse(line)))
        } catch {
          // A torn write from a crash: its sender never got a 2xx, so it will deliver again.
        }
      }
      return records
    },
    async reset() {
      if (size === 0) return
      await flushDatabase()
      await handle.close()
      handle = await open(path, 'w')
      await handle.datasync()
      size = 0
    },
    close: () => handle.close(),
  }
}

/** Flushes every dirty page of the filesystem holding `dir` (syncfs through coreutils' sync -f). */
export async function syncFilesystem(dir: string): Promise<void> {
  await promisify(execFile)('sync', ['-f', dir])
}

/** A journal line: a channel event; a bare message is what journals of earlier versions hold. */
function readRecord(value: unknown): ChannelEvent {
  const event = channelEventSchema.safeParse(value)
  return event.success ? event.data : { type: 'message', message: inboundMessageSchema.parse(value) }
}
