/**
 * A registering process for the crash and concurrency tests: registers documents (each with a stored attachment)
 * until it has done `count` of them or is killed. Run as: node --import tsx registerLoop.ts <dataDir> <count> <tag>
 */
import { createCore } from '../../electron/core/app';
import { fields } from './coreFixture';

const [dataDir, countArg, tag] = process.argv.slice(2);
const count = Number(countArg);
const core = await createCore({
  dataDir: dataDir!,
  now: () => new Date('2026-11-21T03:00:00Z'),
  analyzeFile: async () => ({ pageCount: 1, problem: null, message: null, proposal: {}, text: '' }),
});
// The parent times its kill from here, so it lands in the middle of registrations rather than during start-up.
process.stdout.write('ready\n');
for (let i = 0; i < count; i++) {
  const attachment = await core.stage(Buffer.from(`%PDF-1.7\n${tag}-${i}-${'x'.repeat(4096)}\n`), `${tag}-${i}.pdf`);
  const result = await core.dispatch('incoming.register', {
    fields: fields({ codeNumber: `${tag}-${i}` }),
    attachments: [{ hash: attachment.hash, name: attachment.name }],
  });
  if (!result.ok) {
    console.error(result.error.message);
    process.exit(3);
  }
}
core.close();
