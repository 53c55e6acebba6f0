import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import {
  appBuild,
  type BuildTarget,
  buildReason,
  checkBuild,
  inputsDigest,
  serverBuild,
} from '../../../scripts/build-if-changed.ts'

let root = ''

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-stamp-'))
  for (const [path, text] of Object.entries({
    'client/app/main.tsx': 'render(App)',
    'client/public/sw.js': 'self.addEventListener("fetch", () => {})',
    'shared/errors.ts': 'export class AppError {}',
    'package.json': '{"name":"helpdesk"}',
    'package-lock.json': '{"lockfileVersion":3}',
    'vite.config.ts': 'export default {}',
    'server/main.ts': 'listen()',
    'migrations/0000_start.sql': 'create table t ()',
  })) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

async function built(target: BuildTarget) {
  for (const output of target.outputs) {
    mkdirSync(join(root, output, '..'), { recursive: true })
    writeFileSync(join(root, output), 'built')
  }
  writeFileSync(join(root, target.stampFile), `${await inputsDigest(root, target.inputs)}\n`)
}

test('builds when nothing is built, when the build left no record of its sources, and when they changed', () => {
  expect(buildReason({ outputsPresent: false, stamp: 'abc', digest: 'abc' })).toMatch(/not built/)
  expect(buildReason({ outputsPresent: true, stamp: null, digest: 'abc' })).toMatch(/without a record/)
  expect(buildReason({ outputsPresent: true, stamp: 'abd\n', digest: 'abc' })).toMatch(/changed/)
  expect(buildReason({ outputsPresent: true, stamp: 'abc\n', digest: 'abc' })).toBeNull()
})

test('a start after a build goes straight to the server', async () => {
  for (const target of [appBuild, serverBuild]) {
    expect((await checkBuild(root, target)).reason).toMatch(/not built/)
    await built(target)
    expect(await checkBuild(root, target)).toEqual({ reason: null, digest: await inputsDigest(root, target.inputs) })
  }
})

test('a changed, added or removed source builds again; a touched one does not', async () => {
  await built(appBuild)
  const later = new Date(Date.now() + 60_000)
  utimesSync(join(root, 'client/app/main.tsx'), later, later)
  expect((await checkBuild(root, appBuild)).reason).toBeNull()

  for (const change of [
    () => writeFileSync(join(root, 'client/app/main.tsx'), 'render(App2)'),
    () => writeFileSync(join(root, 'shared/new.ts'), 'export {}'),
    () => rmSync(join(root, 'client/public/sw.js')),
    () => writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}'),
    () => writeFileSync(join(root, 'vite.config.ts'), 'export default { build: {} }'),
  ]) {
    change()
    expect((await checkBuild(root, appBuild)).reason).toMatch(/changed/)
    await built(appBuild)
  }
})

test('a server change bundles the server again and leaves the app alone; a client change the reverse', async () => {
  await built(appBuild)
  await built(serverBuild)
  writeFileSync(join(root, 'server/main.ts'), 'listen(); close()')
  expect((await checkBuild(root, serverBuild)).reason).toMatch(/changed/)
  expect((await checkBuild(root, appBuild)).reason).toBeNull()
  await built(serverBuild)
  writeFileSync(join(root, 'client/app/main.tsx'), 'render(App3)')
  expect((await checkBuild(root, serverBuild)).reason).toBeNull()
  expect((await checkBuild(root, appBuild)).reason).toMatch(/changed/)
  // Shared wire types go into both; migrations are read at run time, not bundled.
  await built(appBuild)
  writeFileSync(join(root, 'migrations/0001_more.sql'), 'alter table t add column c int')
  expect((await checkBuild(root, serverBuild)).reason).toBeNull()
  writeFileSync(join(root, 'shared/errors.ts'), 'export class AppError extends Error {}')
  expect((await checkBuild(root, serverBuild)).reason).toMatch(/changed/)
  expect((await checkBuild(root, appBuild)).reason).toMatch(/changed/)
})

test('a file moved to another name is a change, though its bytes are the same', async () => {
  const before = await inputsDigest(root, appBuild.inputs)
  rmSync(join(root, 'shared/errors.ts'))
  writeFileSync(join(root, 'shared/failures.ts'), 'export class AppError {}')
  expect(await inputsDigest(root, appBuild.inputs)).not.toBe(before)
})

test('a build that empties its directory takes the record with it: the next start builds', async () => {
  await built(appBuild)
  rmSync(join(root, appBuild.stampFile))
  expect((await checkBuild(root, appBuild)).reason).toMatch(/without a record/)
  await built(appBuild)
  rmSync(join(root, 'dist/widget/widget.js'))
  expect((await checkBuild(root, appBuild)).reason).toMatch(/not built/)
  await built(serverBuild)
  rmSync(join(root, 'dist/server'), { recursive: true })
  expect((await checkBuild(root, serverBuild)).reason).toMatch(/not built/)
})
