// Builds the embeddable live-chat widget (client/widget) into one IIFE script, dist/widget/widget.js,
// served by the server at GET /widget.js. No framework: it runs on any website. Its size, compressed as
// it is served, is printed by scripts/precompress.ts.
import { defineConfig } from 'vite'

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    // A note that some plugin took long (on a busy machine, any of them can) helps bundler authors, not us.
    rolldownOptions: { checks: { bundlerTimings: false } },
    lib: {
      entry: 'client/widget/main.ts',
      formats: ['iife'],
      name: 'HelpdeskChat',
      fileName: () => 'widget.js',
    },
  },
})
