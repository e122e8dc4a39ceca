/**
 * Runs the real bundled main process (dist/electron/main.cjs as electron/build.mjs makes it) in plain Node, with a
 * recording stand-in for the electron module: the wiring between Electron and the core is checked end to end even
 * where the Electron binary cannot be installed.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { filesHolding, listFiles } from '../support/secretScan';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
let mainFile: string;
let result: Record<string, unknown> & { log: string[]; webPreferences: Record<string, unknown> };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-main-bundle-'));
  const { buildElectron } = (await import(pathToFileURL(path.join(root, 'electron/build.mjs')).href)) as {
    buildElectron(options: { quiet: boolean; outdir: string }): Promise<{ main: string; preload: string }>;
  };
  const out = await buildElectron({ quiet: true, outdir: path.join(dir, 'dist', 'electron') });
  await mkdir(path.join(dir, 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>bundle test</title>');
  await mkdir(path.join(dir, 'node_modules', 'electron'), { recursive: true });
  await copyFile(path.join(root, 'tests/electron/fixtures/fakeElectron.cjs'), path.join(dir, 'node_modules', 'electron', 'index.js'));
  // As in the package: the production dependencies beside dist/ (links to ours), 'electron' the stand-in.
  const { dependencies } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(dependencies)) {
    await mkdir(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
    await symlink(path.join(root, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  }
  mainFile = out.main;
  // resources/ sits at the app root in the package, next to dist/ (the register book's fonts are read from there).
  await symlink(path.join(root, 'resources'), path.join(dir, 'resources'), 'dir');
  const { stdout } = await promisify(execFile)(process.execPath, [out.main, '--data', path.join(dir, 'data')], { timeout: 20_000 });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT:'));
  if (!line) throw new Error(`no RESULT line in: ${stdout}`);
  result = JSON.parse(line.slice('RESULT:'.length));
}, 30_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('bundled main process', () => {
  it('registers app:// as privileged and enables the sandbox before the app is ready', () => {
    const at = (prefix: string) => result.log.findIndex((entry) => entry.startsWith(prefix));
    expect(at('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(at('registerSchemesAsPrivileged')).toBeLessThan(at('whenReady'));
    expect(at('enableSandbox')).toBeLessThan(at('whenReady'));
    expect(at('singleInstanceLock')).toBeLessThan(at('whenReady'));
    expect(result.log.find((e) => e.startsWith('registerSchemesAsPrivileged'))).toContain('"standard":true,"secure":true');
    expect(result.log).toContain('app.on second-instance');
    expect(result.log).toContain('app.on web-contents-created');
  });

  it('denies permissions and serves app:// before the window loads our page', () => {
    for (const entry of ['permissionRequest', 'permissionCheck', 'protocol.handle app']) expect(result.log.indexOf(entry)).toBeLessThan(result.log.indexOf('BrowserWindow'));
    expect(result.log).toContain('loadURL app://vanthu/index.html');
    expect(result.page).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, body: '<!doctype html><title>bundle test</title>' });
  });

  it('opens the window with the secure preferences and an existing preload', async () => {
    expect(result.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, spellcheck: false });
    expect((await stat(String(result.webPreferences.preload))).isFile()).toBe(true);
  });

  it('carries contract calls from our frame to the core and refuses others', () => {
    expect(result.channels).toEqual(['vanthu:call', 'vanthu:upload', 'vanthu:uploadKeyFile']);
    expect(result.orgGet).toEqual({ ok: true, value: null });
    expect(result.refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(result.unknown).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('stages uploads in the content store of the --data folder and serves them back under app://vanthu/content/', async () => {
    expect(result.staged).toMatchObject({ ok: true, value: { name: 'Công văn.pdf', size: 20, mime: 'application/pdf' } });
    const hash = (result.staged as { value: { hash: string } }).value.hash;
    expect((await stat(path.join(dir, 'data', 'content', hash.slice(0, 2), hash))).size).toBe(20);
    expect(result.content).toEqual({ status: 200, type: 'application/pdf', body: '%PDF-1.7 bundle test' });
  });

  it('keeps an uploaded key file in memory: no file under the --data folder holds its bytes', () => {
    expect(result.keyFile).toMatchObject({ ok: true, value: { name: 'chu-ky.p12', size: 3000 } });
    expect(result.keyFileRefused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(listFiles(path.join(dir, 'data')).length).toBeGreaterThan(0);
    expect(filesHolding(path.join(dir, 'data'), Buffer.from(String(result.keyBase64), 'base64'))).toEqual([]);
  });

  it('reads an uploaded PDF in the bundled PDF worker thread', () => {
    expect(result.analyzed).toMatchObject({ ok: true, value: { pageCount: 1, problem: null } });
  });

  it('finds the bundled fonts under resources/ from inside the bundle: the register book exports as a PDF', () => {
    expect(result.setup).toBe(true);
    expect(result.book).toMatchObject({ ok: true, head: '%PDF-' });
    expect((result.book as { size: number }).size).toBeGreaterThan(5_000);
  });

  it('shows the Vietnamese menu', () => {
    expect(result.menu).toEqual(['Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
  });

  it('tells the user in Vietnamese when the data folder cannot be opened, and exits', async () => {
    const notAFolder = path.join(dir, 'a-file');
    await writeFile(notAFolder, '');
    const failure = await promisify(execFile)(process.execPath, [mainFile, '--data', path.join(notAFolder, 'data')], { timeout: 20_000 }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('Không khởi động được Vanthu: Không mở được dữ liệu tại');
    expect(failure?.stderr).toContain('Dữ liệu chưa bị thay đổi.');
  });
});
