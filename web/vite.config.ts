// The browser page: `vite web` serves it, `vite build web` writes the static site to dist-web/.
// Relative base, so the built site works from any static server and any sub-path.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../dist-web', import.meta.url)),
    emptyOutDir: true,
    // vega is large; one lazily loaded chunk is expected.
    chunkSizeWarningLimit: 2000,
  },
  resolve: { alias: { 'node:fs/promises': fileURLToPath(new URL('./nodeFs.ts', import.meta.url)) } },
  worker: { format: 'es' },
  // Pre-bundled up front, so the dev server does not reload the page on first use.
  optimizeDeps: { include: ['@assemblyscript/loader', 'vega-embed', 'zod'] },
});
