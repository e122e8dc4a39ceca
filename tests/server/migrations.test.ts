/** Numbered migrations on a real PostgreSQL: applied once, recorded, and safe when two servers start together. */
import { describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate';
import { MIGRATIONS } from '../../server/db/migrations';
import { openPool } from '../../server/db/pool';
import { useTestPostgres } from '../support/testPostgres';

const postgres = useTestPostgres();

describe('migrate', () => {
  it('applies every migration once, records it, and does nothing the second time', async () => {
    const { pool } = await postgres.freshDatabase({ migrated: false });
    expect(await migrate(pool)).toEqual(MIGRATIONS.map((m) => m.version));
    const recorded = await pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(recorded.rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    const tables = await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['orgs', 'units', 'users', 'refresh_tokens', 'server_secrets']));
    expect(await migrate(pool)).toEqual([]);
  });

  it('lets two processes migrate one database at the same moment: each migration runs exactly once', async () => {
    const { url } = await postgres.freshDatabase({ migrated: false });
    const [a, b] = [openPool(url), openPool(url)];
    try {
      const [first, second] = await Promise.all([migrate(a), migrate(b)]);
      expect([...first, ...second].sort()).toEqual(MIGRATIONS.map((m) => m.version));
      const recorded = await a.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(recorded.rows[0].n).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    const { pool } = await postgres.freshDatabase({ migrated: false });
    const broken = { version: 99, name: 'broken', sql: 'CREATE TABLE half (id int); SELECT no_such_function();' };
    await expect(migrate(pool, [...MIGRATIONS, broken])).rejects.toThrow();
    const half = await pool.query(`SELECT to_regclass('half') AS t`);
    expect(half.rows[0].t).toBeNull();
    const recorded = await pool.query('SELECT max(version) AS v FROM schema_migrations');
    expect(recorded.rows[0].v).toBe(MIGRATIONS.at(-1)!.version);
  });
});
