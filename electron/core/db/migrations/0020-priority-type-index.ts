import type { Migration } from './index';

/**
 * The urgency index also holds the type. A list filtered by year, type and urgency (a few dozen to a few thousand
 * documents) gathered every document of that urgency and year through `(priority, year)` and read each row to check
 * its type: about 4,800 rows for an urgent level of one year, 56 ms at the median and up to 150 ms at a million
 * documents on a loaded machine. With the type in the index it reads only the matching rows. Its entries still go in
 * at the end of their (urgency, year, type) run, so registering costs what it did.
 */
const migration: Migration = {
  version: 20,
  name: 'priority-type-index',
  up(db) {
    db.exec(`
      DROP INDEX incoming_by_priority;
      CREATE INDEX incoming_by_priority ON incoming_documents (priority, year, type_name);
    `);
  },
};

export default migration;
