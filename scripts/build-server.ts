// Bundles the server into dist/server (npm start runs it with plain node): loading one file is about twice
// as fast as compiling every source file at each start, and the packages stay in node_modules, loaded by
// node as usual. Modules the server imports dynamically (the MIME parser, loaded with the first mail) stay
// separate chunks, so a start does not load them.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'esbuild'

export async function buildServer(root: string, outdir = join(root, 'dist/server')): Promise<void> {
  await rm(outdir, { recursive: true, force: true })
  await build({
    entryPoints: [join(root, 'server/main.ts')],
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
}

if (process.argv[1] === import.meta.filename) await buildServer(join(import.meta.dirname, '..'))
