/**
 * Where Vanthu keeps its data when no --data is given: the folder Electron names userData for the product "Vanthu"
 * on each OS, so the desktop app, the browser host and the command line share one store.
 */
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(): string {
  if (process.env.VANTHU_DATA) return process.env.VANTHU_DATA;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Vanthu');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Vanthu');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'Vanthu');
}
