/** Opening the local SQLite cache: WAL, foreign keys, a busy timeout, and the numbered migrations. */
import Database from 'better-sqlite3';
import { OWNER_ONLY_FILE, ownerOnlyFile, restrictToOwner } from '../ownerOnly';
import { repairDeferredIndexes } from './deferredIndexes';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export function openDatabase(file: string): Db {
  ownerOnlyFile(file);
  for (const companion of [`${file}-wal`, `${file}-shm`]) restrictToOwner(companion, OWNER_ONLY_FILE);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a registered number survives a power cut, not only a killed process. Bulk imports batch their commits.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 15000');
  // Up to 128 MB of pages (taken only as pages are read): the hot parts of a million-row register's indexes stay in
  // memory while registering and searching. Temporary sort tables stay in memory too.
  db.pragma('cache_size = -131072');
  db.pragma('temp_store = MEMORY');
  repairDeferredIndexes(db);
  migrate(db);
  return db;
}

/** Applies each pending migration in its own transaction; `user_version` records the last one applied. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    // SQLite's way to rebuild a referenced table: foreign keys off outside the transaction (they cannot change inside
    // one), then checked as a whole before the commit.
    const keysOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`Migration ${migration.version} broke a foreign key`);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (migration.rebuildsTables && keysOn) db.pragma('foreign_keys = ON');
    }
  }
}
