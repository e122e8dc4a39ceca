/** `npm run bench -- <scenario> [options]`: store, tasks, signing, registerBook, outgoing, blobs, sync, sync-sim, directives, edxml, ocr (or all when none is named). */
import { runBlobsBench } from './blobs';
import { runDirectivesBench } from './directives';
import { runEdxmlBench } from './edxml';
import { runOcrBench } from './ocr';
import { runOutgoingBench } from './outgoing';
import { runRegisterBookBench } from './registerBook';
import { runSigningBench } from './signing';
import { runStoreBench } from './store';
import { runSyncSimulationBench } from './syncSimulation';
import { runSyncBench } from './sync';
import { runTasksBench } from './tasks';

const scenarios: Record<string, (args: string[]) => Promise<void>> = {
  store: runStoreBench,
  signing: runSigningBench,
  registerBook: runRegisterBookBench,
  outgoing: runOutgoingBench,
  blobs: runBlobsBench,
  'sync-sim': runSyncSimulationBench,
  sync: runSyncBench,
  tasks: runTasksBench,
  directives: runDirectivesBench,
  edxml: runEdxmlBench,
  ocr: runOcrBench,
};

const [name, ...args] = process.argv.slice(2);
const chosen = name && !name.startsWith('-') ? [name] : Object.keys(scenarios);
for (const scenario of chosen) {
  const run = scenarios[scenario];
  if (!run) {
    console.error(`Không có kịch bản đo "${scenario}". Có: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
  await run(name && !name.startsWith('-') ? args : process.argv.slice(2));
}
