/**
 * One embedded PostgreSQL per test file, and a fresh database per test (CREATE DATABASE takes milliseconds, a cluster
 * seconds): tests never see each other's rows and need no cleaning up.
 *
 *   const postgres = useTestPostgres();
 *   it('…', async () => { const { url, pool } = await postgres.freshDatabase(); … });
 */
import { chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/db/embeddedPostgres';
import { migrate } from '../../server/db/migrate';
import { openPool, type Pool } from '../../server/db/pool';
import { tempDir } from './coreFixture';

export interface TestPostgres {
  /** A new empty database and a pool on it (closed after the file); migrated unless `migrated` is false. */
  freshDatabase(options?: { migrated?: boolean }): Promise<{ url: string; pool: Pool }>;
}

export function useTestPostgres(): TestPostgres {
  const folder = tempDir('vanthu-pg-');
  // PostgreSQL runs as its own user when the tests run as root: it must be able to reach its folder inside ours.
  chmodSync(folder.dir, 0o755);
  let cluster: EmbeddedPostgres | undefined;
  const pools: Pool[] = [];

  beforeAll(async () => {
    cluster = await startEmbeddedPostgres(folder.dir, { durable: false });
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await cluster?.stop();
    folder.remove();
  });

  return {
    async freshDatabase({ migrated = true } = {}) {
      if (!cluster) throw new Error('useTestPostgres: the cluster starts in beforeAll; ask for a database inside a test');
      const name = `test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = cluster.url.replace(/\/[^/]+$/, `/${name}`);
      const pool = openPool(url);
      pools.push(pool);
      if (migrated) await migrate(pool);
      return { url, pool };
    },
  };
}
