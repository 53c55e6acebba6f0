// What a browser costs the machine, read from /proc (Linux): the processes whose command line names a
// string (a Chromium profile directory), their CPU time and their proportional memory (PSS, so pages of a
// library shared by every Chromium process are not counted once per process). Zero elsewhere.
import { readdirSync, readFileSync } from 'node:fs'

const ticksPerSecond = 100

function pidsNaming(text: string): number[] {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  const pids: number[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry))
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids
}

export interface ProcessCost {
  processes: number
  cpuSeconds: number
  pssBytes: number
}

export function processCost(text: string): ProcessCost {
  let cpuTicks = 0
  let pssKb = 0
  const pids = pidsNaming(text)
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      cpuTicks += Number(fields[11]) + Number(fields[12])
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      pssKb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0)
    } catch {
      // The process ended meanwhile.
    }
  }
  return { processes: pids.length, cpuSeconds: cpuTicks / ticksPerSecond, pssBytes: pssKb * 1024 }
}
