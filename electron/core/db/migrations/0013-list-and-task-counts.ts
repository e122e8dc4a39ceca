import type { Db } from '../database';
import type { Migration } from './index';

/**
 * Two reads that must stay fast at a million documents.
 *
 * A range of arrival dates sorted by issue date or deadline gathers its matches and sorts them. Through the arrival
 * index alone that read every matching document's row for its dates, 12,000 rows for a month and ten times that for
 * the part of a year a longer range cuts: `incoming_by_arrival_range` holds the dates and the year beside the arrival
 * date, so the list sorts the matches' keys inside the index and reads only the rows of the page it shows.
 *
 * The per-unit counts of open documents come with every task list. Counting them read every open document's entry in
 * the partial index, tens of thousands where a backlog has built up; `handling_open_counts` keeps the number of open
 * documents per lead unit ('' for a person without a unit), by triggers, so any write — a step taken here or a change
 * pulled from the server — keeps it in the same transaction. The overdue count is then the open count less the
 * documents not yet due, which are the few near the present, counted in `incoming_tasks_by_unit_due`: the partial
 * index of migration 10 without the state column made SQLite read each document's row to check its state.
 */
const migration: Migration = {
  version: 13,
  name: 'list-and-task-counts',
  up(db: Db) {
    db.exec(`
      CREATE INDEX incoming_by_arrival_range ON incoming_documents (arrival_date, year, issued_date, due_date);

      CREATE INDEX incoming_tasks_by_unit_due ON incoming_documents (lead_unit_id, handling_due, handling_state)
        WHERE handling_state IN ('assigned', 'handling');

      CREATE TABLE handling_open_counts (unit TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO handling_open_counts (unit, n)
        SELECT coalesce(lead_unit_id, ''), count(*) FROM incoming_documents WHERE handling_state IN ('assigned', 'handling') GROUP BY 1;

      CREATE TRIGGER handling_open_counts_insert AFTER INSERT ON incoming_documents
      WHEN new.handling_state IN ('assigned', 'handling')
      BEGIN
        INSERT INTO handling_open_counts (unit, n) VALUES (coalesce(new.lead_unit_id, ''), 1) ON CONFLICT (unit) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER handling_open_counts_delete AFTER DELETE ON incoming_documents
      WHEN old.handling_state IN ('assigned', 'handling')
      BEGIN
        UPDATE handling_open_counts SET n = n - 1 WHERE unit = coalesce(old.lead_unit_id, '');
      END;
      CREATE TRIGGER handling_open_counts_update AFTER UPDATE OF handling_state, lead_unit_id ON incoming_documents
      WHEN (old.handling_state IN ('assigned', 'handling')) IS NOT (new.handling_state IN ('assigned', 'handling'))
        OR old.lead_unit_id IS NOT new.lead_unit_id
      BEGIN
        UPDATE handling_open_counts SET n = n - 1
          WHERE old.handling_state IN ('assigned', 'handling') AND unit = coalesce(old.lead_unit_id, '');
        INSERT INTO handling_open_counts (unit, n) SELECT coalesce(new.lead_unit_id, ''), 1 WHERE new.handling_state IN ('assigned', 'handling')
          ON CONFLICT (unit) DO UPDATE SET n = n + 1;
      END;
    `);
  },
};

export default migration;
