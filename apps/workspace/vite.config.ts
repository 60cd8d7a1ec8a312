import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Served by the registry at /workspace (same origin as the API, so the API key never crosses origins).
export default defineConfig({
  root: __dirname,
  base: '/workspace/',
  build: {
    outDir: resolve(__dirname, '../../dist/workspace'),
    emptyOutDir: true,
    // Cytoscape is most of the bundle; one chunk loads once per session and needs no splitting.
    chunkSizeWarningLimit: 1200,
  },
});
