// Runs before `npm start`: builds the agent app and the chat widget (npm run build), and bundles the server
// (build-server.ts), each only when there is no build yet or what it is built from changed since, so a
// start after the first goes straight to the server. What a build is made from is read byte for byte (a
// digest, not file times: a checkout that rewrites the same bytes builds nothing). Each digest is kept
// inside the directory its build empties: a build run by hand, or one that failed half-way, makes the next
// start build again.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { buildServer } from './build-server.ts'

export interface BuildTarget {
  name: string
  /** Everything the built files depend on: sources, the bundler's settings, the installed packages. */
  inputs: string[]
  /** The files a build leaves; without any of them it is not built. */
  outputs: string[]
  stampFile: string
}

const installed = ['package.json', 'package-lock.json', 'tsconfig.base.json']

export const appBuild: BuildTarget = {
  name: 'the app',
  inputs: [
    'client',
    'shared',
    ...installed,
    'vite.config.ts',
    'vite.widget.config.ts',
    'scripts/precompress.ts',
    'server/http/built-file.ts',
  ],
  outputs: ['dist/client/index.html', 'dist/client/sw.js', 'dist/widget/widget.js'],
  stampFile: 'dist/client/.build-stamp',
}

export const serverBuild: BuildTarget = {
  name: 'the server',
  inputs: ['server', 'shared', ...installed, 'scripts/build-server.ts'],
  outputs: ['dist/server/main.js'],
  stampFile: 'dist/server/.build-stamp',
}

/** One digest of every input file's path and bytes, in a stable order. */
export async function inputsDigest(root: string, inputs: string[]): Promise<string> {
  const files = (await Promise.all(inputs.map((input) => filesOf(join(root, input))))).flat().sort()
  const hash = createHash('sha256')
  for (const file of files) {
    const bytes = await readFile(file)
    hash.update(`${relative(root, file).replaceAll('\\', '/')}\0${bytes.length}\0`).update(bytes)
  }
  return hash.digest('hex')
}

async function filesOf(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return null
    if (error.code === 'ENOENT') return []
    throw error
  })
  if (entries === null) return [path]
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

/** Why a build is needed, or null when the one in dist/ is from these very inputs. */
export function buildReason(state: { outputsPresent: boolean; stamp: string | null; digest: string }): string | null {
  if (!state.outputsPresent) return 'not built yet'
  if (state.stamp === null) return 'built without a record of its sources'
  if (state.stamp.trim() !== state.digest) return 'its sources changed since the last build'
  return null
}

export async function checkBuild(root: string, target: BuildTarget): Promise<{ reason: string | null; digest: string }> {
  const digest = await inputsDigest(root, target.inputs)
  const outputsPresent = target.outputs.every((output) => existsSync(join(root, output)))
  const stamp = await readFile(join(root, target.stampFile), 'utf8').catch(() => null)
  return { reason: buildReason({ outputsPresent, stamp, digest }), digest }
}

function buildApp(root: string): void {
  // npm_execpath is the npm that runs this script; without it (run directly), the one on the PATH.
  const npm = process.env.npm_execpath
  const built = npm
    ? spawnSync(process.execPath, [npm, 'run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (built.status !== 0) process.exit(built.status ?? 1)
}

async function buildIfChanged(root: string, target: BuildTarget, build: () => void | Promise<void>): Promise<void> {
  const { reason, digest } = await checkBuild(root, target)
  if (!reason) return
  process.stdout.write(`Building ${target.name}: ${reason}.\n`)
  await build()
  // The digest of the inputs as they were before the build: a file changed during it builds again next time.
  await writeFile(join(root, target.stampFile), `${digest}\n`)
}

if (process.argv[1] === import.meta.filename) {
  const root = resolve(import.meta.dirname, '..')
  await buildIfChanged(root, serverBuild, () => buildServer(root))
  await buildIfChanged(root, appBuild, () => buildApp(root))
}
