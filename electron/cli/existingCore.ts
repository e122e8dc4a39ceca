import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core/app';
import type { CommandContext } from './command';

/** The core on the --data folder when that folder already holds a store, else null: signing and verifying read the
 * organisation profile and the trust store from it, but must not create a data folder as a side effect. */
export async function existingCore(ctx: CommandContext): Promise<Core | null> {
  return existsSync(path.join(ctx.dataDir, 'vanthu.db')) ? ctx.openCore() : null;
}
