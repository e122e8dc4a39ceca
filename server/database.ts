/** The database a server process works on: the one at a URL, or the embedded PostgreSQL of its data folder. Migrated. */
import { startEmbeddedPostgres } from './db/embeddedPostgres';
import { migrate } from './db/migrate';
import { openPool, type Pool } from './db/pool';

export interface Database {
  pool: Pool;
  /** Closes the pool, then stops the embedded PostgreSQL if this process started it. */
  close(): Promise<void>;
}

export async function openDatabase(options: { dataDir: string; databaseUrl?: string | undefined }): Promise<Database> {
  const embedded = options.databaseUrl ? null : await startEmbeddedPostgres(options.dataDir, { log: debugLog });
  const pool = openPool(options.databaseUrl ?? embedded!.url);
  const close = async () => {
    await pool.end();
    await embedded?.stop();
  };
  try {
    await migrate(pool);
  } catch (error) {
    await close();
    throw error;
  }
  return { pool, close };
}

/** PostgreSQL's own log lines: noise for people, useful when something goes wrong (VANTHU_DEBUG=1). */
function debugLog(line: string): void {
  if (process.env.VANTHU_DEBUG) process.stderr.write(line);
}
