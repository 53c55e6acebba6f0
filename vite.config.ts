// Builds the agent app (client/app, SolidJS) into dist/client: index.html, hashed assets (PGlite's wasm
// and data files among them, served by our own server) and the service worker from client/public.
// The chat widget has its own build (vite.widget.config.ts).
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

export default defineConfig({
  root: 'client',
  plugins: [solid()],
  // PGlite finds its wasm and data next to its module; pre-bundling would move it away from them.
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  // The local database's worker is a module worker: PGlite finds its files through import.meta.url.
  worker: { format: 'es' },
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
})
