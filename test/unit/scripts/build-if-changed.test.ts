import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { buildOutputs, buildReason, checkBuild, inputsDigest, stampFile } from '../../../scripts/build-if-changed.ts'

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
  })) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function built(digest: string) {
  for (const output of buildOutputs) {
    mkdirSync(join(root, output, '..'), { recursive: true })
    writeFileSync(join(root, output), 'built')
  }
  writeFileSync(join(root, stampFile), `${digest}\n`)
}

test('builds when nothing is built, when the build left no record of its sources, and when they changed', () => {
  expect(buildReason({ outputsPresent: false, stamp: 'abc', digest: 'abc' })).toMatch(/not built/)
  expect(buildReason({ outputsPresent: true, stamp: null, digest: 'abc' })).toMatch(/without a record/)
  expect(buildReason({ outputsPresent: true, stamp: 'abd\n', digest: 'abc' })).toMatch(/changed/)
  expect(buildReason({ outputsPresent: true, stamp: 'abc\n', digest: 'abc' })).toBeNull()
})

test('a start after a build goes straight to the server', async () => {
  expect((await checkBuild(root)).reason).toMatch(/not built/)
  built(await inputsDigest(root))
  expect(await checkBuild(root)).toEqual({ reason: null, digest: await inputsDigest(root) })
})

test('a changed, added or removed source builds again; a touched one or a server file does not', async () => {
  built(await inputsDigest(root))
  const later = new Date(Date.now() + 60_000)
  utimesSync(join(root, 'client/app/main.tsx'), later, later)
  writeFileSync(join(root, 'server/main.ts'), 'listen(); close()')
  expect((await checkBuild(root)).reason).toBeNull()

  for (const change of [
    () => writeFileSync(join(root, 'client/app/main.tsx'), 'render(App2)'),
    () => writeFileSync(join(root, 'shared/new.ts'), 'export {}'),
    () => rmSync(join(root, 'client/public/sw.js')),
    () => writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}'),
    () => writeFileSync(join(root, 'vite.config.ts'), 'export default { build: {} }'),
  ]) {
    change()
    expect((await checkBuild(root)).reason).toMatch(/changed/)
    built(await inputsDigest(root))
  }
})

test('a file moved to another name is a change, though its bytes are the same', async () => {
  const before = await inputsDigest(root)
  rmSync(join(root, 'shared/errors.ts'))
  writeFileSync(join(root, 'shared/failures.ts'), 'export class AppError {}')
  expect(await inputsDigest(root)).not.toBe(before)
})

test('a vite build empties dist/client and with it the record: the next start builds', async () => {
  built(await inputsDigest(root))
  rmSync(join(root, stampFile))
  expect((await checkBuild(root)).reason).toMatch(/without a record/)
  built(await inputsDigest(root))
  rmSync(join(root, 'dist/widget/widget.js'))
  expect((await checkBuild(root)).reason).toMatch(/not built/)
})
