import type { Migration } from './index';

const migration: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      CREATE TABLE org (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        organ_id TEXT NOT NULL,
        name TEXT NOT NULL,
        abbrev TEXT NOT NULL,
        current_staff_id TEXT
      );
      CREATE TABLE units (id TEXT PRIMARY KEY, name TEXT NOT NULL, abbrev TEXT NOT NULL UNIQUE);
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        full_name TEXT NOT NULL,
        position TEXT NOT NULL,
        unit_id TEXT REFERENCES units(id),
        role TEXT NOT NULL CHECK (role IN ('van_thu', 'lanh_dao', 'chuyen_vien'))
      );

      CREATE TABLE registers (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('incoming', 'outgoing')),
        name TEXT NOT NULL
      );
      -- The last number given per register and year; bumped in the transaction that writes the document.
      CREATE TABLE register_counters (
        register_id TEXT NOT NULL REFERENCES registers(id),
        year INTEGER NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (register_id, year)
      ) WITHOUT ROWID;

      CREATE TABLE incoming_documents (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        register_id TEXT NOT NULL REFERENCES registers(id),
        year INTEGER NOT NULL,
        arrival_number INTEGER NOT NULL,
        arrival_date TEXT NOT NULL,
        organ_name TEXT NOT NULL,
        -- (issued year, number, folded notation, folded issuing body): the duplicate warning's key.
        duplicate_key TEXT NOT NULL,
        code_number TEXT NOT NULL,
        code_notation TEXT NOT NULL,
        issued_date TEXT NOT NULL,
        type_name TEXT NOT NULL,
        subject TEXT NOT NULL,
        signer_name TEXT NOT NULL,
        signer_position TEXT NOT NULL,
        place TEXT NOT NULL,
        priority INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 4),
        -- Secret documents never enter this table: they belong to the state-secret register.
        secrecy TEXT NOT NULL CHECK (secrecy = 'none'),
        page_amount INTEGER,
        due_date TEXT,
        to_places TEXT NOT NULL,
        note TEXT NOT NULL,
        document_id TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('paper', 'electronic')),
        status TEXT NOT NULL CHECK (status IN ('registered', 'presented', 'forwarded')),
        handed_over_at TEXT,
        duplicate_reason TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT,
        UNIQUE (register_id, year, arrival_number)
      );
      CREATE INDEX incoming_by_duplicate_key ON incoming_documents (duplicate_key);
      CREATE INDEX incoming_by_document_id ON incoming_documents (document_id) WHERE document_id <> '';
      CREATE INDEX incoming_by_number ON incoming_documents (year, arrival_number);
      CREATE INDEX incoming_by_arrival_date ON incoming_documents (arrival_date, arrival_number);
      CREATE INDEX incoming_by_type ON incoming_documents (type_name, year, arrival_number);
      CREATE INDEX incoming_by_organ ON incoming_documents (organ_name);

      CREATE TABLE incoming_attachments (
        document_id TEXT NOT NULL REFERENCES incoming_documents(id),
        position INTEGER NOT NULL,
        hash TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        mime TEXT NOT NULL,
        page_count INTEGER,
        PRIMARY KEY (document_id, position)
      ) WITHOUT ROWID;

      CREATE TABLE handovers (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES incoming_documents(id),
        action TEXT NOT NULL CHECK (action IN ('present', 'forward')),
        date TEXT NOT NULL,
        recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('staff', 'unit')),
        recipient_id TEXT NOT NULL,
        recipient_name TEXT NOT NULL,
        note TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL
      );
      CREATE INDEX handovers_by_document ON handovers (document_id, at);

      -- What was read from a stored file once: its page count and text, so the index can be rebuilt.
      CREATE TABLE content_text (
        hash TEXT PRIMARY KEY,
        page_count INTEGER,
        problem TEXT,
        text TEXT NOT NULL
      ) WITHOUT ROWID;

      -- Folded text of the metadata and of the attached PDFs; the rowid is incoming_documents.seq.
      CREATE VIRTUAL TABLE incoming_fts USING fts5(
        body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
      );

      -- Every state change of a document (who, when, what): the handling history and the unit of sync.
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        at TEXT NOT NULL,
        actor_id TEXT,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX events_by_entity ON events (entity_id, at);

      -- Local changes waiting for the server, written in the same transaction as the change; seq is per client.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        event_id TEXT NOT NULL REFERENCES events(id),
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      INSERT INTO registers (id, kind, name) VALUES ('incoming', 'incoming', 'Sổ đăng ký văn bản đến');
    `);
  },
};

export default migration;
