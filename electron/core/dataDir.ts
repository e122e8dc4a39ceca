/** Where Vanthu keeps its data when no --data is given: the per-user application data folder of each OS. */
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(): string {
  if (process.env.VANTHU_DATA) return process.env.VANTHU_DATA;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Vanthu');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Vanthu');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'vanthu');
}
