/**
 * An issuing clerk's process for the crash and concurrency tests: issues the approved outgoing documents it finds, one
 * after another, until none is left or it is killed. Another clerk may take a document or a number first: that is the
 * point. Run as: node --import tsx issueLoop.ts <dataDir> <p12> <seal.png>, with the .p12 password in KEY_PASSWORD.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Output } from '../../shared/contract';
import { createCore } from '../../electron/core/app';

const [dataDir, p12, sealFile] = process.argv.slice(2);
const core = await createCore({ dataDir: dataDir! });
const seal = (await core.stage(readFileSync(sealFile!), 'seal.png')).hash;
// The parent times its kill from here, so it lands in the middle of issuing rather than during start-up.
process.stdout.write('ready\n');
let issued = 0;
for (;;) {
  const waiting = await core.dispatch('outgoing.list', { filter: { status: 'approved' }, sort: { by: 'createdAt', dir: 'asc' }, limit: 10 });
  if (!waiting.ok) throw new Error(waiting.error.message);
  const { rows } = waiting.value as Output<'outgoing.list'>;
  if (rows.length === 0) break;
  // Clerks start from different ends, so they meet on documents and on numbers alike.
  const row = rows[process.pid % rows.length]!;
  const key = await core.keyFiles.put(readFileSync(p12!), 'org.p12');
  process.stdout.write('issuing\n');
  const result = await core.dispatch('outgoing.issue', { id: row.id, source: { kind: 'p12', handle: key.handle }, secret: process.env.KEY_PASSWORD!, seal, jobId: randomUUID() });
  if (result.ok) {
    issued++;
    process.stdout.write('done\n');
  }
  else if (result.error.code !== 'WRONG_STATE') {
    console.error(result.error.message);
    process.exit(3);
  }
}
process.stdout.write(`issued ${issued}\n`);
core.close();
process.exit(0);
