/**
 * Where the desktop app keeps its data: `--data DIR` (as for the browser host and the CLI), else VANTHU_DATA, else
 * Electron's per-user folder. Electron's argv also holds Chromium switches and the app path, so parsing is lenient.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

export function resolveDataDir(argv: readonly string[], env: Record<string, string | undefined>, userDataDir: string): string {
  const { values } = parseArgs({ args: [...argv], options: { data: { type: 'string' } }, strict: false, allowPositionals: true });
  const fromArgs = typeof values.data === 'string' && values.data !== '' ? values.data : undefined;
  return path.resolve(fromArgs ?? env.VANTHU_DATA ?? userDataDir);
}
