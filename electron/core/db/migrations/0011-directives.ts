import type { Migration } from './index';

/**
 * Leaders' directives (ý kiến chỉ đạo): the content, where it was given (a meeting with its name and date, or an
 * incoming document), the leader, the deadline; one row per unit in charge with the day its head marked the part done;
 * one row per progress report. A directive syncs as a document of its own (entity 'directive'): units and reports are
 * its child rows, keyed by unit and by report id, so two units reporting offline never touch the same field.
 *
 * Ids of people, units and the incoming document are kept without foreign keys, with the names as they were: a
 * directive pulled from the server may name a document this PC may not see, or a unit it has not heard of yet.
 */
const migration: Migration = {
  version: 11,
  name: 'directives',
  up(db) {
    db.exec(`
      CREATE TABLE directives (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content TEXT NOT NULL,
        -- The meeting it was given at, or the incoming document it was given on (exactly one of them).
        meeting_name TEXT,
        meeting_date TEXT,
        incoming_id TEXT,
        leader_id TEXT NOT NULL,
        leader_name TEXT NOT NULL,
        given_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        cancelled_at TEXT,
        cancel_note TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX directives_by_given_date ON directives (given_date);
      CREATE INDEX directives_by_incoming ON directives (incoming_id) WHERE incoming_id IS NOT NULL;

      CREATE TABLE directive_units (
        document_id TEXT NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
        unit_id TEXT NOT NULL,
        unit_name TEXT NOT NULL,
        lead INTEGER NOT NULL DEFAULT 0,
        done_date TEXT,
        done_by TEXT,
        done_note TEXT,
        PRIMARY KEY (document_id, unit_id)
      ) WITHOUT ROWID;

      CREATE TABLE directive_reports (
        document_id TEXT NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        note TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        PRIMARY KEY (document_id, id)
      ) WITHOUT ROWID;

      -- Folded content, so that the sync writer keeps an index as it does for every synced entity.
      CREATE VIRTUAL TABLE directive_fts USING fts5(
        body, facets, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
      );
    `);
  },
};

export default migration;
