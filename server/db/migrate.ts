/**
 * Applies the pending numbered migrations, each in one transaction with its version recorded in `schema_migrations`.
 * Every step holds one advisory lock for its transaction, so server processes starting together against one database
 * apply each migration once: the second waits, then finds it recorded.
 */
import { MIGRATIONS, type Migration } from './migrations';
import { inTransaction, type Pool } from './pool';

/** An arbitrary constant that names "migrating the Vanthu schema" among the advisory locks of the database. */
const MIGRATION_LOCK = 7_361_020_001;

/** Returns the versions it applied (empty when the database was up to date). */
export async function migrate(pool: Pool, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  for (;;) {
    const next = await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((row) => row.version));
      const pending = migrations.find((migration) => !done.has(migration.version));
      if (!pending) return null;
      await client.query(pending.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [pending.version, pending.name]);
      return pending.version;
    });
    if (next === null) return applied;
    applied.push(next);
  }
}
