/**
 * `npm run web -- [--data DIR] [--port N]`: serves the built renderer and the contract on 127.0.0.1 and prints
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

let values: { data?: string; port?: string } = {};
try {
  ({ values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' } }, allowPositionals: false, strict: true }));
} catch (error) {
  fail(2, msg('webHost.badOption', { detail: describeArgsError(error) }), msg('webHost.usage'));
}
const port = values.port === undefined ? 0 : Number(values.port);
if (values.port === '' || !Number.isInteger(port) || port < 0 || port > 65535) fail(2, msg('webHost.badPort'), msg('webHost.usage'));
const dataDir = path.resolve(values.data ?? defaultDataDir());
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const core = await createCore({ dataDir }).catch((error: unknown) => cannotStart(error));
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
