/**
 * `npm run web -- [--data DIR] [--port N] [--sync-every SECONDS]`: serves the built renderer and the contract on 127.0.0.1 and prints
 * `URL: <address with token>`. What it cannot do it says in Vietnamese, without a stack trace (VANTHU_DEBUG=1 shows it).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeArgsError } from '../../shared/argsError';
import { msg } from '../../shared/messages';
import { createCore } from '../core/app';
import { defaultDataDir } from '../core/dataDir';
import { startWebHost } from './server';

function fail(exitCode: number, ...lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(exitCode);
}

let values: { data?: string; port?: string; 'sync-every'?: string } = {};
try {
  const options = { data: { type: 'string' }, port: { type: 'string' }, 'sync-every': { type: 'string' } } as const;
  ({ values } = parseArgs({ options, allowPositionals: false, strict: true }));
} catch (error) {
  fail(2, msg('webHost.badOption', { detail: describeArgsError(error) }), msg('webHost.usage'));
}
const port = values.port === undefined ? 0 : Number(values.port);
if (values.port === '' || !Number.isInteger(port) || port < 0 || port > 65535) fail(2, msg('webHost.badPort'), msg('webHost.usage'));
// Seconds between background sync rounds; tests shorten it so that a scenario does not wait a minute for a tick.
const syncEvery = values['sync-every'] === undefined ? 60 : Number(values['sync-every']);
if (!Number.isInteger(syncEvery) || syncEvery < 1 || syncEvery > 86_400) fail(2, msg('webHost.badSyncEvery'), msg('webHost.usage'));
const dataDir = path.resolve(values.data ?? defaultDataDir());
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const core = await createCore({ dataDir, backgroundSync: { intervalMs: syncEvery * 1000 } }).catch((error: unknown) => cannotStart(error));
const host = await startWebHost({ core, port, staticDir: path.join(root, 'dist', 'renderer') }).catch((error: unknown) => {
  core.close();
  return cannotStart(error);
});

function cannotStart(error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') fail(2, msg('webHost.portInUse', { port }));
  if (code === 'EACCES' && values.port !== undefined) fail(2, msg('webHost.portDenied', { port }));
  if (process.env.VANTHU_DEBUG) console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  fail(1, msg('webHost.startFailed', { dataDir }));
}

const stop = async () => {
  await host.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log(msg('webHost.running', { dataDir }));
console.log(`URL: ${host.url}`);
