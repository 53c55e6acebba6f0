// Loaded into the measured server with --import (and --expose-gc): on SIGUSR2 it collects garbage and
// writes process.memoryUsage() as JSON to HEAP_PROBE_FILE, so the bench reads what documents really
// hold rather than heap the collector has not reclaimed yet. Bench-only: the product never loads it.
import { writeFileSync } from 'node:fs'

const file = process.env.HEAP_PROBE_FILE
if (file) {
  process.on('SIGUSR2', () => {
    const gc = (globalThis as { gc?: () => void }).gc
    gc?.()
    gc?.()
    writeFileSync(file, JSON.stringify({ ...process.memoryUsage(), at: Date.now() }))
  })
}
