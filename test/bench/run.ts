// npm run bench: ingest, WhatsApp webhook, inbound email (SMTP), live chat and read-side figures of the
// real server on PGlite and, when one answers, on PostgreSQL (BENCH_PG_URL, a superuser URL), printed as
// one table with the aims beside them. BENCH_TARGETS=pglite,postgres and
// BENCH_PARTS=ingest,whatsapp,email,chat,collab,query,rules,push,app narrow a run; BENCH_CACHE_DIR holds the seeded PGlite data
// directories (default: the system temp dir).
import { cpus, loadavg } from 'node:os'
import { benchApp } from './app-bench.ts'
import { benchChat } from './chat-bench.ts'
import { benchCollab } from './collab-bench.ts'
import { benchEmail } from './email-bench.ts'
import { explainSearches } from './explain-search.ts'
import { benchIngest } from './ingest-bench.ts'
import { pgAdminUrl, probePostgres } from './pg-admin.ts'
import { benchPush } from './push-bench.ts'
import { benchQueries } from './query-bench.ts'
import { formatTable, type Row } from './report-table.ts'
import { benchRules } from './rules-bench.ts'
import { searchTerms } from './search-terms.ts'
import { seededDatabase } from './seed-cache.ts'
import { type TargetKind, targets } from './targets.ts'
import { benchWhatsapp } from './whatsapp-bench.ts'
import { checkWhatsappLoss } from './whatsapp-loss-check.ts'

const started = performance.now()
const log = (line: string) => process.stderr.write(`${line}\n`)
const wanted = (name: string, all: string[]) => (process.env[name]?.split(',') ?? all).map((s) => s.trim())
const parts = wanted('BENCH_PARTS', ['ingest', 'whatsapp', 'email', 'chat', 'collab', 'query', 'rules', 'push', 'app'])
const notes: string[] = []

const load = loadavg()[0]!
log(`bench on ${cpus().length} cores, load average ${load.toFixed(2)}`)
if (load > 0.5) notes.push(`the machine was busy when the bench started (load average ${load.toFixed(2)}): figures may be low`)

const kinds = wanted('BENCH_TARGETS', ['pglite', 'postgres']) as TargetKind[]
if (kinds.includes('postgres')) {
  const probe = await probePostgres()
  if (probe.version) log(`PostgreSQL ${probe.version} at ${pgAdminUrl}`)
  else {
    kinds.splice(kinds.indexOf('postgres'), 1)
    notes.push(`PostgreSQL rows skipped: ${pgAdminUrl} did not connect (${probe.reason}); set BENCH_PG_URL to a superuser URL`)
  }
}

const rows: Row[] = []
const plans: string[] = []
if (parts.includes('ingest')) {
  for (const kind of kinds) {
    log(`ingest on ${kind}`)
    rows.push(...(await benchIngest(targets[kind], log)))
  }
}
if (parts.includes('whatsapp')) {
  for (const kind of kinds) {
    log(`WhatsApp webhooks on ${kind}`)
    rows.push(...(await benchWhatsapp(targets[kind], log)))
    const loss = await checkWhatsappLoss(targets[kind], log)
    rows.push(loss.row)
    notes.push(loss.summary)
  }
}
if (parts.includes('email')) {
  for (const kind of kinds) {
    log(`email over SMTP on ${kind}`)
    rows.push(...(await benchEmail(targets[kind], log)))
  }
}
if (parts.includes('chat')) {
  for (const kind of kinds) {
    log(`live chat on ${kind}`)
    rows.push(...(await benchChat(targets[kind], log)))
  }
}
if (parts.includes('collab')) {
  for (const kind of kinds) {
    log(`shared documents on ${kind}`)
    rows.push(...(await benchCollab(targets[kind], log)))
  }
}
if (parts.includes('rules')) {
  for (const kind of kinds) {
    log(`rules and scheduler on ${kind}`)
    rows.push(...(await benchRules(targets[kind], log)))
  }
}
if (parts.includes('push')) {
  for (const kind of kinds) {
    log(`live sync push on ${kind}`)
    rows.push(...(await benchPush(targets[kind], log)))
  }
}
// The browser's figures hardly depend on the server's database: measured once, on the first target.
if (parts.includes('app') && kinds[0]) {
  log(`agent app in Chromium on ${kinds[0]}`)
  rows.push(...(await benchApp(targets[kinds[0]], log)))
}
if (parts.includes('query')) {
  for (const kind of kinds) {
    const target = targets[kind]
    log(`queries on ${kind}`)
    const seedStarted = performance.now()
    const seeded = await seededDatabase(target, log)
    const seconds = (performance.now() - seedStarted) / 1000
    notes.push(
      seeded.fromCache
        ? `${kind}: seeded ${target.messages} messages / ${target.tickets} tickets taken from the cache (${seeded.meta.version}) in ${seconds.toFixed(1)} s; seeding it took ${seeded.meta.seedSeconds.toFixed(0)} s`
        : `${kind}: seeded ${target.messages} messages / ${target.tickets} tickets in ${seeded.meta.seedSeconds.toFixed(0)} s (cached as ${seeded.meta.version})`,
    )
    try {
      rows.push(...(await benchQueries(target, seeded, log)))
      for (const line of await explainSearches(seeded.env, searchTerms)) plans.push(`${kind} ${line}`)
    } finally {
      await seeded.release()
    }
  }
}

console.log(formatTable(rows))
if (plans.length) console.log(`\nEXPLAIN ANALYZE of the search statements:\n${plans.map((p) => `  ${p}`).join('\n')}`)
notes.push(`whole bench: ${((performance.now() - started) / 1000).toFixed(0)} s`)
console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`)
