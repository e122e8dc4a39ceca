import type { Migration } from './index';

/**
 * Work files (hồ sơ công việc): the year's file plan, the files opened from it and the documents filed into them.
 *
 * Each plan entry and each work file is a synced document of its own (entities 'filePlanEntry' and 'workFile'): two
 * clerks adding different entries offline, or two officers filing different documents into one file, touch different
 * keys and both apply. A filed document is a child row of its file keyed by its kind and id (`doc:incoming:<id>`), so
 * filing it twice is one row, and unfiling it removes the key. The order of filing (DocOrdinal) is `filed_at`.
 *
 * Nothing is unique across rows here but the ids: rows written by other computers arrive through sync, and a
 * notation used twice in a year is refused by the service, not by a constraint a pulled page could trip over.
 *
 * The exports made at closing (PDF and XML package) are child rows too (`export:pdf`), so their files travel by hash
 * like attachments. `processed_online` is the "processed entirely online" verdict taken at closing, when the file's
 * documents are frozen; the KPI report counts it.
 */
const migration: Migration = {
  version: 12,
  name: 'work-files',
  up(db) {
    db.exec(`
      CREATE TABLE file_plan (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        year INTEGER NOT NULL,
        notation TEXT NOT NULL,
        title TEXT NOT NULL,
        unit_id TEXT,
        -- Thời hạn bảo quản: "Vĩnh viễn", "10 năm"…
        retention TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX file_plan_by_year ON file_plan (year, notation);

      CREATE TABLE work_files (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        year INTEGER NOT NULL,
        plan_entry_id TEXT,
        notation TEXT NOT NULL,
        title TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        owner_name TEXT NOT NULL,
        retention TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
        opened_on TEXT NOT NULL,
        closed_on TEXT,
        processed_online INTEGER CHECK (processed_online IN (0, 1)),
        CHECK ((state = 'closed') = (closed_on IS NOT NULL))
      );
      CREATE INDEX work_files_by_year ON work_files (year, notation);
      -- The KPI report counts a province-year's files by unit from these alone (covering: no table row is read).
      CREATE INDEX work_files_opened ON work_files (opened_on, unit_id);
      CREATE INDEX work_files_closed ON work_files (closed_on, unit_id, processed_online) WHERE closed_on IS NOT NULL;

      CREATE TABLE work_file_documents (
        document_id TEXT NOT NULL REFERENCES work_files (id) ON DELETE CASCADE,
        doc_kind TEXT NOT NULL CHECK (doc_kind IN ('incoming', 'outgoing')),
        doc_id TEXT NOT NULL,
        filed_at TEXT NOT NULL,
        filed_by TEXT NOT NULL,
        PRIMARY KEY (document_id, doc_kind, doc_id)
      ) WITHOUT ROWID;
      CREATE INDEX work_file_documents_by_doc ON work_file_documents (doc_id);

      CREATE TABLE work_file_exports (
        document_id TEXT NOT NULL REFERENCES work_files (id) ON DELETE CASCADE,
        format TEXT NOT NULL CHECK (format IN ('pdf', 'xml')),
        hash TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (document_id, format)
      ) WITHOUT ROWID;
    `);
  },
};

export default migration;
