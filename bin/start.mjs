#!/usr/bin/env node
// `npm start [-- --data DIR --port N]`: builds the renderer, then opens Vanthu in Electron when its binary is present,
// else serves the same build and core through the browser host (which prints the `URL: ` line).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
// Every word printed comes from the message catalogue (TypeScript, loaded through tsx).
const { msg } = await tsImport('../shared/messages/index.ts', import.meta.url);

buildRenderer();
const electron = findElectron();
if (electron.path && nativeModulesLoadIn(electron.path)) {
  const { buildElectron } = await import('../electron/build.mjs');
  console.log(msg('shell.start.building', { what: msg('shell.start.what.electron') }));
  await buildElectron({ quiet: true });
  console.log(msg('shell.start.launchingElectron', { version: electron.version }));
  run(electron.path, [root, ...args]);
} else {
  if (!electron.path) console.warn(msg('shell.start.noElectron', { reason: electron.reason }));
  run(process.execPath, [require.resolve('tsx/cli'), path.join(root, 'electron/web-host/main.ts'), ...args]);
}

function buildRenderer() {
  console.log(msg('shell.start.building', { what: msg('shell.start.what.renderer') }));
  const vitePackage = require.resolve('vite/package.json');
  const viteBin = path.join(path.dirname(vitePackage), JSON.parse(readFileSync(vitePackage, 'utf8')).bin.vite);
  const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(msg('shell.start.buildFailed', { what: msg('shell.start.what.renderer') }));
    process.exit(result.status ?? 1);
  }
}

/** The electron package's export is the binary's path; the package is absent, or present without a binary, offline. */
function findElectron() {
  let binary;
  try {
    binary = require('electron');
  } catch (error) {
    const notInstalled = error?.code === 'MODULE_NOT_FOUND' && String(error.message).includes("'electron'");
    return { reason: msg(notInstalled ? 'shell.start.noElectron.notInstalled' : 'shell.start.noElectron.missingBinary') };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { reason: msg('shell.start.noElectron.missingBinary') };
  return { path: binary, version: require('electron/package.json').version };
}

/**
 * Native modules are compiled for one ABI: after a plain `npm ci` they fit Node, not Electron, and the window would
 * die on its first query. Electron running as Node tells us without opening a window.
 */
function nativeModulesLoadIn(electronPath) {
  for (const module of ['better-sqlite3']) {
    const probe = spawnSync(electronPath, ['-e', `new (require(${JSON.stringify(module)}))(':memory:').close()`], {
      cwd: root,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: 'ignore',
    });
    if (probe.status !== 0) {
      console.warn(msg('shell.start.nativeMismatch', { module }));
      return false;
    }
  }
  return true;
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal; a supervisor's SIGTERM reaches only us, so pass it on.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
