/** `vanthu` and other commands in real processes, as a script or a clerk's shortcut runs them. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const CLI_ENTRY = path.resolve(import.meta.dirname, '../../electron/cli/main.ts');

export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `vanthu --data <dir> …args`, with extra environment variables (passwords come from the environment). */
export function vanthuIn(dir: string, args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return run(process.execPath, ['--import', 'tsx', CLI_ENTRY, '--data', dir, ...args], { env: { ...process.env, ...env } });
}
