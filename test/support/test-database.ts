// Databases for tests. PGlite: a migrated data directory made once per run and copied for each server
// (creating one from scratch takes seconds). PostgreSQL (TEST_DATABASE=postgres): a migrated template
// database, and a fresh CREATE DATABASE ... TEMPLATE for each server.
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { createDb } from '../../server/db/create-db.ts'

export const usePostgres = process.env.TEST_DATABASE === 'postgres'
/** A superuser URL of the PostgreSQL that test:pg runs against (.ci/run starts one on loopback). */
export const postgresAdminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const templateName = 'helpdesk_test_template'

/** Builds the migrated template (called once, from vitest's global setup). */
export async function prepareTemplate(): Promise<string> {
  if (usePostgres) {
    const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop database if exists ${templateName} with (force)`)
    await admin.unsafe(`create database ${templateName} encoding 'UTF8' template template0`)
    await admin.end()
    const database = await createDb({ dataDir: '', databaseUrl: databaseUrl(templateName) })
    await database.close()
    return templateName
  }
  const dir = join(tmpdir(), `helpdesk-test-template-${process.pid}-${Date.now()}`)
  const database = await createDb({ dataDir: dir })
  await database.close()
  return dir
}

/** Environment for one server process: a copy of the template, never shared with another server. */
export async function freshDatabaseEnv(template: string): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-test-'))
  if (!usePostgres) {
    cpSync(template, dataDir, { recursive: true })
    return { DATA_DIR: dataDir }
  }
  const name = `helpdesk_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name} template ${template}`)
  await admin.end()
  return { DATA_DIR: dataDir, DATABASE_URL: databaseUrl(name) }
}

function databaseUrl(name: string): string {
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${name}`
  return url.toString()
}
