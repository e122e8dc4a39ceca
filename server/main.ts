/**
 * `npm run server -- [--data DIR] [--port N] [--host H] [--host-name NAME]... [--database-url URL] [--tls-cert F --tls-key F]`:
 * the central document server; `--host-name` gives the DNS names clients reach it by (IP addresses always work). Prints one line `URL: <address>` once it answers; SIGTERM/SIGINT stop HTTP, then the database.
 * What it cannot do it says in Vietnamese, without a stack trace (VANTHU_DEBUG=1 shows it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeArgsError } from '../shared/argsError';
import { msg } from '../shared/messages';
import { createApp } from './app';
import { openDatabase } from './database';
import { listen } from './http/server';

function fail(exitCode: number, ...lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(exitCode);
}

function debug(error: unknown): void {
  if (process.env.VANTHU_DEBUG) console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
}

const options = {
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'host-name': { type: 'string', multiple: true },
  'database-url': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
} as const;
let values: { [K in Exclude<keyof typeof options, 'host-name'>]?: string } & { 'host-name'?: string[] } = {};
try {
  ({ values } = parseArgs({ options, allowPositionals: false, strict: true }));
} catch (error) {
  fail(2, msg('server.badOption', { detail: describeArgsError(error) }), msg('server.usage'));
}
const port = values.port === undefined ? 8787 : Number(values.port);
if (values.port === '' || !Number.isInteger(port) || port < 0 || port > 65535) fail(2, msg('server.badPort'), msg('server.usage'));
if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) fail(2, msg('server.tlsPair'), msg('server.usage'));
const tls = values['tls-cert'] && values['tls-key'] ? { cert: readTlsFile(values['tls-cert']), key: readTlsFile(values['tls-key']) } : undefined;
const dataDir = path.resolve(values.data ?? 'vanthu-server-data');

function readTlsFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    debug(error);
    return fail(2, msg('server.tlsUnreadable', { file }));
  }
}

const database = await openDatabase({ dataDir, databaseUrl: values['database-url'] }).catch((error: unknown) => {
  debug(error);
  return fail(1, msg('server.databaseFailed', { dataDir }));
});
const app = await createApp(database.pool, { dataDir }).catch(async (error: unknown) => {
  await database.close();
  debug(error);
  return fail(1, msg('server.startFailed'));
});
const server = await listen(app.router, { host: values.host ?? '127.0.0.1', port, tls, hostNames: values['host-name'] ?? [] })
  .catch(async (error: unknown) => {
    await app.close();
    await database.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(2, msg('server.portInUse', { port }));
    debug(error);
    return fail(1, msg('server.startFailed'));
  });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log(`URL: ${server.url}`);
