/**
 * Sync: the documents as each organisation's clients last agreed on them, their history, the numbers taken from the
 * registers, and each client's applied sequence. `orgs.version` (0001) is the organisation's change-log counter: a
 * push takes its row lock for the whole transaction, so versions commit in the order they are given and a pull that
 * reads up to the organisation's committed version never skips a transaction still in flight.
 */
const migration = {
  version: 2,
  name: 'sync',
  sql: `
    CREATE TABLE sync_clients (
      id text PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs(id),
      user_id uuid NOT NULL REFERENCES users(id),
      last_seq bigint NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- Every mutation's answer, kept so that a resent one gets the same answer and is never applied twice.
    CREATE TABLE sync_mutations (
      id text PRIMARY KEY,
      client_id text NOT NULL REFERENCES sync_clients(id),
      seq bigint NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('applied', 'rejected')),
      reason jsonb,
      version bigint NOT NULL,
      UNIQUE (client_id, seq)
    );
    CREATE TABLE documents (
      org_id uuid NOT NULL REFERENCES orgs(id),
      entity text NOT NULL,
      id text NOT NULL,
      fields jsonb NOT NULL,
      version bigint NOT NULL,
      PRIMARY KEY (org_id, entity, id)
    );
    CREATE INDEX documents_by_version ON documents (org_id, version);
    -- The history: applied and refused actions alike, in version order.
    CREATE TABLE document_events (
      id text PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs(id),
      entity text NOT NULL,
      entity_id text NOT NULL,
      at text NOT NULL,
      actor_id text,
      actor text NOT NULL,
      kind text NOT NULL,
      data jsonb NOT NULL,
      version bigint NOT NULL,
      rejected jsonb,
      -- The account that pushed it; the actor above is who the client recorded (an uploaded history names others).
      pushed_by uuid NOT NULL REFERENCES users(id)
    );
    CREATE INDEX document_events_by_version ON document_events (org_id, version);
    CREATE TABLE taken_numbers (
      org_id uuid NOT NULL REFERENCES orgs(id),
      register text NOT NULL,
      year integer NOT NULL,
      number integer NOT NULL,
      entity text NOT NULL,
      entity_id text NOT NULL,
      PRIMARY KEY (org_id, register, year, number)
    );
    -- Which documents reference a file: a download is allowed only through a document the user may see.
    CREATE TABLE document_blobs (
      org_id uuid NOT NULL REFERENCES orgs(id),
      entity text NOT NULL,
      entity_id text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (org_id, entity, entity_id, hash)
    );
    CREATE INDEX document_blobs_by_hash ON document_blobs (org_id, hash);
  `,
};

export default migration;
