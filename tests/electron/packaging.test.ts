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
type BuilderConfig = Record<string, unknown> & { asarUnpack: string[]; files: string[]; nsis: Record<string, unknown>; linux: Record<string, unknown>; deb: Record<string, unknown>; win: Record<string, unknown> };
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

  it('lets the person installing choose per machine (elevated) or per user, in Vietnamese, and keeps the data on uninstall', () => {
    // oneClick false with perMachine false is the NSIS page "for all users / only for me"; allowElevation lets the
    // first ask for administrator rights.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true, deleteAppDataOnUninstall: false, language: '1066' });
    expect(config.nsis.installerLanguages).toEqual(['vi_VN']);
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    // The .deb brings Debian's Tesseract and its Vietnamese model for scanned paper, as a recommendation (the default kept).
    expect(config.deb).toEqual({ recommends: ['libappindicator3-1', 'tesseract-ocr', 'tesseract-ocr-vie', 'tesseract-ocr-osd'] });
    expect(config.win).toMatchObject({ target: ['nsis'] });
  });

  it('has the Windows installer carry Tesseract from the folder named at build time, checked before packing', () => {
    expect(config.win.extraResources).toEqual([{ from: '${env.VANTHU_TESSERACT_WIN}', to: 'tesseract' }]);
    expect(config.beforePack).toBe('electron/beforePack.cjs');
    expect(existsSync(path.join(root, config.beforePack as string))).toBe(true);
    // Only Windows carries it: Linux recommends Debian's packages (above), and no other target names the folder.
    expect(JSON.stringify({ ...config, win: null })).not.toContain('VANTHU_TESSERACT_WIN');
  });

  it('opens .edxml packages with the app', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'edxml', mimeType: 'application/x-edxml', role: 'Viewer' })]);
  });

  it('uses the generated icons: a 512 px PNG and an ICO from 16 to 256 px', async () => {
    const win = config.win as { icon: string };
    const linux = config.linux as { icon: string };
    for (const file of [win.icon, linux.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon] as string[]) expect(existsSync(path.join(root, file)), file).toBe(true);
    const png = await readFile(path.join(root, linux.icon));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const ico = await readFile(path.join(root, win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (let i = 0; i < sizes.length; i++) {
      const at = ico.readUInt32LE(6 + 16 * i + 12);
      expect(ico.subarray(at, at + 4).toString('hex'), `entry ${sizes[i]}`).toBe('89504e47');
    }
  });

  it('signs only with a certificate from the environment, and builds unsigned without one', () => {
    expect(config.forceCodeSigning).toBe(false);
    const text = JSON.stringify(config);
    for (const key of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'certificateSha1']) expect(text, key).not.toContain(key);
    expect(config.win).toMatchObject({ signtoolOptions: { signingHashAlgorithms: ['sha256'] } });
  });

  it('turns off the Electron fuses an office app never needs', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
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
