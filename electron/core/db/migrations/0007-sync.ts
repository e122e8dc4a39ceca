import type { Migration } from './index';

/**
 * Sync with the central server. The outbox gains a state (pending, rejected with its reason and the server's fields,
 * withdrawn by the user), and `sync_state` keeps this client's id, the server's address and the pull cursor.
 *
 * Outbox rows written before this version carry bare events, not mutations, and no server has ever seen them: they are
 * dropped and the sequence restarts at 1. Nothing is lost: on first login `uploadAll` sends every document as a create
 * mutation from its current fields, followed by its whole history.
 *
 * Events gain the reason the server refused them, so the history shows a refused change beside the applied ones.
 * A signed version's link to its event is no longer enforced by a foreign key: a version pulled or written back from
 * a refusal can arrive before the event that made it (the event may be on the next page, or on no page this user sees).
 */
const migration: Migration = {
  version: 7,
  name: 'sync',
  up(db) {
    db.exec(`
      DELETE FROM outbox;
      DELETE FROM sqlite_sequence WHERE name = 'outbox';
      ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected', 'withdrawn'));
      ALTER TABLE outbox ADD COLUMN reason TEXT;
      -- The server's fields of the document when it refused the mutation: the expected values of a re-application.
      ALTER TABLE outbox ADD COLUMN current TEXT;
      -- The document a mutation changes: a pulled document with pending local changes is not written over.
      ALTER TABLE outbox ADD COLUMN entity_id TEXT NOT NULL DEFAULT '';
      CREATE INDEX outbox_by_state ON outbox (state, seq);
      CREATE INDEX outbox_pending_by_entity ON outbox (entity_id) WHERE state = 'pending';

      ALTER TABLE events ADD COLUMN rejected TEXT;

      CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      -- Files that pulled documents reference, until the content store holds them: a cut download is tried again at
      -- the next round, and the document it arrived with is the one that authorises it.
      -- Who holds each register's numbering for a year, as the server last said: a number is taken here only when this
      -- client holds the lease or nobody does (the first client to push a number takes it).
      CREATE TABLE sync_leases (
        register_id TEXT NOT NULL,
        year INTEGER NOT NULL,
        holder_client TEXT,
        holder TEXT,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (register_id, year)
      ) WITHOUT ROWID;
      CREATE TABLE sync_downloads (hash TEXT PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL) WITHOUT ROWID;

      CREATE TABLE attachment_versions_new (
        document_id TEXT NOT NULL REFERENCES incoming_documents(id),
        position INTEGER NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 2),
        hash TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (document_id, position, version)
      ) WITHOUT ROWID;
      INSERT INTO attachment_versions_new SELECT document_id, position, version, hash, name, size, created_at, actor, event_id
        FROM attachment_versions;
      DROP TABLE attachment_versions;
      ALTER TABLE attachment_versions_new RENAME TO attachment_versions;
      CREATE INDEX attachment_versions_by_hash ON attachment_versions (hash);
    `);
  },
};

export default migration;
