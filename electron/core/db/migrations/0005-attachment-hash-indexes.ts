import type { Db } from '../database';
import type { Migration } from './index';

/**
 * Whether any document still uses some bytes is asked by hash: when a refused secret document's uploads are discarded
 * and when abandoned uploads are swept. Without these indexes each question reads every attachment of the register.
 */
const migration: Migration = {
  version: 5,
  name: 'attachment-hash-indexes',
  up(db: Db) {
    db.exec(`
      CREATE INDEX incoming_attachments_by_hash ON incoming_attachments (hash);
      CREATE INDEX attachment_versions_by_hash ON attachment_versions (hash);
    `);
  },
};

export default migration;
