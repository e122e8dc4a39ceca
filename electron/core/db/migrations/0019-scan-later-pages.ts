import type { Migration } from './index';

/**
 * The pages of a long scan its first reading left for later (a JSON array of page numbers, null when none): they are
 * recognised in the background once the scan is registered, one at a time, and the list shrinks as each is read, so a
 * restart resumes where the reading stopped.
 */
const migration: Migration = {
  version: 19,
  name: 'scan-later-pages',
  up(db) {
    db.exec(`
      ALTER TABLE content_text ADD COLUMN unread_pages TEXT;
      CREATE INDEX content_text_unread ON content_text (hash) WHERE unread_pages IS NOT NULL;
    `);
  },
};

export default migration;
