import type { Migration } from './index';

/**
 * The read-only indexes a first sync into an empty cache drops and builds again at its end, each with the statement
 * that made it (as sqlite_master held it). A row here means the index is missing: the database's open builds it.
 */
const migration: Migration = {
  version: 21,
  name: 'deferred-indexes',
  up(db) {
    db.exec('CREATE TABLE deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL) WITHOUT ROWID');
  },
};

export default migration;
