import type { Migration } from './index';

/**
 * Provisional entries: a computer that registers while another computer holds the register's numbering lease keeps the
 * document without a số đến, and the lease holder numbers it when the two have synced. `arrival_number` becomes
 * nullable. SQLite cannot drop a NOT NULL, so the table is rebuilt: every row keeps its `seq` (the full-text index's
 * rowid), and its indexes and triggers are made again from their own stored definitions.
 *
 * The unique (register, year, number) key still holds for numbered rows: SQLite lets several NULLs share it.
 * `incoming_by_seq_provisional` finds the entries waiting for a number without reading the register.
 */
const migration: Migration = {
  version: 8,
  name: 'provisional-entries',
  rebuildsTables: true,
  up(db) {
    const table = db.prepare<[], string>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'incoming_documents'").pluck().get()!;
    const dependents = db
      .prepare<[], { type: string; name: string; sql: string }>(
        "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'incoming_documents' AND type IN ('index', 'trigger') AND sql IS NOT NULL",
      )
      .all();
    const nullable = table.replace(/arrival_number INTEGER NOT NULL/, 'arrival_number INTEGER');
    if (nullable === table) throw new Error('incoming_documents has an unexpected definition');
    // SQLite's table rebuild, with foreign keys off (`rebuildsTables`): the attachments, hand-overs and signed versions
    // keep naming "incoming_documents", the rebuilt table under that name.
    db.exec(nullable.replace(/CREATE TABLE "?incoming_documents"?/, 'CREATE TABLE incoming_documents_rebuilt'));
    db.exec('INSERT INTO incoming_documents_rebuilt SELECT * FROM incoming_documents');
    db.exec('DROP TABLE incoming_documents');
    db.exec('ALTER TABLE incoming_documents_rebuilt RENAME TO incoming_documents');
    for (const d of dependents) db.exec(d.sql);
    db.exec('CREATE INDEX incoming_by_seq_provisional ON incoming_documents (seq) WHERE arrival_number IS NULL');
  },
};

export default migration;
