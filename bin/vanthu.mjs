#!/usr/bin/env node
// `npx vanthu <command>`: the command line over the core, run from the TypeScript sources through tsx (a production
// dependency), so it works right after `npm ci` with nothing built.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

// The CLI layer's own tsconfig, not whatever tsconfig.json happens to sit in the caller's working folder.
// `vanthu search … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const tsconfig = fileURLToPath(new URL('../electron/cli/tsconfig.json', import.meta.url));
const { runCli } = await tsImport('../electron/cli/main.ts', { parentURL: import.meta.url, tsconfig });
process.exitCode = await runCli(process.argv.slice(2));
