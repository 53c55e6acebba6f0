// Builds the browser app in client/ (the agent app arrives with its own issue; client/index.html is the
// page served at / until then).
import { defineConfig } from 'vite'

export default defineConfig({
  root: 'client',
  build: { outDir: '../dist/client', emptyOutDir: true },
})
