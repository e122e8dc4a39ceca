import type { Migration } from './index';

/**
 * Signing in the app: the certificates the verifier trusts (roots and the intermediates signed files often leave out),
 * small settings such as the token library's path, and the signed versions of attachments. A signed PDF is a new
 * version beside the received one, never a replacement: the bytes the office received stay as they came.
 */
const migration: Migration = {
  version: 3,
  name: 'signing',
  up(db) {
    db.exec(`
      CREATE TABLE trusted_certificates (
        fingerprint TEXT PRIMARY KEY,
        der BLOB NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('root', 'intermediate')),
        subject TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      -- Version 1 of an attachment is its incoming_attachments row; each signature adds the next version.
      CREATE TABLE attachment_versions (
        document_id TEXT NOT NULL REFERENCES incoming_documents(id),
        position INTEGER NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 2),
        hash TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        event_id TEXT NOT NULL REFERENCES events(id),
        PRIMARY KEY (document_id, position, version)
      ) WITHOUT ROWID;
    `);
  },
};

export default migration;
