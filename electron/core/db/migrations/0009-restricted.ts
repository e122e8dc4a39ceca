import type { Db } from '../database';
import type { Migration } from './index';

/**
 * Restricted incoming documents ("Hạn chế phạm vi xem"): only the people a document is handed to, their units, clerks
 * and leaders see it. This PC keeps the flag; the server decides from it who pulls the document.
 */
const migration: Migration = {
  version: 9,
  name: 'restricted',
  up(db: Db) {
    db.exec('ALTER TABLE incoming_documents ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0');
  },
};

export default migration;
