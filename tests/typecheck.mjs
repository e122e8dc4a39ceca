// Checks every layer against its own tsconfig: a layer that reaches for DOM or Node types it may not use fails here.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const layers = ['shared', 'electron/core', 'electron/main', 'electron/preload', 'electron/web-host', 'electron/cli', 'renderer', 'server', 'tests'];
let failed = 0;
for (const layer of layers) {
  try {
    execFileSync(process.execPath, [tsc, '-p', layer], { stdio: 'inherit' });
  } catch {
    failed++;
    console.error(`typecheck failed: ${layer}`);
  }
}
if (failed) process.exit(1);
console.log(`typecheck: ${layers.length} layers ok`);
