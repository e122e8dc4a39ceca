import type { Migration } from './index';

/**
 * An incoming document another agency replaced through the exchange (edXML replacement): the entry that replaces it.
 * Such a document is withdrawn like a recalled one (recalled_at, recall_reason) and points to its successor.
 */
const migration: Migration = {
  version: 17,
  name: 'incoming-replaced-by',
  up(db) {
    db.exec(`
      ALTER TABLE incoming_documents ADD COLUMN replaced_by TEXT;
      CREATE INDEX incoming_by_replaced_by ON incoming_documents (replaced_by) WHERE replaced_by IS NOT NULL;
    `);
  },
};

export default migration;
