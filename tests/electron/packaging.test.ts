/**
 * electron-builder cannot run here (no Electron binary), so its configuration is checked the way electron-builder
 * itself checks it at start, and against what the bundler leaves outside the bundle.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
type BuilderConfig = Record<string, unknown> & { asarUnpack: string[]; files: string[]; nsis: Record<string, unknown> };
let config: BuilderConfig;
let dependencies: string[];

beforeAll(async () => {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  config = yaml.load(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  dependencies = Object.keys((JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
});

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, log: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, perUser: true } }, new DebugLogger(false))).rejects.toThrow(/nsis/);
  });

  it('names the app and ships the built files, never the sources', () => {
    expect(config).toMatchObject({ appId: 'vn.vanthu.desktop', productName: 'Vanthu', npmRebuild: true });
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'resources/**', 'package.json']));
    expect(config.files.some((f) => /^(electron|renderer|shared|tests)\//.test(f))).toBe(false);
  });

  it('starts from the bundle electron/build.mjs writes', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('installs per user, in Vietnamese first, and keeps the data on uninstall', () => {
    expect(config.nsis).toMatchObject({ perMachine: false, deleteAppDataOnUninstall: false });
    expect((config.nsis.installerLanguages as string[])[0]).toBe('vi_VN');
  });

  it('unpacks and leaves outside the bundle every native production dependency', async () => {
    const { MAIN_EXTERNALS } = (await import(pathToFileURL(path.join(root, 'electron/build.mjs')).href)) as { MAIN_EXTERNALS: string[] };
    const natives = dependencies.filter((name) => existsSync(path.join(root, 'node_modules', name, 'binding.gyp')));
    expect(natives).toEqual(expect.arrayContaining(['better-sqlite3', 'pkcs11js']));
    for (const name of natives) {
      expect(config.asarUnpack).toContain(`node_modules/${name}/**`);
      expect(MAIN_EXTERNALS).toContain(name);
    }
    // The PDF thread runs from the file system with the pdf.js it imports.
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/electron/pdfTextWorker.mjs', 'node_modules/pdfjs-dist/**']));
    // The edXML validator's thread loads its script and WebAssembly from its own folder, and the schema from resources.
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/xmllint-wasm/**', 'resources/xml/**']));
    expect(MAIN_EXTERNALS).toContain('xmllint-wasm');
  });
});
