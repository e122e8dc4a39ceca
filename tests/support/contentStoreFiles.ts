/** What a data folder's content store holds on disk, for tests that check nothing is left behind. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The content store's files by hash, and the hashes that carry a staging mark. */
export function storeContents(dataDir: string): { files: string[]; staged: string[] } {
  const root = path.join(dataDir, 'content');
  const shards = readdirSync(root).filter((d) => /^[0-9a-f]{2}$/.test(d));
  return { files: shards.flatMap((d) => readdirSync(path.join(root, d))).sort(), staged: readdirSync(path.join(root, 'staged')).sort() };
}
