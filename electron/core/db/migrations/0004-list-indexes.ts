import type { Db } from '../database';
import { organMatchText } from '../incomingList';
import type { Migration } from './index';

/**
 * The register list at a million rows. Sorting by issue or due date walks an index instead of sorting the register,
 * with a year-first twin for each because those dates follow the year: walking the undivided index for one year
 * would step over every other year first. Urgency and status get indexes for the rare values a clerk filters on, and
 * the issuing body one with the year, so "this body, this year" is counted from the index alone.
 * `incoming_counts` holds how many documents each (year, type, urgency, status) has, kept by triggers in the writing
 * transaction, so a filtered list states its exact size without counting rows. `incoming_organs` is the small set of
 * issuing bodies with their folded names: the issuing-body filter matches "so y te" there, then looks the few
 * matching names up in the register's index.
 */
const migration: Migration = {
  version: 4,
  name: 'list-indexes',
  up(db: Db) {
    db.exec(`
      CREATE INDEX incoming_by_issued_date ON incoming_documents (issued_date);
      CREATE INDEX incoming_by_year_issued_date ON incoming_documents (year, issued_date);
      CREATE INDEX incoming_by_due_date ON incoming_documents (due_date);
      CREATE INDEX incoming_by_year_due_date ON incoming_documents (year, due_date);
      CREATE INDEX incoming_by_priority ON incoming_documents (priority, year);
      CREATE INDEX incoming_by_status ON incoming_documents (status, year);
      CREATE INDEX incoming_by_organ_year ON incoming_documents (organ_name, year);

      CREATE TABLE incoming_counts (
        year INTEGER NOT NULL,
        type_name TEXT NOT NULL,
        priority INTEGER NOT NULL,
        status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (year, type_name, priority, status)
      ) WITHOUT ROWID;
      INSERT INTO incoming_counts (year, type_name, priority, status, n)
        SELECT year, type_name, priority, status, count(*) FROM incoming_documents GROUP BY year, type_name, priority, status;

      CREATE TRIGGER incoming_counts_insert AFTER INSERT ON incoming_documents BEGIN
        INSERT INTO incoming_counts (year, type_name, priority, status, n) VALUES (new.year, new.type_name, new.priority, new.status, 1)
          ON CONFLICT (year, type_name, priority, status) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER incoming_counts_delete AFTER DELETE ON incoming_documents BEGIN
        UPDATE incoming_counts SET n = n - 1
          WHERE year = old.year AND type_name = old.type_name AND priority = old.priority AND status = old.status;
      END;
      CREATE TRIGGER incoming_counts_update AFTER UPDATE OF year, type_name, priority, status ON incoming_documents
      WHEN old.year IS NOT new.year OR old.type_name IS NOT new.type_name OR old.priority IS NOT new.priority
        OR old.status IS NOT new.status
      BEGIN
        UPDATE incoming_counts SET n = n - 1
          WHERE year = old.year AND type_name = old.type_name AND priority = old.priority AND status = old.status;
        INSERT INTO incoming_counts (year, type_name, priority, status, n) VALUES (new.year, new.type_name, new.priority, new.status, 1)
          ON CONFLICT (year, type_name, priority, status) DO UPDATE SET n = n + 1;
      END;

      CREATE TABLE incoming_organs (name TEXT PRIMARY KEY, match_text TEXT NOT NULL) WITHOUT ROWID;
    `);
    const insertOrgan = db.prepare('INSERT INTO incoming_organs (name, match_text) VALUES (?, ?)');
    const names = db.prepare<[], string>('SELECT DISTINCT organ_name FROM incoming_documents').pluck().all();
    for (const name of names) insertOrgan.run(name, organMatchText(name));
  },
};

export default migration;
