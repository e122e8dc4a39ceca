/**
 * The items of Electron's security checklist (electronjs.org/docs/latest/tutorial/security) that the other shell tests
 * do not hold already, asserted on the functions and the bundle that make the window, the page's origin and the
 * preload. docs/security-checklist.md lists every item with the test that holds it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl } from '../../electron/main/appOrigin';
import { mainWindowOptions, secureWebPreferences } from '../../electron/main/windowOptions';
import { tempDir } from '../support/coreFixture';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = tempDir('vanthu-checklist-');
let main: string;
let preload: string;

beforeAll(async () => {
  const { buildElectron } = (await import(pathToFileURL(path.join(root, 'electron/build.mjs')).href)) as {
    buildElectron(o: { quiet: boolean; outdir: string }): Promise<{ main: string; preload: string }>;
  };
  const out = await buildElectron({ quiet: true, outdir: path.join(work.dir, 'dist', 'electron') });
  [main, preload] = await Promise.all([readFile(out.main, 'utf8'), readFile(out.preload, 'utf8')]);
});
afterAll(() => work.remove());

describe("Electron's security checklist", () => {
  it('1. loads secure content only: the page comes from the app:// origin, never http: or file:', () => {
    expect(APP_ENTRY_URL).toBe(`${APP_ORIGIN}/index.html`);
    expect(new URL(APP_ENTRY_URL).protocol).toBe('app:');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(main).not.toMatch(/loadURL\(\s*["'`]https?:/);
  });

  it('9–10. turns on no experimental feature and no Blink feature', () => {
    for (const devTools of [true, false]) {
      const prefs = mainWindowOptions({ title: 'Vanthu', preloadPath: '/p.cjs', devTools }).webPreferences as unknown as Record<string, unknown>;
      expect(prefs.experimentalFeatures).toBe(false);
      expect(prefs).not.toHaveProperty('enableBlinkFeatures');
      expect(prefs).not.toHaveProperty('additionalArguments');
    }
    expect(main).not.toContain('enableBlinkFeatures');
    expect(main).not.toContain('appendSwitch');
  });

  it('15. never hands a URL to the operating system: no shell.openExternal in the main process', () => {
    expect(main).not.toMatch(/openExternal|openPath/);
    expect(main).not.toMatch(/import_electron\d*\.shell\b/);
  });

  it('16. runs a current Electron: the locked version is the declared major, with its Node as the bundles target', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> };
    const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const declared = /^\^(\d+)\./.exec(pkg.optionalDependencies.electron!);
    const locked = lock.packages['node_modules/electron']!.version;
    expect(declared, 'a caret range takes the fixes of its major').not.toBeNull();
    expect(Number(locked.split('.')[0])).toBe(Number(declared![1]));
    // Electron 45 (Chromium 142, Node 22), supported until Electron 48 ships.
    expect(Number(declared![1])).toBeGreaterThanOrEqual(45);
    expect(await readFile(path.join(root, 'electron/build.mjs'), 'utf8')).toContain("target: 'node22'");
  });

  it('18. uses no file: URL: the page and the documents come through the app:// protocol handler', () => {
    expect(main).not.toMatch(/loadFile\(|["'`]file:\/\//);
    expect(main).toContain('protocol.handle');
  });

  it('20. exposes no Electron API to the page: the preload hands over the contract bridge alone', () => {
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
    // The bridge gets ipcRenderer to wrap (contract names only, see preloadBridge.test.ts); the page gets the bridge.
    expect(preload).toMatch(/exposeInMainWorld\("vanthu",\w+\(\w+\.ipcRenderer\)\)/);
    expect(preload).not.toMatch(/exposeInMainWorld\("\w+",\w+\.(ipcRenderer|shell|webFrame)\)/);
    expect(secureWebPreferences('/p.cjs', false).contextIsolation).toBe(true);
  });
});
