import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * pdf.js fetches character maps, the standard 14 fonts (for PDFs that do not embed Times or Arial) and its image
 * decoders (JPEG 2000 and JBIG2 scans) at run time: they ship beside the bundle, on our own origin.
 */
function pdfjsAssets(): Plugin {
  const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  let outDir = '';
  return {
    name: 'vanthu-pdfjs-assets',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const folder of ['cmaps', 'standard_fonts', 'wasm']) {
        cpSync(path.join(pdfjsRoot, folder), path.join(outDir, 'pdfjs', folder), { recursive: true });
      }
    },
  };
}

// The renderer is one static bundle served by Electron's app:// protocol or by the browser host: relative base, no
// inline scripts (the CSP forbids them), pdf.js's worker emitted as a file of our own origin.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [pdfjsAssets()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 3000,
    modulePreload: { polyfill: false },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
