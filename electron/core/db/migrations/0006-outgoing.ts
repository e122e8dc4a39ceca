import type { Migration } from './index';

/**
 * Outgoing documents (văn bản đi): drafts with their versions, review, approval, issue with a number from one of the
 * organisation's outgoing sequences, dispatch and recall. Sequences are rows of `registers` made when first used, so
 * the numbering mode the organisation chooses never needs a migration. An internal recipient's copy is an incoming
 * document that remembers the outgoing one it came from, so a recall marks it too.
 */
const migration: Migration = {
  version: 6,
  name: 'outgoing',
  up(db) {
    db.exec(`
      CREATE TABLE outgoing_documents (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('draft', 'reviewing', 'returned', 'approved', 'issued', 'dispatched', 'recalled', 'replaced')),
        type_name TEXT NOT NULL,
        subject TEXT NOT NULL,
        copy_kind TEXT NOT NULL CHECK (copy_kind IN ('none', 'SY', 'TrS', 'SL')),
        legal_normative INTEGER NOT NULL CHECK (legal_normative IN (0, 1)),
        drafting_unit_id TEXT REFERENCES units(id),
        drafter_id TEXT REFERENCES staff(id),
        drafter_name TEXT NOT NULL,
        signer_id TEXT NOT NULL REFERENCES staff(id),
        signer_name TEXT NOT NULL,
        signer_position TEXT NOT NULL,
        signer_authority TEXT NOT NULL,
        -- Who holds the draft for review now; null outside review.
        reviewer_id TEXT REFERENCES staff(id),
        priority INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 4),
        issued_amount INTEGER NOT NULL CHECK (issued_amount >= 1),
        due_date TEXT,
        note TEXT NOT NULL,
        -- Nơi nhận as one line, for the list, the register book and search.
        to_places TEXT NOT NULL,
        register_id TEXT REFERENCES registers(id),
        year INTEGER,
        number INTEGER,
        code_number TEXT NOT NULL DEFAULT '',
        code_notation TEXT NOT NULL DEFAULT '',
        issued_date TEXT,
        document_id TEXT NOT NULL DEFAULT '',
        dispatched_at TEXT,
        -- Why it was recalled or replaced, and by which document.
        closed_reason TEXT,
        replaced_by TEXT REFERENCES outgoing_documents(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (register_id, year, number),
        CHECK ((number IS NULL) = (status IN ('draft', 'reviewing', 'returned', 'approved')))
      );
      CREATE INDEX outgoing_by_status ON outgoing_documents (status, seq);
      CREATE INDEX outgoing_by_number ON outgoing_documents (year, number);
      CREATE INDEX outgoing_by_issued_date ON outgoing_documents (issued_date, number);
      CREATE INDEX outgoing_by_due_date ON outgoing_documents (due_date);
      CREATE INDEX outgoing_by_type ON outgoing_documents (type_name, year);
      CREATE INDEX outgoing_by_reviewer ON outgoing_documents (reviewer_id, status);
      CREATE INDEX outgoing_by_drafter ON outgoing_documents (drafter_id, status);

      CREATE TABLE outgoing_recipients (
        document_id TEXT NOT NULL REFERENCES outgoing_documents(id),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('unit', 'staff', 'external')),
        -- A unit's or staff member's id; null for an external organisation.
        ref_id TEXT,
        organ_id TEXT,
        name TEXT NOT NULL,
        PRIMARY KEY (document_id, position)
      ) WITHOUT ROWID;

      -- Every version of every file of a document: the main PDF, the work file it was made from, appendices.
      CREATE TABLE outgoing_files (
        document_id TEXT NOT NULL REFERENCES outgoing_documents(id),
        role TEXT NOT NULL CHECK (role IN ('main', 'work', 'attachment')),
        position INTEGER NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        hash TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        mime TEXT NOT NULL,
        -- What made this version: uploaded, approval, issue, attachment (the seal on an appendix).
        origin TEXT NOT NULL,
        created_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        PRIMARY KEY (document_id, role, position, version)
      ) WITHOUT ROWID;
      CREATE INDEX outgoing_files_by_hash ON outgoing_files (hash);

      CREATE VIRTUAL TABLE outgoing_fts USING fts5(
        body, facets, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
      );

      ALTER TABLE incoming_documents ADD COLUMN recalled_at TEXT;
      ALTER TABLE incoming_documents ADD COLUMN recall_reason TEXT;
      ALTER TABLE incoming_documents ADD COLUMN outgoing_id TEXT;
      CREATE INDEX incoming_by_outgoing ON incoming_documents (outgoing_id) WHERE outgoing_id IS NOT NULL;
    `);
  },
};

export default migration;
