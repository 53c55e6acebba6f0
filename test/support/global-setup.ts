// Vitest global setup: one migrated database template per run, handed to test files by `provide`.
import { rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { prepareTemplate, usePostgres } from './test-database.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: string
  }
}

export default async function setup(project: TestProject) {
  const template = await prepareTemplate()
  project.provide('databaseTemplate', template)
  return () => {
    if (!usePostgres) rmSync(template, { recursive: true, force: true })
  }
}
