/**
 * `npm run web -- [--data DIR] [--port N]`: serves the built renderer and the contract on 127.0.0.1 and prints
 * `URL: <address with token>`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../core/app';
import { defaultDataDir } from '../core/dataDir';
import { startWebHost } from './server';

const { values } = parseArgs({
  options: { data: { type: 'string' }, port: { type: 'string' } },
  allowPositionals: false,
});
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('Cổng không hợp lệ (--port 0–65535).');
  process.exit(2);
}
const dataDir = path.resolve(values.data ?? defaultDataDir());
const core = await createCore({ dataDir });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const host = await startWebHost({ core, port, staticDir: path.join(root, 'dist', 'renderer') });

console.log(`Vanthu đang chạy trong trình duyệt (dữ liệu: ${dataDir}).`);
console.log(`URL: ${host.url}`);

const stop = async () => {
  await host.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
