import { defineConfig } from 'vite';

// The renderer is one static bundle served by Electron's app:// protocol or by the browser host: relative base, no
// inline scripts (the CSP forbids them), pdf.js's worker emitted as a file of our own origin.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 3000,
    modulePreload: { polyfill: false },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
