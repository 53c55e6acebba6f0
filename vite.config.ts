// Builds the agent app (client/app, SolidJS) into dist/client: index.html, hashed assets (PGlite's wasm
// and data files among them, served by our own server) and the service worker from client/public.
// The chat widget has its own build (vite.widget.config.ts). `npm run build` runs both, then
// scripts/precompress.ts, which writes the .br and .gz files the server sends and prints the sizes.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defineConfig, type Plugin, type UserConfig } from 'vite'
import solid from 'vite-plugin-solid'

/**
 * PGlite's Emscripten code imports node:module only on the branch that runs under Node, which never runs
 * in a browser: the import is left as written (nothing is bundled for it) rather than warned about.
 */
function nodeBranchImportsStayExternal(): Plugin {
  return {
    name: 'node-branch-imports-stay-external',
    enforce: 'pre',
    resolveId: (id) => (id === 'node:module' ? { id, external: true } : null),
  }
}

/**
 * Writes the names of this build's assets into the service worker (client/public/sw.js), which drops
 * what earlier builds left in its cache; a new list also makes each build a new service worker.
 */
function serviceWorkerKnowsItsBuild(): Plugin {
  const placeholder = 'const buildAssets = null'
  let assets: string[] = []
  return {
    name: 'service-worker-knows-its-build',
    apply: 'build',
    generateBundle(_options, bundle) {
      assets = Object.keys(bundle)
        .filter((name) => name.startsWith('assets/'))
        .map((name) => `/${name}`)
        .sort()
    },
    async writeBundle(options) {
      const file = join(options.dir!, 'sw.js')
      const script = await readFile(file, 'utf8')
      if (!script.includes(placeholder)) throw new Error(`${file} has no "${placeholder}" for the build's asset names`)
      await writeFile(file, script.replace(placeholder, `const buildAssets = ${JSON.stringify(assets)}`))
    },
  }
}

/**
 * The signed-in part is a dynamic import of the entry chunk, so the browser would only ask for it once the
 * entry has loaded and run: a signed-in start (a reload) waits for two files in a row. A modulepreload
 * link in the page fetches it beside the entry; a sign-in page gets it early too (it prefetches it anyway).
 */
function preloadSignedInPart(): Plugin {
  return {
    name: 'preload-signed-in-part',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunk = Object.values(bundle ?? {}).find(
          (file) => file.type === 'chunk' && file.facadeModuleId?.endsWith('/client/app/signed-in.tsx'),
        )
        if (!chunk) throw new Error('no chunk for client/app/signed-in.tsx to preload')
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` }, injectTo: 'head' }]
      },
    },
  }
}

/**
 * Emscripten's EM_ASM and EM_JS snippets in PGlite's glue are compiled by a direct eval; that is PGlite's
 * design, not something this app can change.
 */
const pgliteEvalIsExpected: NonNullable<NonNullable<NonNullable<UserConfig['build']>['rolldownOptions']>['onLog']> = (
  level,
  log,
  handler,
) => {
  if (log.code === 'EVAL' && log.id?.includes('/@electric-sql/pglite/')) return
  handler(level, log)
}

export default defineConfig({
  root: 'client',
  plugins: [nodeBranchImportsStayExternal(), solid(), serviceWorkerKnowsItsBuild(), preloadSignedInPart()],
  // The file list and sizes come from scripts/precompress.ts, compressed as they are served.
  logLevel: 'warn',
  // PGlite finds its wasm and data next to its module; pre-bundling would move it away from them.
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  // The local database's worker is a module worker: PGlite finds its files through import.meta.url.
  worker: {
    format: 'es',
    plugins: () => [nodeBranchImportsStayExternal()],
    rolldownOptions: { checks: { bundlerTimings: false }, onLog: pgliteEvalIsExpected },
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    // PGlite's own JavaScript (its Emscripten glue) is about 600 kB minified, 150 kB compressed, and
    // cannot be split; the budget that matters is the compressed bytes, which the build prints.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // A note that some plugin took long (on a busy machine, any of them can) helps bundler authors, not us.
      checks: { bundlerTimings: false },
      onLog: pgliteEvalIsExpected,
    },
  },
})
