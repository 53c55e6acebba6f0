// Builds the embeddable live-chat widget (client/widget) into one IIFE script, dist/widget/widget.js,
// served by the server at GET /widget.js. No framework: it runs on any website.
import { defineConfig } from 'vite'

export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    lib: {
      entry: 'client/widget/main.ts',
      formats: ['iife'],
      name: 'HelpdeskChat',
      fileName: () => 'widget.js',
    },
  },
})
