// Bundles Electron's main process and preload into dist/electron/ (package.json "main" is dist/electron/main.cjs).
// `node electron/build.mjs`, or imported by bin/start.mjs.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultOutdir = path.join(root, 'dist', 'electron');

// Loaded from node_modules at run time, never bundled: Electron itself, native modules (rebuilt for Electron's ABI by
// electron-builder's npmRebuild, unpacked from the asar), and pdf.js, which finds its worker and data files next to itself.
// xmllint-wasm starts its WebAssembly thread from its own folder (__dirname): bundled, it would look in dist/.
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'pkcs11js', 'pdfjs-dist', 'pdfjs-dist/*', 'xmllint-wasm'];

// main.cjs is CommonJS, where import.meta does not exist. Each bundled module gets an import.meta.url naming its own
// source file under the app root, so lookups relative to a source file (resources/fonts/...) keep working: resources/
// ships next to dist/ in the package, as in the repository.
const sourceUrlPlugin = {
  name: 'source-import-meta-url',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const relative = path.relative(root, args.path).split(path.sep);
      const url = `require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', '..', ${relative.map((p) => JSON.stringify(p)).join(', ')})).href`;
      return { contents: source.replaceAll('import.meta.url', `(${url})`), loader: 'ts' };
    });
  },
};

const commonOptions = (quiet) => ({ bundle: true, format: 'cjs', logLevel: quiet ? 'error' : 'warning', legalComments: 'none', absWorkingDir: root });

/**
 * Bundles a module that runs on the core (`entry`, from the repository's root) into one CommonJS file, as main.cjs is
 * bundled. `outfile` must sit two folders below the root (dist/electron/…), where each module's import.meta.url expects it.
 */
export function bundleCoreEntry(entry, outfile, { quiet = false } = {}) {
  return build({
    ...commonOptions(quiet),
    entryPoints: [path.join(root, entry)],
    outfile,
    platform: 'node',
    // Electron 45 runs Node 22.
    target: 'node22',
    external: MAIN_EXTERNALS,
    plugins: [sourceUrlPlugin],
  });
}

export async function buildElectron({ quiet = false, outdir = defaultOutdir } = {}) {
  const common = commonOptions(quiet);
  await Promise.all([
    bundleCoreEntry('electron/main/main.ts', path.join(outdir, 'main.cjs'), { quiet }),
    // The PDF reading thread (electron/core/pdf/pdfText.ts runs it as its own file). ESM, so pdf.js (ESM only) loads
    // natively from node_modules.
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/core/pdf/pdfTextWorker.ts')],
      outfile: path.join(outdir, 'pdfTextWorker.mjs'),
      format: 'esm',
      platform: 'node',
      target: 'node22',
      external: MAIN_EXTERNALS,
    }),
    // The signing thread (electron/core/signing/signers/signingWorker.ts runs it as its own file). Like main.cjs it finds the
    // bundled fonts under resources/ through each module's import.meta.url.
    bundleCoreEntry('electron/core/signing/signers/signingWorkerThread.ts', path.join(outdir, 'signingWorker.cjs'), { quiet }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/preload/preload.ts')],
      outfile: path.join(outdir, 'preload.cjs'),
      // A sandboxed preload can require only 'electron' (and a few polyfills): everything else is inside this file.
      platform: 'browser',
      target: 'chrome130',
      minify: true,
      external: ['electron'],
    }),
  ]);
  return {
    main: path.join(outdir, 'main.cjs'),
    preload: path.join(outdir, 'preload.cjs'),
    pdfTextWorker: path.join(outdir, 'pdfTextWorker.mjs'),
    signingWorker: path.join(outdir, 'signingWorker.cjs'),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = await buildElectron();
  console.log(`electron: ${Object.values(out).map((file) => path.relative(root, file)).join(', ')}`);
}
