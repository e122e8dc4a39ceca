/**
 * A first sync writes tens of thousands of documents into an empty cache. Keeping a dozen list indexes right row by
 * row is most of that cost, while SQLite builds an index from a sorted scan of a full table several times faster.
 * So the indexes that serve only reading are dropped while it runs and built once at its end.
 *
 * The indexes are taken from sqlite_master as they are at that moment (a migration may have added or changed any), and
 * each is recorded with its statement in the same transaction that drops it: a process killed in between leaves
 * either the index or its record, and opening the database builds whatever is recorded.
 *
 * While indexes are missing, statements that name one (INDEXED BY, the lists' way of choosing their plan) are run
 * without the name: the lists still answer, slower, and the sync status says so.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

/**
 * Drops the non-unique indexes of the given tables and records them. Unique ones stay: they keep the data right, and
 * the writes look documents up by them. Run inside the caller's transaction.
 */
export function deferIndexes(db: Db, tables: readonly string[]): number {
  const indexes = db
    .prepare<[string], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
       AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name`,
    )
    .all(JSON.stringify(tables));
  const record = db.prepare('INSERT INTO deferred_indexes (name, sql) VALUES (?, ?)');
  for (const { name, sql } of indexes) {
    record.run(name, sql);
    db.exec(`DROP INDEX "${name}"`);
  }
  return indexes.length;
}

/** Builds every recorded index and forgets its record; how many. Run inside the caller's transaction. */
export function buildDeferredIndexes(db: Db): number {
  const recorded = db.prepare<[], { name: string; sql: string }>('SELECT name, sql FROM deferred_indexes ORDER BY name').all();
  for (const { sql } of recorded) db.exec(sql);
  db.prepare('DELETE FROM deferred_indexes').run();
  return recorded.length;
}

/** At open, before the migrations (which expect the indexes they made): what a killed first sync left missing. */
export function repairDeferredIndexes(db: Db): void {
  const kept = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deferred_indexes'`).get();
  if (kept) db.transaction(() => buildDeferredIndexes(db)).immediate();
}

/**
 * Prepares statements once per text, run as written or, while indexes are deferred, without their INDEXED BY clauses
 * (a statement naming a missing index would be refused). `deferred` says which.
 */
export function indexedStatements(db: Db): { deferred(): boolean; prepare(sql: string): Statement } {
  const anyDeferred = db.prepare('SELECT EXISTS (SELECT 1 FROM deferred_indexes)').pluck();
  const deferred = () => anyDeferred.get() === 1;
  const statements = new Map<string, Statement>();
  const prepare = (written: string) => {
    const sql = deferred() ? written.replace(/\s+INDEXED BY \w+/g, '') : written;
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  return { deferred, prepare };
}
